import ExcelJS from 'exceljs';
import { CATEGORIES, MATERIAL_FORMS, type Category, type PowerItem } from '../../domain/catalog/item.types.js';

/**
 * The Excel template departments fill in (行政权力事项填报模板): sheet 「事项」 one row per
 * item, sheet 「流程」 one row per step (linked by the item's name), sheet 「说明」 the rules.
 * Multi-value cells hold one entry per line; parts of an entry are separated by 「|」.
 */
export const ITEM_COLUMNS = [
  { key: 'code', header: '事项编码（留空自动编码）', width: 22 },
  { key: 'name', header: '事项名称*', width: 36 },
  { key: 'category', header: '权力类别*', width: 12 },
  { key: 'department', header: '实施部门编码*', width: 16 },
  { key: 'legalBasis', header: '法律依据（每行：法律名称|条款|内容）', width: 40 },
  { key: 'legalLimitDays', header: '法定时限（工作日）*', width: 12 },
  { key: 'promisedLimitDays', header: '承诺时限（工作日）', width: 12 },
  { key: 'fees', header: '收费（每行：编码|名称|金额|依据）', width: 30 },
  { key: 'location', header: '办理地点', width: 20 },
  { key: 'phone', header: '咨询电话', width: 14 },
  { key: 'guide', header: '办事指南', width: 30 },
  { key: 'materials', header: '申请材料（每行一项）', width: 30 },
  { key: 'remedies', header: '救济途径', width: 30 },
  { key: 'confidential', header: '涉密（是/否）', width: 8 },
  { key: 'discretion', header: '裁量基准（每行：情节|种类|下限|上限）', width: 36 },
  { key: 'rollbacks', header: '允许回退（每行：从环节代码|到环节代码）', width: 24 },
  // 实施清单 (optional extensions of §2, docs/hall.md)
  { key: 'acceptanceConditions', header: '受理条件', width: 30 },
  { key: 'targets', header: '办理对象', width: 20 },
  { key: 'officeHours', header: '办理时间', width: 20 },
  { key: 'visits', header: '跑动次数', width: 8 },
  { key: 'online', header: '是否网办（是/否）', width: 8 },
  { key: 'onlineUrl', header: '网上办理地址', width: 24 },
  { key: 'materialDetails', header: '材料详情（每行：材料名称|原件/复印件/原件和复印件/电子材料|份数|必要（是/否）|说明|样表文件编号|样表名称）', width: 40 },
  { key: 'faqs', header: '常见问题（每行：问题|解答）', width: 40 },
] as const;

const FORM_BY_NAME = new Map<string, string>(Object.entries(MATERIAL_FORMS).map(([k, v]) => [v, k]));

export const STEP_COLUMNS = [
  { key: 'item', header: '事项名称*', width: 36 },
  { key: 'key', header: '环节代码*', width: 14 },
  { key: 'name', header: '环节名称*', width: 16 },
  { key: 'post', header: '岗位', width: 14 },
  { key: 'limitDays', header: '时限（工作日）*', width: 12 },
  { key: 'documents', header: '岗位文书（每行一项）', width: 24 },
  { key: 'riskPoints', header: '廉政风险点（每行一项）', width: 24 },
  { key: 'supervisionPoints', header: '监察点（每行一项）', width: 24 },
  { key: 'evidenceRequired', header: '须上传证据（是/否）', width: 10 },
] as const;

const CATEGORY_BY_NAME = new Map<string, Category>(Object.entries(CATEGORIES).map(([k, v]) => [v, k as Category]));

/** Accepts 行政处罚 / 处罚 / penalty. */
export function categoryFromCell(s: string): string {
  if (s in CATEGORIES) return s;
  return CATEGORY_BY_NAME.get(s) ?? CATEGORY_BY_NAME.get(`行政${s}`) ?? s;
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v && typeof (v as any).text === 'string') return (v as any).text.trim();
    if ('result' in v) return cellText((v as any).result);
  }
  return String(v).trim();
}

const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
const parts = (s: string) => s.split(/[|｜]/).map((x) => x.trim());
/** A number cell, or the text itself so validation names the field. */
const num = (s: string): unknown => (s === '' ? undefined : /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
const yes = (s: string): unknown => (s === '' ? undefined : ['是', 'Y', 'y', 'true', 'TRUE', '1'].includes(s) ? true : ['否', 'N', 'n', 'false', 'FALSE', '0'].includes(s) ? false : s);

export interface SheetRow {
  row: number;
  raw: Record<string, unknown>;
}

/** Reads a filled template into §2 item objects with their row numbers, plus row-level problems. */
export async function readTemplate(buffer: Buffer): Promise<{ rows: SheetRow[]; problems: { row: number | null; sheet: string; error: string }[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as any);
  } catch {
    return { rows: [], problems: [{ row: null, sheet: '', error: '文件不是有效的 Excel (.xlsx) 工作簿 (not an .xlsx workbook)' }] };
  }
  const items = wb.getWorksheet('事项');
  if (!items) return { rows: [], problems: [{ row: null, sheet: '事项', error: '缺少「事项」工作表，请使用导出的模板 (sheet 事项 missing)' }] };
  const problems: { row: number | null; sheet: string; error: string }[] = [];
  const rows: SheetRow[] = [];
  const byName = new Map<string, SheetRow>();
  items.eachRow((r, n) => {
    if (n === 1) return;
    const c = (i: number) => cellText(r.getCell(i + 1).value);
    const get = (k: string) => c(ITEM_COLUMNS.findIndex((x) => x.key === k));
    if (ITEM_COLUMNS.every((_, i) => c(i) === '')) return;
    const raw: Record<string, unknown> = {
      name: get('name'), category: categoryFromCell(get('category')), department: get('department'),
      legalBasis: lines(get('legalBasis')).map((l) => { const [law, article, text] = parts(l); return { law, article: article ?? '', ...(text ? { text } : {}) }; }),
      legalLimitDays: num(get('legalLimitDays')), promisedLimitDays: num(get('promisedLimitDays')),
      fees: lines(get('fees')).map((l) => { const [code, name, amount, basis] = parts(l); return { code, name, amount: num(amount ?? ''), ...(basis ? { basis } : {}) }; }),
      materials: lines(get('materials')),
      discretion: lines(get('discretion')).map((l) => { const [circumstance, kind, min, max] = parts(l); return { circumstance, kind, min: num(min ?? ''), max: num(max ?? '') }; }),
    };
    if (get('code')) raw.code = get('code');
    for (const k of ['location', 'phone', 'guide', 'remedies'] as const) if (get(k)) raw[k] = get(k);
    const conf = yes(get('confidential'));
    if (conf !== undefined) raw.confidential = conf;
    for (const k of ['acceptanceConditions', 'targets', 'officeHours', 'onlineUrl'] as const) if (get(k)) raw[k] = get(k);
    if (get('visits')) raw.visits = num(get('visits'));
    const online = yes(get('online'));
    if (online !== undefined) raw.online = online;
    const details = lines(get('materialDetails')).map((l) => {
      const [name, form, copies, required, note, fileId, formName] = parts(l);
      const d: Record<string, unknown> = { name };
      if (form) d.form = FORM_BY_NAME.get(form) ?? form;
      if (copies) d.copies = num(copies);
      if (required) d.required = yes(required);
      if (note) d.note = note;
      if (fileId) d.sampleForm = { fileId, name: formName || name };
      return d;
    });
    if (details.length) raw.materialDetails = details;
    const faqs = lines(get('faqs')).map((l) => { const [question, ...answer] = parts(l); return { question, answer: answer.join('|') }; });
    if (faqs.length) raw.faqs = faqs;
    const rb = lines(get('rollbacks')).map((l) => parts(l.replace(/→|->/g, '|')));
    raw.flow = rb.length ? { steps: [], rollbacks: rb } : null;
    const sr = { row: n, raw };
    rows.push(sr);
    if (byName.has(raw.name as string)) problems.push({ row: n, sheet: '事项', error: `事项名称重复: ${raw.name} (duplicate item name in the file)` });
    byName.set(raw.name as string, sr);
  });
  wb.getWorksheet('流程')?.eachRow((r, n) => {
    if (n === 1) return;
    const c = (i: number) => cellText(r.getCell(i + 1).value);
    if (STEP_COLUMNS.every((_, i) => c(i) === '')) return;
    const item = byName.get(c(0));
    if (!item) return problems.push({ row: n, sheet: '流程', error: `「流程」第${n}行的事项名称在「事项」表中不存在: ${c(0)} (unknown item)` });
    const step: Record<string, unknown> = { key: c(1), name: c(2), limitDays: num(c(4)) };
    if (c(3)) step.post = c(3);
    if (c(5)) step.documents = lines(c(5));
    if (c(6)) step.riskPoints = lines(c(6));
    if (c(7)) step.supervisionPoints = lines(c(7));
    const ev = yes(c(8));
    if (ev !== undefined) step.evidenceRequired = ev;
    const flow = (item.raw.flow as any) ?? { steps: [], rollbacks: [] };
    flow.steps.push(step);
    item.raw.flow = flow;
  });
  return { rows, problems };
}

/** Writes items into the template (empty items: the blank template with an example row). */
export async function writeTemplate(items: PowerItem[], departmentsHint: { code: string; name: string }[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xingquan 行权平台';
  const ws = wb.addWorksheet('事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ITEM_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const fs = wb.addWorksheet('流程', { views: [{ state: 'frozen', ySplit: 1 }] });
  fs.columns = STEP_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  fs.getRow(1).font = { bold: true };
  for (const it of items) {
    ws.addRow({
      code: it.code, name: it.name, category: CATEGORIES[it.category], department: it.departmentCode,
      legalBasis: it.legalBasis.map((b) => [b.law, b.article, b.text].filter((x) => x !== undefined).join('|')).join('\n'),
      legalLimitDays: it.legalLimitDays, promisedLimitDays: it.promisedLimitDaysMissing ? null : it.promisedLimitDays,
      fees: it.fees.map((f) => [f.code, f.name, f.amount, f.basis].filter((x) => x !== undefined).join('|')).join('\n'),
      location: it.location ?? null, phone: it.phone ?? null, guide: it.guide ?? null, materials: it.materials.join('\n'),
      remedies: it.remedies ?? null, confidential: it.confidential ? '是' : '否',
      discretion: it.discretion.map((d) => [d.circumstance, d.kind, d.min, d.max].join('|')).join('\n'),
      rollbacks: (it.flow?.rollbacks ?? []).map(([a, b]) => `${a}|${b}`).join('\n'),
      acceptanceConditions: it.acceptanceConditions ?? null, targets: it.targets ?? null, officeHours: it.officeHours ?? null,
      visits: it.visits ?? null, online: it.online === undefined ? null : it.online ? '是' : '否', onlineUrl: it.onlineUrl ?? null,
      materialDetails: (it.materialDetails ?? []).map((d) => [d.name, d.form ? MATERIAL_FORMS[d.form] : '', d.copies ?? '', d.required === undefined ? '' : d.required ? '是' : '否', d.note ?? '', d.sampleForm?.fileId ?? '', d.sampleForm?.name ?? ''].join('|').replace(/\|+$/, '')).join('\n'),
      faqs: (it.faqs ?? []).map((f) => `${f.question}|${f.answer}`).join('\n'),
    });
    for (const s of it.flow?.steps ?? []) {
      fs.addRow({
        item: it.name, key: s.key, name: s.name, post: s.post ?? null, limitDays: s.limitDays, documents: (s.documents ?? []).join('\n'),
        riskPoints: (s.riskPoints ?? []).join('\n'), supervisionPoints: (s.supervisionPoints ?? []).join('\n'), evidenceRequired: s.evidenceRequired ? '是' : '否',
      });
    }
  }
  const rowsTo = Math.max(items.length + 1, 500);
  for (let r = 2; r <= rowsTo; r++) {
    ws.getCell(r, 3).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${Object.values(CATEGORIES).join(',')}"`] };
    ws.getCell(r, 14).dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  }
  for (const row of [ws, fs].flatMap((s) => s.getRows(2, s.rowCount) ?? [])) row.alignment = { wrapText: true, vertical: 'top' };
  const help = wb.addWorksheet('说明');
  help.columns = [{ width: 100 }];
  const text = [
    '行政权力事项填报说明（接口标准 §2）',
    '1. 「事项」表每行一个权力事项；带 * 的列必填。事项编码留空时按行政权力编码规则自动编码：行政区划代码-部门简码-类别码-顺序号。',
    `2. 权力类别：${Object.values(CATEGORIES).join('、')}。`,
    '3. 多值单元格每行一项，一项内各部分以「|」分隔，例如法律依据：中华人民共和国行政许可法|第四十二条|……',
    '4. 「流程」表每行一个环节，按办理顺序填写，以「事项名称」与「事项」表对应；各环节时限之和不得超过承诺时限，承诺时限不得超过法定时限。',
    '5. 允许回退只能从后面的环节回到前面的环节；裁量基准的下限不得大于上限。',
    '6. 涉密事项不在公众目录中公开，也不得通过数据交换推送办件。',
    ...(departmentsHint.length ? ['', '可填写的部门编码：', ...departmentsHint.map((d) => `${d.code}  ${d.name}`)] : []),
  ];
  for (const t of text) help.addRow([t]);
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
