import { describe, expect, it } from 'vitest';
import { escapeXml, flowchartSvg } from './flowchart.js';
import type { Flow } from './item.types.js';

const flow: Flow = {
  steps: [
    { key: 'register', name: '立案', post: '承办科室', limitDays: 5, documents: ['立案审批表'] },
    { key: 'investigate', name: '调查<取证>', post: '执法人员', limitDays: 30, riskPoints: ['选择性执法'], supervisionPoints: ['证据上传'] },
    { key: 'decide', name: '决定', post: '分管领导', limitDays: 10, evidenceRequired: true },
  ],
  rollbacks: [['decide', 'investigate']],
};

describe('flowchartSvg', () => {
  it('public version shows steps and limits but no posts, risk or supervision points', () => {
    const svg = flowchartSvg(flow, 'public', '处罚 & 事项');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('立案');
    expect(svg).toContain('时限：30个工作日');
    expect(svg).toContain('环节时限合计45个工作日');
    expect(svg).toContain('处罚 &amp; 事项');
    expect(svg).not.toContain('承办科室');
    expect(svg).not.toContain('选择性执法');
    expect(svg).not.toContain('证据上传');
    expect(svg).not.toContain('回退');
  });
  it('internal version adds posts, documents, risk and supervision points and returns', () => {
    const svg = flowchartSvg(flow, 'internal');
    for (const s of ['岗位：承办科室', '文书：立案审批表', '风险点：选择性执法', '监察点：证据上传', '须上传证据', '回退']) expect(svg).toContain(s);
  });
  it('escapes text so step names cannot inject markup', () => {
    const svg = flowchartSvg(flow, 'public');
    expect(svg).toContain('调查&lt;取证&gt;');
    expect(svg).not.toContain('<取证>');
    expect(escapeXml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });
  it('says so when there is no flow', () => {
    expect(flowchartSvg(null, 'public')).toContain('尚未公布运行流程');
  });
});
