/** The flow of an item as the step editor holds it (src/domain/catalog/item.types.ts FlowStep / Flow). */
export interface EditorStep {
  /** Step code: generated for new steps, never shown in the Chinese UI. */
  key: string;
  name: string;
  post?: string;
  limitDays: number;
  documents?: string[];
  riskPoints?: string[];
  supervisionPoints?: string[];
  evidenceRequired?: boolean;
}

export interface EditorFlow {
  steps: EditorStep[];
  rollbacks: [string, string][];
}

/** One problem of the edited flow, with the step it concerns (index) when there is one. */
export interface FlowProblem {
  index: number | null;
  zh: string;
  en: string;
}

/** A fresh step code not used by `steps` (letters, digits, hyphens, as validateFlow accepts). */
export function newStepKey(steps: EditorStep[]): string {
  const used = new Set(steps.map((s) => s.key));
  let n = steps.length + 1;
  while (used.has(`step-${n}`)) n++;
  return `step-${n}`;
}

/**
 * What the server would refuse in the flow (src/domain/catalog/item.validate.ts validateFlow / stepOverPromise),
 * in the same words, checked as the user types.
 * 盐城 网上运行办法 第十八条(二): 流程时限总和不得超过承诺期限; 第十七条(二): 承诺期限不超过法定期限.
 */
export function flowProblems(flow: EditorFlow | null, promised: number | null | undefined, legal: number | null | undefined): FlowProblem[] {
  const out: FlowProblem[] = [];
  if (promised != null && legal != null && promised > legal)
    out.push({ index: null, zh: `承诺时限${promised}个工作日超过法定时限${legal}个工作日`, en: `The promised limit (${promised}) exceeds the legal limit (${legal})` });
  if (!flow) return out;
  if (flow.steps.length === 0) out.push({ index: null, zh: '流程至少有一个环节', en: 'The flow needs at least one step' });
  flow.steps.forEach((s, i) => {
    if (!s.name?.trim()) out.push({ index: i, zh: `第${i + 1}个环节须填写环节名称`, en: `Step ${i + 1} needs a name` });
    if (typeof s.limitDays !== 'number' || !Number.isInteger(s.limitDays) || s.limitDays < 0)
      out.push({ index: i, zh: `第${i + 1}个环节「${s.name || '未命名'}」须填写时限（非负整数工作日）`, en: `Step ${i + 1} needs a limit in whole working days` });
  });
  const names = new Map<string, number>();
  flow.steps.forEach((s, i) => {
    const n = s.name?.trim();
    if (n && names.has(n)) out.push({ index: i, zh: `第${i + 1}个环节与第${names.get(n)! + 1}个环节同名「${n}」`, en: `Steps ${names.get(n)! + 1} and ${i + 1} share the name ${n}` });
    else if (n) names.set(n, i);
  });
  if (promised != null && flow.steps.every((s) => typeof s.limitDays === 'number')) {
    const sum = flow.steps.reduce((a, s) => a + s.limitDays, 0);
    if (sum > promised) {
      let run = 0;
      const i = flow.steps.findIndex((s) => (run += s.limitDays) > promised);
      const name = flow.steps[i]!.name || '未命名';
      out.push({
        index: i,
        zh: `各环节时限之和${sum}个工作日超过承诺时限${promised}个工作日：累计到第${i + 1}个环节「${name}」已达${run}个工作日`,
        en: `Step limits add up to ${sum} working days, more than the promised ${promised}: from step ${i + 1} (${name}) the total is ${run}`,
      });
    }
  }
  const order = new Map(flow.steps.map((s, i) => [s.key, i] as const));
  flow.rollbacks.forEach(([from, to], i) => {
    const fi = order.get(from);
    const ti = order.get(to);
    if (fi === undefined || ti === undefined) out.push({ index: null, zh: `第${i + 1}条回退须选择起止环节`, en: `Return ${i + 1} needs both steps` });
    else if (ti >= fi) out.push({ index: null, zh: `第${i + 1}条回退只能退回到之前的环节（「${flow.steps[fi]!.name}」→「${flow.steps[ti]!.name}」）`, en: `Return ${i + 1} must go to an earlier step` });
  });
  return out;
}

/** The flow as the proposal sends it: trimmed names, empty optional fields left out. */
export function cleanFlow(flow: EditorFlow | null): EditorFlow | null {
  if (!flow || flow.steps.length === 0) return null;
  const list = (v?: string[]) => (v ?? []).map((s) => s.trim()).filter(Boolean);
  return {
    steps: flow.steps.map((s) => {
      const step: EditorStep = { key: s.key, name: s.name.trim(), limitDays: s.limitDays };
      if (s.post?.trim()) step.post = s.post.trim();
      for (const k of ['documents', 'riskPoints', 'supervisionPoints'] as const) { const l = list(s[k]); if (l.length) step[k] = l; }
      if (s.evidenceRequired) step.evidenceRequired = true;
      return step;
    }),
    rollbacks: flow.rollbacks.filter(([a, b]) => a && b),
  };
}
