import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../../lib/i18n';
import { type EditorFlow, type EditorStep, flowProblems, newStepKey } from './flow-check';
import { RiskPointsCell } from './risk-points-cell';
import { RollbacksEditor } from './rollbacks-editor';

interface Props {
  value?: EditorFlow | null;
  onChange?: (v: EditorFlow | null) => void;
  promisedLimitDays?: number | null;
  legalLimitDays?: number | null;
}

/**
 * 内部流程 edited as a table (盐城 网上运行办法 第十八条: 流程图附岗位时限、处室、文书): name, post, limit, documents,
 * evidence, risk and supervision points of each step, add / remove / reorder, and the allowed returns; the sum of the
 * step limits is checked against the promised limit as the user types, naming the step where it passes it.
 */
export function StepEditor({ value, onChange, promisedLimitDays, legalLimitDays }: Props) {
  const { L, lang } = useI18n();
  const flow: EditorFlow = value ?? { steps: [], rollbacks: [] };
  const set = (f: EditorFlow) => onChange?.(f);
  const patch = (i: number, p: Partial<EditorStep>) => set({ ...flow, steps: flow.steps.map((s, j) => (j === i ? { ...s, ...p } : s)) });
  const move = (i: number, d: -1 | 1) => {
    const steps = [...flow.steps];
    [steps[i], steps[i + d]] = [steps[i + d]!, steps[i]!];
    set({ ...flow, steps });
  };
  const remove = (i: number) => {
    const key = flow.steps[i]!.key;
    set({ steps: flow.steps.filter((_, j) => j !== i), rollbacks: flow.rollbacks.filter(([a, b]) => a !== key && b !== key) });
  };
  const add = () => set({ ...flow, steps: [...flow.steps, { key: newStepKey(flow.steps), name: '', limitDays: 1 }] });
  const problems = flowProblems(flow, promisedLimitDays, legalLimitDays);
  const badRows = new Set(problems.map((p) => p.index).filter((i): i is number => i !== null));
  const sum = flow.steps.reduce((a, s) => a + (typeof s.limitDays === 'number' ? s.limitDays : 0), 0);
  const stepLabel = (i: number) => L(`第${i + 1}个环节`, `Step ${i + 1}`);
  const tags = (i: number, k: 'documents' | 'supervisionPoints', what: string, testid: string) => (
    <Select mode="tags" size="small" style={{ minWidth: 130, width: '100%' }} value={flow.steps[i]![k] ?? []} open={false} tokenSeparators={['，', ',', '；', ';']}
      onChange={(v: string[]) => patch(i, { [k]: v })} placeholder={L('输入后回车', 'Type, then Enter')} aria-label={`${stepLabel(i)}${what}`} data-testid={testid} />
  );
  const columns: ColumnsType<EditorStep> = [
    { title: L('序号', 'No.'), key: 'n', width: 52, fixed: 'left', render: (_, __, i) => i + 1 },
    { title: L('环节名称', 'Step'), key: 'name', width: 150, render: (_, s, i) => <Input size="small" id={`step-name-${i}`} value={s.name} status={!s.name.trim() ? 'error' : undefined} aria-label={L(`${stepLabel(i)}名称`, `Name of step ${i + 1}`)} onChange={(e) => patch(i, { name: e.target.value })} /> },
    { title: L('岗位', 'Post'), key: 'post', width: 130, render: (_, s, i) => <Input size="small" id={`step-post-${i}`} value={s.post ?? ''} aria-label={L(`${stepLabel(i)}岗位`, `Post of step ${i + 1}`)} onChange={(e) => patch(i, { post: e.target.value })} /> },
    { title: L('时限（工作日）', 'Limit (working days)'), key: 'limit', width: 96, render: (_, s, i) => <InputNumber size="small" id={`step-limit-${i}`} min={0} precision={0} value={s.limitDays} status={badRows.has(i) ? 'error' : undefined} aria-label={L(`${stepLabel(i)}时限`, `Limit of step ${i + 1}`)} onChange={(v) => patch(i, { limitDays: v ?? 0 })} style={{ width: 80 }} /> },
    { title: L('岗位文书', 'Documents'), key: 'docs', render: (_, __, i) => tags(i, 'documents', L('岗位文书', ' documents'), `step-docs-${i}`) },
    { title: L('须上传证据', 'Evidence'), key: 'ev', width: 76, render: (_, s, i) => <Checkbox checked={!!s.evidenceRequired} onChange={(e) => patch(i, { evidenceRequired: e.target.checked })} aria-label={L(`${stepLabel(i)}须上传证据`, `Step ${i + 1} requires evidence`)} /> },
    { title: L('廉政风险点', 'Risk points'), key: 'risk', render: (_, s, i) => <RiskPointsCell value={s.riskPoints} onChange={(v) => patch(i, { riskPoints: v })} stepLabel={stepLabel(i)} /> },
    { title: L('监察点', 'Supervision points'), key: 'sup', render: (_, __, i) => tags(i, 'supervisionPoints', L('监察点', ' supervision points'), `step-sup-${i}`) },
    {
      title: L('调整', 'Order'), key: 'ops', width: 104, fixed: 'right', render: (_, __, i) => (
        <Space size={0}>
          <Tooltip title={L('上移', 'Up')}><Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={L(`${stepLabel(i)}上移`, `Move step ${i + 1} up`)} data-testid={`step-up-${i}`} /></Tooltip>
          <Tooltip title={L('下移', 'Down')}><Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === flow.steps.length - 1} onClick={() => move(i, 1)} aria-label={L(`${stepLabel(i)}下移`, `Move step ${i + 1} down`)} data-testid={`step-down-${i}`} /></Tooltip>
          <Tooltip title={L('删除', 'Remove')}><Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label={L(`删除${stepLabel(i)}`, `Remove step ${i + 1}`)} data-testid={`step-remove-${i}`} /></Tooltip>
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="step-editor">
      <Table<EditorStep> size="small" rowKey="key" dataSource={flow.steps} columns={columns} pagination={false} scroll={{ x: 1100 }} bordered
        rowClassName={(_, i) => (badRows.has(i) ? 'step-row-problem' : '')} locale={{ emptyText: L('尚无环节', 'No steps') }} />
      <Space wrap>
        <Button size="small" icon={<PlusOutlined />} onClick={add} data-testid="step-add">{L('添加环节', 'Add a step')}</Button>
        <Typography.Text type={promisedLimitDays != null && sum > promisedLimitDays ? 'danger' : 'secondary'} data-testid="step-sum">
          {L(`各环节时限合计 ${sum} 个工作日，承诺时限 ${promisedLimitDays ?? '—'} 个工作日`, `Steps total ${sum} working days; promised ${promisedLimitDays ?? '—'}`)}
        </Typography.Text>
      </Space>
      {problems.length > 0 && (
        <Alert type="error" showIcon data-testid="step-problems" title={L('流程尚不能提交', 'The flow cannot be submitted yet')}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p, i) => <li key={i}>{lang === 'en' ? p.en : p.zh}</li>)}</ul>} />
      )}
      <RollbacksEditor flow={flow} onChange={set} />
    </Space>
  );
}
