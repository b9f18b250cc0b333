import { ITEM_CODE } from './coding.js';
import { mergeRiskPoints, validateRiskControls } from './risk-points.js';
import {
  MATERIAL_FORMS, type Faq, type MaterialDetail, type MaterialForm,
  CATEGORIES, type Category, type DiscretionBand, type Fee, type Flow, type FlowStep, type ItemStatus, type LegalBasis, type PowerItem,
} from './item.types.js';

/** An item as it arrives (§2 import, Excel row, adjustment proposal), checked and normalised: a PowerItem whose code may still be unassigned and whose region and status come from elsewhere. */
export type ItemInput = Omit<PowerItem, 'code' | 'regionCode' | 'status'> & {
  code: string | null;
  status: ItemStatus | null;
};

export interface FieldProblem {
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; item: ItemInput } | { ok: false; problems: FieldProblem[] };

const STATUSES: ItemStatus[] = ['draft', 'in_force', 'suspended', 'cancelled'];
const MAX_DAYS = 3650;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

/**
 * Checks one item of a §2 import. Pure: the department's existence and the code's history
 * are checked by the service. Problems name the field (e.g. `flow.steps[2].limitDays`).
 */
export function validateItem(raw: unknown): ValidationResult {
  const p: FieldProblem[] = [];
  const bad = (field: string, message: string) => p.push({ field, message });
  if (!isObj(raw)) return { ok: false, problems: [{ field: 'item', message: '事项必须是对象 (item must be an object)' }] };

  let code: string | null = null;
  if (raw.code !== undefined && raw.code !== null && raw.code !== '') {
    const c = str(raw.code);
    if (!c || !ITEM_CODE.test(c)) bad('code', '编码只能含字母、数字和连字符，最长64位 (code: letters, digits, hyphens, ≤ 64)');
    else code = c;
  }
  const name = str(raw.name);
  if (!name) bad('name', '事项名称不能为空 (name is required)');
  else if (name.length > 200) bad('name', '事项名称不超过200字 (name ≤ 200 characters)');
  const category = raw.category as Category;
  if (typeof raw.category !== 'string' || !(raw.category in CATEGORIES))
    bad('category', `权力类别须为 ${Object.keys(CATEGORIES).join('/')} 之一 (unknown category)`);
  const departmentCode = str(raw.department ?? raw.departmentCode);
  if (!departmentCode) bad('department', '实施部门不能为空 (department is required)');

  const legalBasis: LegalBasis[] = [];
  if (raw.legalBasis !== undefined && raw.legalBasis !== null) {
    if (!Array.isArray(raw.legalBasis)) bad('legalBasis', '法律依据须为数组 (legalBasis must be an array)');
    else raw.legalBasis.forEach((b, i) => {
      const law = isObj(b) ? str(b.law) : undefined;
      if (!isObj(b) || !law) return bad(`legalBasis[${i}].law`, '须写明法律法规名称 (law is required)');
      const article = str(b.article) ?? '';
      const text = str(b.text);
      legalBasis.push(text ? { law, article, text } : { law, article });
    });
  }

  const days = (field: string, v: unknown, required: boolean): number | null => {
    if (v === undefined || v === null) {
      if (required) bad(field, '须填写时限（工作日） (required, working days)');
      return null;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_DAYS) {
      bad(field, `须为0–${MAX_DAYS}的整数工作日 (must be an integer 0–${MAX_DAYS})`);
      return null;
    }
    return v;
  };
  const legalLimitDays = days('legalLimitDays', raw.legalLimitDays, true);
  const promisedRaw = days('promisedLimitDays', raw.promisedLimitDays, false);
  const promisedLimitDaysMissing = raw.promisedLimitDays === undefined || raw.promisedLimitDays === null;
  const promisedLimitDays = promisedRaw ?? legalLimitDays;
  // 盐城 网上运行办法 第十七条(二): 法定期限、承诺期限; the promise never exceeds the law
  if (promisedRaw !== null && legalLimitDays !== null && promisedRaw > legalLimitDays)
    bad('promisedLimitDays', `承诺时限${promisedRaw}个工作日超过法定时限${legalLimitDays}个工作日 (promisedLimitDays exceeds legalLimitDays)`);

  const fees: Fee[] = [];
  if (raw.fees !== undefined && raw.fees !== null) {
    if (!Array.isArray(raw.fees)) bad('fees', '收费须为数组 (fees must be an array)');
    else {
      const seen = new Set<string>();
      raw.fees.forEach((f, i) => {
        if (!isObj(f)) return bad(`fees[${i}]`, '收费项须为对象 (fee must be an object)');
        const fc = str(f.code);
        const fn = str(f.name);
        if (!fc) return bad(`fees[${i}].code`, '收费编码不能为空 (fee code is required)');
        if (seen.has(fc)) return bad(`fees[${i}].code`, `收费编码重复: ${fc} (duplicate fee code)`);
        seen.add(fc);
        if (!fn) return bad(`fees[${i}].name`, '收费名称不能为空 (fee name is required)');
        if (typeof f.amount !== 'number' || !Number.isFinite(f.amount) || f.amount < 0)
          return bad(`fees[${i}].amount`, '收费标准须为非负数（元） (amount must be ≥ 0)');
        const basis = str(f.basis);
        fees.push(basis ? { code: fc, name: fn, amount: f.amount, basis } : { code: fc, name: fn, amount: f.amount });
      });
    }
  }

  const materials: string[] = [];
  if (raw.materials !== undefined && raw.materials !== null) {
    if (!Array.isArray(raw.materials)) bad('materials', '申请材料须为数组 (materials must be an array)');
    else raw.materials.forEach((m, i) => {
      const s = str(m);
      if (!s) bad(`materials[${i}]`, '材料名称不能为空 (material must be a non-empty string)');
      else materials.push(s);
    });
  }
  const opt = (k: 'location' | 'phone' | 'guide' | 'remedies'): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') { bad(k, '须为文本 (must be a string)'); return undefined; }
    return v.trim() || undefined;
  };
  const location = opt('location');
  const phone = opt('phone');
  const guide = opt('guide');
  const remedies = opt('remedies');
  if (raw.confidential !== undefined && raw.confidential !== null && typeof raw.confidential !== 'boolean')
    bad('confidential', '须为 true/false (must be boolean)');
  const confidential = raw.confidential === true;

  const guideExt = validateGuideExtensions(raw, materials, bad);

  const flow = raw.flow === undefined || raw.flow === null ? null : validateFlow(raw.flow, promisedLimitDays, bad);
  const discretion = validateDiscretion(raw.discretion, bad);

  let status: ItemStatus | null = null;
  if (raw.status !== undefined && raw.status !== null) {
    if (!STATUSES.includes(raw.status as ItemStatus)) bad('status', `状态须为 ${STATUSES.join('/')} 之一 (unknown status)`);
    else status = raw.status as ItemStatus;
  }

  if (p.length) return { ok: false, problems: p };
  const item: ItemInput = {
    code, name: name!, category, departmentCode: departmentCode!, legalBasis,
    legalLimitDays: legalLimitDays!, promisedLimitDays: promisedLimitDays!, fees, materials, confidential, flow, discretion, status,
  };
  if (promisedLimitDaysMissing) item.promisedLimitDaysMissing = true;
  if (location) item.location = location;
  if (phone) item.phone = phone;
  if (guide) item.guide = guide;
  if (remedies) item.remedies = remedies;
  Object.assign(item, guideExt);
  return { ok: true, item };
}

type GuideExtensions = Pick<PowerItem, 'acceptanceConditions' | 'targets' | 'officeHours' | 'visits' | 'online' | 'onlineUrl' | 'materialDetails' | 'faqs'>;
const FILE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The optional fields of an implementation list (实施清单) beyond §2: absent fields stay absent,
 * so an import without them stores exactly what it stored before.
 * 盐城 网上运行办法 第十七条(二): 办理地点、联系电话、服务指南、要件材料等静态信息; 川办·建设 第五条(六): 受理电子政务大厅的申请、咨询.
 */
export function validateGuideExtensions(raw: Record<string, unknown>, materials: string[], bad: (field: string, message: string) => void): GuideExtensions {
  const out: GuideExtensions = {};
  const text = (k: 'acceptanceConditions' | 'targets' | 'officeHours' | 'onlineUrl', max: number) => {
    const v = raw[k];
    if (v === undefined || v === null) return;
    if (typeof v !== 'string') return bad(k, '须为文本 (must be a string)');
    const t = v.trim();
    if (t.length > max) return bad(k, `不超过${max}字 (at most ${max} characters)`);
    if (t) out[k] = t;
  };
  text('acceptanceConditions', 4000);
  text('targets', 500);
  text('officeHours', 500);
  text('onlineUrl', 500);
  if (out.onlineUrl && !/^https?:\/\/[^\s]+$/.test(out.onlineUrl)) { bad('onlineUrl', '须为 http(s) 网址 (must be an http(s) URL)'); delete out.onlineUrl; }
  if (raw.visits !== undefined && raw.visits !== null) {
    // 跑动次数: 0 = 零跑动 (全程网办), at most a few visits
    if (typeof raw.visits !== 'number' || !Number.isInteger(raw.visits) || raw.visits < 0 || raw.visits > 10) bad('visits', '跑动次数须为0–10的整数 (visits must be an integer 0–10)');
    else out.visits = raw.visits;
  }
  if (raw.online !== undefined && raw.online !== null) {
    if (typeof raw.online !== 'boolean') bad('online', '是否网办须为 true/false (must be boolean)');
    else out.online = raw.online;
  }
  if (raw.materialDetails !== undefined && raw.materialDetails !== null) {
    if (!Array.isArray(raw.materialDetails)) bad('materialDetails', '材料详情须为数组 (materialDetails must be an array)');
    else {
      const details: MaterialDetail[] = [];
      const seen = new Set<string>();
      raw.materialDetails.forEach((m, i) => {
        const f = `materialDetails[${i}]`;
        if (!isObj(m)) return bad(f, '须为对象 (must be an object)');
        const name = str(m.name);
        if (!name) return bad(`${f}.name`, '材料名称不能为空 (name is required)');
        if (!materials.includes(name)) return bad(`${f}.name`, `材料「${name}」不在申请材料 materials 中 (name must be one of materials)`);
        if (seen.has(name)) return bad(`${f}.name`, `材料重复: ${name} (duplicate material)`);
        seen.add(name);
        const d: MaterialDetail = { name };
        if (m.form !== undefined && m.form !== null) {
          if (typeof m.form !== 'string' || !(m.form in MATERIAL_FORMS)) return bad(`${f}.form`, `材料形式须为 ${Object.keys(MATERIAL_FORMS).join('/')} 之一 (unknown form)`);
          d.form = m.form as MaterialForm;
        }
        if (m.copies !== undefined && m.copies !== null) {
          if (typeof m.copies !== 'number' || !Number.isInteger(m.copies) || m.copies < 0 || m.copies > 99) return bad(`${f}.copies`, '份数须为0–99的整数 (copies must be an integer 0–99)');
          d.copies = m.copies;
        }
        if (m.required !== undefined && m.required !== null) {
          if (typeof m.required !== 'boolean') return bad(`${f}.required`, '须为 true/false (must be boolean)');
          d.required = m.required;
        }
        if (m.note !== undefined && m.note !== null) {
          if (typeof m.note !== 'string' || m.note.length > 1000) return bad(`${f}.note`, '说明须为不超过1000字的文本 (note: text ≤ 1000)');
          if (m.note.trim()) d.note = m.note.trim();
        }
        if (m.sampleForm !== undefined && m.sampleForm !== null) {
          const s = m.sampleForm;
          const fileId = isObj(s) ? str(s.fileId) : undefined;
          if (!isObj(s) || !fileId || !FILE_ID.test(fileId)) return bad(`${f}.sampleForm.fileId`, '样表须引用已上传的文件编号 (sampleForm.fileId of an uploaded file)');
          d.sampleForm = { fileId, name: (str(s.name) || name).slice(0, 200) };
        }
        details.push(d);
      });
      if (details.length) out.materialDetails = details;
    }
  }
  if (raw.faqs !== undefined && raw.faqs !== null) {
    if (!Array.isArray(raw.faqs)) bad('faqs', '常见问题须为数组 (faqs must be an array)');
    else {
      const faqs: Faq[] = [];
      raw.faqs.forEach((q, i) => {
        const question = isObj(q) ? str(q.question) : undefined;
        const answer = isObj(q) ? str(q.answer) : undefined;
        if (!question) return bad(`faqs[${i}].question`, '问题不能为空 (question is required)');
        if (!answer) return bad(`faqs[${i}].answer`, '解答不能为空 (answer is required)');
        if (question.length > 500 || answer.length > 4000) return bad(`faqs[${i}]`, '问题不超过500字，解答不超过4000字 (too long)');
        faqs.push({ question, answer });
      });
      if (faqs.length) out.faqs = faqs;
    }
  }
  return out;
}

const strList = (v: unknown, field: string, bad: (f: string, m: string) => void): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || !s.trim())) {
    bad(field, '须为非空文本数组 (must be an array of non-empty strings)');
    return undefined;
  }
  return v.map((s: string) => s.trim());
};

/** 盐城 网上运行办法 第十八条: 内部流程图附岗位时限、处室、文书; (二) 流程时限总和不得超过承诺期限. */
export function validateFlow(raw: unknown, promisedLimitDays: number | null, bad: (field: string, message: string) => void): Flow | null {
  if (!isObj(raw) || !Array.isArray(raw.steps)) {
    bad('flow.steps', '流程须含环节数组 (flow.steps must be an array)');
    return null;
  }
  if (raw.steps.length === 0) bad('flow.steps', '流程至少有一个环节 (flow needs at least one step)');
  const steps: FlowStep[] = [];
  const keys = new Set<string>();
  raw.steps.forEach((s, i) => {
    const f = `flow.steps[${i}]`;
    if (!isObj(s)) return bad(f, '环节须为对象 (step must be an object)');
    const key = str(s.key);
    if (!key || !/^[A-Za-z0-9_.-]{1,64}$/.test(key)) return bad(`${f}.key`, '环节代码须为字母、数字、下划线 (step key: letters, digits, _ . -)');
    if (keys.has(key)) return bad(`${f}.key`, `环节代码重复: ${key} (duplicate step key)`);
    keys.add(key);
    const name = str(s.name);
    if (!name) return bad(`${f}.name`, '环节名称不能为空 (step name is required)');
    if (typeof s.limitDays !== 'number' || !Number.isInteger(s.limitDays) || s.limitDays < 0 || s.limitDays > MAX_DAYS)
      return bad(`${f}.limitDays`, '环节时限须为非负整数工作日 (limitDays must be an integer ≥ 0)');
    if (s.post !== undefined && s.post !== null && typeof s.post !== 'string') return bad(`${f}.post`, '岗位须为文本 (post must be a string)');
    if (s.evidenceRequired !== undefined && typeof s.evidenceRequired !== 'boolean')
      return bad(`${f}.evidenceRequired`, '须为 true/false (must be boolean)');
    const step: FlowStep = { key, name, limitDays: s.limitDays };
    const post = str(s.post);
    if (post) step.post = post;
    const documents = strList(s.documents, `${f}.documents`, bad);
    const riskPoints = strList(s.riskPoints, `${f}.riskPoints`, bad);
    const supervisionPoints = strList(s.supervisionPoints, `${f}.supervisionPoints`, bad);
    if (documents?.length) step.documents = documents;
    const riskControls = validateRiskControls(s.riskControls, `${f}.riskControls`, bad);
    const allPoints = mergeRiskPoints(riskPoints, riskControls);
    if (allPoints?.length) step.riskPoints = allPoints;
    if (riskControls) step.riskControls = riskControls;
    if (supervisionPoints?.length) step.supervisionPoints = supervisionPoints;
    if (s.evidenceRequired === true) step.evidenceRequired = true;
    steps.push(step);
  });
  const over = promisedLimitDays !== null && steps.length === raw.steps.length ? stepOverPromise(steps, promisedLimitDays) : null;
  if (over) bad(`flow.steps[${over.index}].limitDays`, over.message);

  const rollbacks: [string, string][] = [];
  if (raw.rollbacks !== undefined && raw.rollbacks !== null) {
    if (!Array.isArray(raw.rollbacks)) bad('flow.rollbacks', '回退须为数组 (rollbacks must be an array)');
    else raw.rollbacks.forEach((r, i) => {
      const f = `flow.rollbacks[${i}]`;
      if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== 'string' || typeof r[1] !== 'string')
        return bad(f, '回退须为 [从环节, 到环节] (rollback must be [fromStep, toStep])');
      const [from, to] = r as [string, string];
      if (!keys.has(from)) return bad(f, `回退的起始环节不存在: ${from} (unknown step)`);
      if (!keys.has(to)) return bad(f, `回退的目标环节不存在: ${to} (unknown step)`);
      const fi = steps.findIndex((s) => s.key === from);
      const ti = steps.findIndex((s) => s.key === to);
      if (ti >= fi) return bad(f, `只能回退到之前的环节: ${from} → ${to} (a return goes to an earlier step)`);
      rollbacks.push([from, to]);
    });
  }
  return { steps, rollbacks };
}

/**
 * 盐城 网上运行办法 第十八条(二): 流程时限总和不得超过承诺期限. The first step at which the running sum of
 * step limits passes the promised limit, with a message naming it (the web editor shows the same words), or null.
 */
export function stepOverPromise(steps: Pick<FlowStep, 'name' | 'limitDays'>[], promisedLimitDays: number): { index: number; message: string } | null {
  const sum = steps.reduce((a, s) => a + s.limitDays, 0);
  if (sum <= promisedLimitDays) return null;
  let run = 0;
  const index = steps.findIndex((s) => (run += s.limitDays) > promisedLimitDays);
  const name = steps[index]!.name;
  return {
    index,
    message: `各环节时限之和${sum}个工作日超过承诺时限${promisedLimitDays}个工作日：累计到第${index + 1}个环节「${name}」已达${run}个工作日 (step limits add up to more than promisedLimitDays from step ${index + 1})`,
  };
}

/** 川 目录动态调整办法 第三条(三): 自由裁量标准; 盐城 数据库更新维护办法 第八条(二): 裁量划分标准. */
export function validateDiscretion(raw: unknown, bad: (field: string, message: string) => void): DiscretionBand[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    bad('discretion', '裁量基准须为数组 (discretion must be an array)');
    return [];
  }
  const out: DiscretionBand[] = [];
  const seen = new Set<string>();
  raw.forEach((b, i) => {
    const f = `discretion[${i}]`;
    if (!isObj(b)) return bad(f, '裁量档次须为对象 (band must be an object)');
    const circumstance = str(b.circumstance);
    const kind = str(b.kind);
    if (!circumstance) return bad(`${f}.circumstance`, '情节不能为空 (circumstance is required)');
    if (seen.has(circumstance)) return bad(`${f}.circumstance`, `情节重复: ${circumstance} (duplicate circumstance)`);
    seen.add(circumstance);
    if (!kind) return bad(`${f}.kind`, '处罚种类不能为空 (kind is required)');
    for (const k of ['min', 'max'] as const)
      if (typeof b[k] !== 'number' || !Number.isFinite(b[k]) || (b[k] as number) < 0)
        return bad(`${f}.${k}`, '须为非负数 (must be a number ≥ 0)');
    if ((b.min as number) > (b.max as number))
      return bad(`${f}.min`, `下限${b.min}大于上限${b.max} (min > max)`);
    out.push({ circumstance, kind, min: b.min as number, max: b.max as number });
  });
  return out;
}

/** One line naming the item and every bad field, for refusals. */
export function describeProblems(item: { code?: unknown; name?: unknown }, problems: FieldProblem[]): string {
  const who = `事项「${typeof item.name === 'string' && item.name ? item.name : '(未命名)'}」${typeof item.code === 'string' && item.code ? `(${item.code})` : ''}`;
  return `${who}: ${problems.map((x) => `${x.field}: ${x.message}`).join('; ')}`;
}
