import type { PowerItem, PowerItemVersion } from '../../src/domain/catalog/item.types.js';
import { validateItem, describeProblems } from '../../src/domain/catalog/item.validate.js';
import type { AppContext } from '../../src/services/context.js';
import { storeItem } from '../../src/services/catalog/item-writer.js';
import type { Queryable } from '../../src/store/db.js';
import { seedDepartment, seedRegions } from './factories.js';

/** A complete penalty item of 通川区生态环境局 (every §2 field, valid, published). */
export function sampleItem(partial: Partial<PowerItem> & { department?: string } = {}): Record<string, unknown> {
  return {
    name: '对未依法取得排污许可证排放污染物的处罚',
    category: 'penalty',
    department: partial.departmentCode ?? partial.department ?? '511702-STJ',
    legalBasis: [{ law: '中华人民共和国环境保护法', article: '第六十三条', text: '未取得排污许可证排放污染物，被责令停止排污，拒不执行的' }],
    legalLimitDays: 90,
    promisedLimitDays: 60,
    fees: [{ code: 'F1', name: '无', amount: 0, basis: '不收费' }],
    location: '通川区政务服务中心三楼', phone: '0818-2100000', guide: '依法立案、调查、告知、决定、送达',
    materials: ['现场检查笔录'],
    remedies: '行政复议或行政诉讼：自知道之日起六十日内申请行政复议，或六个月内提起行政诉讼',
    confidential: false,
    flow: {
      steps: [
        { key: 'register', name: '立案', post: '承办科室', limitDays: 5, documents: ['立案审批表'] },
        { key: 'investigate', name: '调查取证', post: '执法人员', limitDays: 30, riskPoints: ['选择性执法'], supervisionPoints: ['证据上传'] },
        { key: 'decide', name: '决定', post: '分管领导', limitDays: 10, evidenceRequired: true },
      ],
      rollbacks: [['decide', 'investigate']],
    },
    discretion: [
      { circumstance: '轻微', kind: 'fine', min: 0, max: 20000 },
      { circumstance: '一般', kind: 'fine', min: 20000, max: 100000 },
      { circumstance: '严重', kind: 'fine', min: 100000, max: 1000000 },
    ],
    ...partial,
  };
}

/**
 * Stores an in-force item version quickly (no audit, no policy) and returns it. Defaults:
 * 通川区生态环境局 (511702-STJ, created with the demo regions if missing), the penalty item of
 * §2 (flow register 5 / investigate 30 / decide 10, legal 90, promised 60, three discretion
 * bands), effective from 2020-01-01 so any test instant finds it. Pass `code` to choose the
 * code (else the coding rule assigns one), `effectiveFrom` for a dated version (seeding the
 * same code again with other content makes version 2, at any date — tests may backdate).
 */
export async function seedItem(
  q: Queryable,
  ctx: AppContext,
  partial: Partial<PowerItem> & { department?: string; effectiveFrom?: Date; departmentName?: string } = {},
): Promise<PowerItemVersion> {
  const { effectiveFrom, departmentName, ...fields } = partial;
  const raw = sampleItem(fields);
  const dept = String(raw.department);
  const exists = await q.query('SELECT 1 FROM departments WHERE code = $1', [dept]);
  if (!exists.length) {
    await seedRegions(q);
    const region = partial.regionCode ?? (/^\d{6}-/.test(dept) ? dept.slice(0, 6) : '511702');
    await seedDepartment(q, dept, departmentName ?? `测试部门${dept}`, region);
  }
  delete raw.departmentCode;
  delete raw.regionCode;
  const checked = validateItem(raw);
  if (!checked.ok) throw new Error(`seedItem: ${describeProblems(raw, checked.problems)}`);
  const res = await storeItem(q, ctx, checked.item, { effectiveFrom: effectiveFrom ?? new Date('2020-01-01T00:00:00+08:00'), createdBy: 'test', allowBackdate: true });
  return res.version;
}
