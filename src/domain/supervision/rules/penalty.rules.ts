import { finding, type EventRule } from '../rule.types.js';
import type { EventDataMap } from '../../cases/case.types.js';

const CST = 8 * 3_600_000;
const cstDay = (d: Date) => new Date(d.getTime() + CST).toISOString().slice(0, 10);

// 四川电子监察办法 第十条(二)7: 处罚是否按裁量基准档次对应相应的裁量标准
export const discretionOutOfRange: EventRule = {
  code: 'DISCRETION_OUT_OF_RANGE',
  on: ['case.decided'],
  check(_s, e, ctx) {
    const p = (e.data as EventDataMap['case.decided']).penalty;
    if (!p) return [];
    const bands = (ctx.item?.discretion ?? []).filter((b) => b.circumstance === p.circumstance && (!p.kind || b.kind === p.kind));
    if (!bands.length) {
      return [finding(ctx, 'DISCRETION_OUT_OF_RANGE', null, `裁量越档: 情节「${p.circumstance}」不在裁量基准中 (circumstance not in the discretion table)`, { circumstance: p.circumstance })];
    }
    const ok = bands.some((b) => p.amount >= b.min && p.amount <= b.max);
    return ok ? [] : [finding(ctx, 'DISCRETION_OUT_OF_RANGE', null,
      `裁量越档: 情节「${p.circumstance}」罚款 ${p.amount} 超出 ${bands.map((b) => `${b.min}–${b.max}`).join('/')} (amount outside the band)`,
      { circumstance: p.circumstance, amount: p.amount })];
  },
};

// 四川电子监察办法 第十条(二)8: 处罚执行与决定是否一致, 执行凭据是否上传
export const executionMismatch: EventRule = {
  code: 'EXECUTION_MISMATCH',
  on: ['penalty.executed'],
  check(state, e, ctx) {
    const d = e.data as EventDataMap['penalty.executed'];
    const decided = state.decision?.penalty?.amount;
    const why = decided === undefined || decided === null ? '无处罚决定即执行 (executed without a penalty decision)'
      : decided !== d.amount ? `执行金额 ${d.amount} 与决定金额 ${decided} 不一致 (amount differs)`
      : !d.receiptNo?.trim() ? '未上传执行凭据 (no receiptNo)' : null;
    return why ? [finding(ctx, 'EXECUTION_MISMATCH', null, `执行不一致: ${why}`, { amount: d.amount, decided: decided ?? null })] : [];
  },
};

// 成都办法 第十条(十一): 不按照法定项目和标准收费; 盐城电子监察办法 第十条: 监控收费情况
export const feeIrregular: EventRule = {
  code: 'FEE_IRREGULAR',
  on: ['fee.charged'],
  check(_s, e, ctx) {
    const d = e.data as EventDataMap['fee.charged'];
    const fee = (ctx.item?.fees ?? []).find((f) => f.code === d.feeCode);
    const why = !fee ? `收费项目 ${d.feeCode} 不在事项收费标准中 (fee not listed)`
      : fee.amount !== d.amount ? `收费 ${d.amount} 不等于标准 ${fee.amount} (amount differs from the standard)` : null;
    return why ? [finding(ctx, 'FEE_IRREGULAR', null, `违规收费: ${why}`, { feeCode: d.feeCode, amount: d.amount })] : [];
  },
};

// 四川电子监察办法 第十条(二)2: 执行主体和人员资格是否具备合法性 (处罚、强制、检查须持有效执法证)
export const unqualifiedOfficer: EventRule = {
  code: 'UNQUALIFIED_OFFICER',
  on: ['case.decided'],
  check(_s, e, ctx) {
    const cat = ctx.item?.category;
    if (cat !== 'penalty' && cat !== 'coercion' && cat !== 'inspection') return [];
    const o = ctx.officers[e.actor.id] ?? (e.actor.certificateNo ? ctx.officers[e.actor.certificateNo] : undefined);
    const day = cstDay(e.occurredAt);
    const why = !o ? `${e.actor.name} 不是登记的执法人员 (not a registered officer)`
      : o.departmentCode !== e.departmentCode ? `${e.actor.name} 不属于本部门 (officer of ${o.departmentCode})`
      : !o.certificateNo || !o.validUntil ? `${e.actor.name} 无执法证 (no certificate)`
      : o.validUntil < day ? `${e.actor.name} 的执法证已于 ${o.validUntil} 失效 (certificate expired)`
      : e.actor.certificateNo && e.actor.certificateNo !== o.certificateNo ? `证号 ${e.actor.certificateNo} 与登记不符 (certificate number differs)`
      : null;
    return why ? [finding(ctx, 'UNQUALIFIED_OFFICER', null, `执法资格: ${why}`, { actorId: e.actor.id, day })] : [];
  },
};
