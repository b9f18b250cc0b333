/**
 * Notices (文书) the platform issues, as editable templates: a title, paragraphs with
 * placeholders such as {申请人}, the issuing authority and the series of the document number
 * (文号). Pure: no I/O. Defaults live here; a region's administrator keeps overrides (versioned).
 */

export const NOTICE_KINDS = {
  // 成都暂行办法 第九条(二)(三); 达州意见 三(七): 受理通知书 carries the 查询码
  acceptance_notice: '受理通知书',
  // 成都暂行办法 第九条(二): 一次性告知补正 — every missing material at once
  correction_notice: '一次性告知书',
  // 成都暂行办法 第九条(三): 不予受理须说明理由 (and the remedies)
  rejection_decision: '不予受理决定书',
  // 行政许可法 第三十八条第二款: 不予行政许可的书面决定须说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利;
  // 盐城电子监察办法 第十一条: 持否定意见的应描述具体理由
  denial_decision: '不予许可决定书',
  // 盐城电子监察办法 第十九条; 川办发〔2014〕2号 电子监察办法 第八条(三)
  order_notice: '督办通知书',
  // 盐城电子监察办法 第十一条(二): 出示黄牌、红牌
  yellow_card_notice: '黄牌警告通知书',
  red_card_notice: '红牌警告通知书',
  // 川办发〔2014〕2号 电子监察办法 第八条(三); 达州意见 四(五): 责令限期整改
  rectification_advice: '整改建议书',
  // 盐城电子监察办法 第十四条: 书面告知投诉人受理决定
  complaint_receipt: '投诉受理回执',
  // 达州意见 四(五): 函询, 约谈告诫
  inquiry_notice: '函询通知书',
  interview_notice: '约谈通知书',
  admonition_notice: '告诫书',
  // 盐城电子监察办法 第二十二条: 通报批评
  circular_notice: '通报批评决定书',
  // 川办发〔2014〕2号 电子监察办法 第八条(四): 提出行政过错责任追究建议
  liability_proposal: '责任追究建议书',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;
export const isNoticeKind = (k: string): k is NoticeKind => Object.hasOwn(NOTICE_KINDS, k);

/** Placeholders every template may use. */
export const COMMON_PLACEHOLDERS = ['发文机关', '文号', '日期', '地区'] as const;

/** What each kind's template may say, besides the common placeholders. */
export const NOTICE_PLACEHOLDERS: Record<NoticeKind, readonly string[]> = {
  acceptance_notice: ['申请人', '事项名称', '办件编号', '查询码', '受理日期', '承诺期限', '部门'],
  correction_notice: ['申请人', '事项名称', '办件编号', '补正材料', '理由', '部门'],
  rejection_decision: ['申请人', '事项名称', '办件编号', '理由', '救济途径', '部门'],
  denial_decision: ['申请人', '事项名称', '办件编号', '理由', '法律依据', '决定文号', '救济途径', '部门'],
  order_notice: ['被督办单位', '督办编号', '督办事由', '督办要求', '办件编号', '期限'],
  yellow_card_notice: ['被监察单位', '预警事项', '办件编号', '预警时间', '整改要求', '期限'],
  red_card_notice: ['被监察单位', '预警事项', '办件编号', '预警时间', '整改要求', '期限'],
  rectification_advice: ['被监察单位', '问题', '整改建议', '期限'],
  complaint_receipt: ['投诉人', '投诉编号', '投诉事项', '收到日期', '受理日期'],
  inquiry_notice: ['问责对象', '被监察单位', '事由', '要求', '期限'],
  interview_notice: ['问责对象', '被监察单位', '事由', '要求', '期限'],
  admonition_notice: ['问责对象', '被监察单位', '事由', '要求'],
  circular_notice: ['问责对象', '被监察单位', '事由', '要求'],
  liability_proposal: ['问责对象', '被监察单位', '事由', '要求'],
};

export interface NoticeTemplate {
  title: string;
  paragraphs: string[];
  /** Who issues it (may hold placeholders: {部门}, {地区}). */
  authority: string;
  /** The series of the 文号, e.g. "{地区简称}受" → 通川受〔2026〕3号. */
  numberPrefix: string;
}

/** Kinds a department issues to an applicant; the others are issued by the supervision authority. */
export const CASE_NOTICE_KINDS: readonly NoticeKind[] = ['acceptance_notice', 'correction_notice', 'rejection_decision', 'denial_decision'];
const SUPERVISION_AUTHORITY = '{地区}行政权力电子监察机构';

const d = (title: string, paragraphs: string[], numberPrefix: string, authority = SUPERVISION_AUTHORITY): NoticeTemplate => ({ title, paragraphs, authority, numberPrefix });

export const DEFAULT_TEMPLATES: Record<NoticeKind, NoticeTemplate> = {
  acceptance_notice: d('受理通知书', [
    '{申请人}：',
    '你（单位）申请的「{事项名称}」，申请材料齐全、符合法定形式，本机关决定予以受理。',
    '办件编号：{办件编号}',
    '查询码：{查询码}',
    '受理日期：{受理日期}；承诺办结期限：{承诺期限}。',
    '请凭办件编号和查询码在政务服务大厅网站查询办理进度。',
  ], '{地区简称}受', '{部门}'),
  correction_notice: d('一次性告知书', [
    '{申请人}：',
    '你（单位）申请的「{事项名称}」（办件编号：{办件编号}），申请材料不齐全或者不符合法定形式，现一次性告知须补正的全部材料如下：',
    '{补正材料}',
    '理由：{理由}',
    '请补正上述全部材料后重新提交。本告知书一次性列明全部补正内容，本机关不再另行要求补正其他材料。',
  ], '{地区简称}补', '{部门}'),
  rejection_decision: d('不予受理决定书', [
    '{申请人}：',
    '你（单位）申请的「{事项名称}」（办件编号：{办件编号}），经审查，本机关决定不予受理。',
    '理由：{理由}',
    '救济途径：{救济途径}',
  ], '{地区简称}不受', '{部门}'),
  denial_decision: d('不予许可决定书', [
    '{申请人}：',
    '你（单位）申请的「{事项名称}」（办件编号：{办件编号}），经审查，本机关决定不予许可（决定文号：{决定文号}）。',
    '理由：{理由}',
    '法律依据：{法律依据}',
    '救济途径：{救济途径}',
  ], '{地区简称}不许', '{部门}'),
  order_notice: d('督办通知书', [
    '{被督办单位}：',
    '督办编号：{督办编号}　办件编号：{办件编号}',
    '督办事由：{督办事由}',
    '督办要求：{督办要求}',
    '请于{期限}前将调查处理情况书面报送本机关。',
  ], '{地区简称}督'),
  yellow_card_notice: d('黄牌警告通知书', [
    '{被监察单位}：',
    '电子监察系统于{预警时间}发现你单位存在下列情形，现予黄牌警告：{预警事项}（办件编号：{办件编号}）。',
    '整改要求：{整改要求}',
    '请于{期限}前纠正并说明情况；逾期未纠正的，将出示红牌。',
  ], '{地区简称}黄'),
  red_card_notice: d('红牌警告通知书', [
    '{被监察单位}：',
    '电子监察系统于{预警时间}发现你单位存在下列情形，现予红牌警告：{预警事项}（办件编号：{办件编号}）。',
    '整改要求：{整改要求}',
    '请于{期限}前纠正并书面报告调查处理情况；本机关将依照有关规定追究责任。',
  ], '{地区简称}红'),
  rectification_advice: d('整改建议书', [
    '{被监察单位}：',
    '经电子监察，发现以下问题：{问题}',
    '整改建议：{整改建议}',
    '请于{期限}前完成整改并将整改情况书面报送本机关。',
  ], '{地区简称}整改'),
  complaint_receipt: d('投诉受理回执', [
    '{投诉人}：',
    '你于{收到日期}提交的投诉（编号：{投诉编号}，事项：{投诉事项}），本机关已于{受理日期}决定受理。',
    '办理结果将及时反馈你。',
  ], '{地区简称}投受'),
  inquiry_notice: d('函询通知书', [
    '{问责对象}（{被监察单位}）：',
    '事由：{事由}',
    '要求：{要求}',
    '请于{期限}前书面说明情况并提出整改措施。',
  ], '{地区简称}函'),
  interview_notice: d('约谈通知书', [
    '{问责对象}（{被监察单位}）：',
    '事由：{事由}',
    '约谈安排及要求：{要求}',
    '请于{期限}前按时参加约谈。',
  ], '{地区简称}约'),
  admonition_notice: d('告诫书', [
    '{问责对象}（{被监察单位}）：',
    '事由：{事由}',
    '现予书面告诫。要求：{要求}',
  ], '{地区简称}诫'),
  circular_notice: d('通报批评决定书', [
    '关于对{问责对象}（{被监察单位}）的通报批评',
    '事由：{事由}',
    '要求：{要求}',
  ], '{地区简称}通报'),
  liability_proposal: d('责任追究建议书', [
    '关于追究{问责对象}（{被监察单位}）行政过错责任的建议',
    '事由：{事由}',
    '建议：{要求}',
  ], '{地区简称}追责'),
};

const PLACEHOLDER = /\{([^{}]{1,20})\}/g;

/** Placeholders a template's numberPrefix and authority may use. */
const HEADER_PLACEHOLDERS = ['地区', '地区简称', '部门'];

/** The placeholders the kind's template accepts, in the order shown to an editor. */
export function placeholdersOf(kind: NoticeKind): string[] {
  return [...NOTICE_PLACEHOLDERS[kind], ...COMMON_PLACEHOLDERS];
}

export interface TemplateProblem { field: string; message: string }

/** What is wrong with a template for `kind` (null when it may be saved); an unknown placeholder is named. */
export function templateProblem(kind: NoticeKind, t: NoticeTemplate): TemplateProblem | null {
  if (!t.title?.trim()) return { field: 'title', message: '标题不能为空 (title required)' };
  if (t.title.length > 50) return { field: 'title', message: '标题不超过 50 字 (title too long)' };
  if (!Array.isArray(t.paragraphs) || !t.paragraphs.some((p) => p.trim())) return { field: 'paragraphs', message: '正文不能为空 (body required)' };
  if (t.paragraphs.length > 50 || t.paragraphs.some((p) => p.length > 2000)) return { field: 'paragraphs', message: '正文过长：至多 50 段，每段 2000 字 (body too long)' };
  if (!t.authority?.trim() || t.authority.length > 100) return { field: 'authority', message: '发文机关不能为空，且不超过 100 字 (authority required)' };
  if (!t.numberPrefix?.trim() || t.numberPrefix.length > 30 || /[〔〕\s]/.test(t.numberPrefix)) {
    return { field: 'numberPrefix', message: '文号前缀不能为空，不超过 30 字，不含〔〕和空白 (number prefix required)' };
  }
  const allowed = new Set(placeholdersOf(kind));
  for (const [field, texts] of [['title', [t.title]], ['paragraphs', t.paragraphs]] as const) {
    for (const s of texts) {
      const unknown = [...s.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((p) => !allowed.has(p));
      if (unknown.length) {
        return { field, message: `未知占位符 {${unknown[0]}}；「${NOTICE_KINDS[kind]}」可用：${placeholdersOf(kind).map((p) => `{${p}}`).join('、')} (unknown placeholder)` };
      }
    }
  }
  for (const [field, s] of [['authority', t.authority], ['numberPrefix', t.numberPrefix]] as const) {
    const unknown = [...s.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((p) => !HEADER_PLACEHOLDERS.includes(p));
    if (unknown.length) return { field, message: `未知占位符 {${unknown[0]}}；可用：{地区}、{地区简称}、{部门} (unknown placeholder)` };
  }
  return null;
}

export type NoticeValues = Record<string, string | readonly string[] | null | undefined>;

/** A value as printed: a list becomes numbered lines (一次性告知: every material, each on its line). */
const show = (v: NoticeValues[string]): string => {
  if (v == null) return '—';
  if (typeof v === 'string') return v.trim() || '—';
  return v.length ? v.map((x, i) => `${i + 1}. ${x}`).join('\n') : '—';
};

/** Fills the placeholders of `text` from `values` (a missing value prints —). */
export function fill(text: string, values: NoticeValues): string {
  return text.replace(PLACEHOLDER, (m, name: string) => (Object.hasOwn(values, name) ? show(values[name]) : m));
}

/** A region's short name for document series (文号): 通川区 → 通川, 达州市 → 达州, 四川省 → 四川. */
export function regionShortName(name: string): string {
  const s = name.replace(/(自治州|自治县|地区|新区|省|市|区|县|州|盟|旗)$/, '');
  return s || name;
}
