import ExcelJS from 'exceljs';
import { KIND_NAMES, pct, type ReportKind } from '../../domain/evaluation/report.js';
import { FONT, FONT_BOLD, heading, field, paragraph, renderPdf, type Pdf } from './pdf.js';

/** What a supervision report says, as data: stored with the report and written into its PDF and workbook alike. */
export interface ReportFigures {
  title: string;
  kind: ReportKind;
  region: { code: string; name: string };
  period: { code: string; label: string; start: string; end: string };
  subject: string | null;
  generatedAt: string;
  departments: DeptRow[];
  totals: Totals;
  complaintsWithoutDepartment: number;
  byCode: { code: string; name: string; yellow: number; red: number }[];
  byPerson: { name: string; post: string; departmentName: string; yellow: number; red: number }[];
  zeroCaseDepartments: { code: string; name: string; explained: boolean }[];
  zeroExplanations: { departmentCode: string; departmentName: string; month: string; explanation: string; signedBy: string; filedAt: string }[];
  scores: { status: string; schemeName: string; schemeVersion: number; departments: { code: string; name: string; score: number; rank: number }[] } | null;
  scoresNote: string | null;
}

export interface Totals {
  received: number; handled: number; concluded: number; onTime: number; early: number; yellow: number; red: number; explained: number;
  ordersIssued: number; ordersAnswered: number; ordersAnsweredOnTime: number; complaints: number; complaintsConcluded: number; complaintsUpheld: number;
  ratings: number; ratingSum: number; satisfied: number;
  ratios: { onTime: number | null; early: number | null; conclusion: number | null; ordersAnswered: number | null; explained: number | null; satisfied: number | null; meanRating: number | null };
}

export type DeptRow = Totals & { code: string; name: string; regionCode: string };

/** Issue data printed on an approved report: its number (文号) and who approved it when. */
export interface Issue { docNo: string | null; approvedBy: string | null; approvedAt: Date | null }

const cst = (iso: string | Date) => {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 4)}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
};
const mean = (r: number | null) => (r === null ? '—' : r.toFixed(2));

/** 一、总体情况: one paragraph whose every figure is a total of the tables below. */
export function summaryText(f: ReportFigures): string {
  const t = f.totals;
  return `本期${f.region.name}共受理办件 ${t.received} 件，在办及期内办结 ${t.handled} 件，办结 ${t.concluded} 件（办结率 ${pct(t.ratios.conclusion)}），`
    + `其中按时办结 ${t.onTime} 件（按时办结率 ${pct(t.ratios.onTime)}），提前办结 ${t.early} 件（提前办结率 ${pct(t.ratios.early)}）；`
    + `产生黄灯预警 ${t.yellow} 次、红灯报警 ${t.red} 次，部门已作说明 ${t.explained} 次；发出督办 ${t.ordersIssued} 件，已反馈 ${t.ordersAnswered} 件（反馈率 ${pct(t.ratios.ordersAnswered)}），`
    + `按期反馈 ${t.ordersAnsweredOnTime} 件；收到投诉 ${t.complaints} 件，办结 ${t.complaintsConcluded} 件，属实 ${t.complaintsUpheld} 件；`
    + `满意度评价 ${t.ratings} 次，平均 ${mean(t.ratios.meanRating)} 分，满意率 ${pct(t.ratios.satisfied)}。`;
}

/** A grouped bar chart drawn with pdfkit's vector primitives: one group per label, one bar per series. */
export function barChart(doc: Pdf, title: string, labels: string[], series: { name: string; color: string; values: number[] }[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const height = 170;
  if (doc.y + height + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font(FONT_BOLD).fontSize(11).fillColor('#000000').text(title, left, doc.y, { width, align: 'center' });
  const top = doc.y + 18;
  const axisX = left + 30, axisY = top + height, plotW = width - 40;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const step = Math.max(1, Math.ceil(max / 5));
  const yMax = step * Math.ceil(max / step);
  doc.font(FONT).fontSize(8);
  for (let v = 0; v <= yMax; v += step) {
    const y = axisY - (v / yMax) * height;
    doc.moveTo(axisX, y).lineTo(axisX + plotW, y).lineWidth(0.3).stroke('#dddddd');
    doc.fillColor('#555555').text(String(v), left, y - 4, { width: 26, align: 'right' });
  }
  doc.moveTo(axisX, top).lineTo(axisX, axisY).lineTo(axisX + plotW, axisY).lineWidth(0.8).stroke('#333333');
  const n = Math.max(1, labels.length);
  const groupW = plotW / n;
  const barW = Math.min(22, (groupW * 0.8) / series.length);
  labels.forEach((label, i) => {
    const gx = axisX + i * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const h = (v / yMax) * height;
      doc.rect(gx + j * barW, axisY - h, barW - 1, h).fill(s.color);
      doc.fillColor('#000000').fontSize(7).text(String(v), gx + j * barW - 4, axisY - h - 10, { width: barW + 8, align: 'center' });
    });
    doc.fillColor('#000000').fontSize(7).text(label, axisX + i * groupW, axisY + 3, { width: groupW, align: 'center', height: 20 });
  });
  // legend
  let lx = axisX;
  const ly = axisY + 26;
  for (const s of series) {
    doc.rect(lx, ly, 10, 8).fill(s.color);
    doc.fillColor('#000000').fontSize(8).text(s.name, lx + 14, ly - 1, { lineBreak: false });
    lx += 14 + doc.widthOfString(s.name) + 16;
  }
  doc.x = left;
  doc.y = ly + 20;
  doc.fillColor('#000000').font(FONT).fontSize(12);
}

/**
 * A table under a header row (columns share the width by `widths`); a row that does not fit starts
 * a new page with the header again, the header never stands alone at a page's foot, and the last
 * row is set bold when `total` (合计).
 */
export function table(doc: Pdf, header: string[], rows: (string | number)[][], widths?: number[], opts: { total?: boolean } = {}): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const w = (widths ?? header.map(() => 1 / header.length)).map((x) => x * width);
  const limit = () => doc.page.height - doc.page.margins.bottom;
  const heightOf = (cells: (string | number)[], bold: boolean) => {
    doc.font(bold ? FONT_BOLD : FONT).fontSize(10);
    return Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: w[i] - 6 }))) + 6;
  };
  const draw = (cells: (string | number)[], bold: boolean, fill?: string) => {
    const h = heightOf(cells, bold);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      if (fill) doc.rect(x, y, w[i], h).fill(fill);
      doc.rect(x, y, w[i], h).lineWidth(0.5).stroke('#999999');
      doc.font(bold ? FONT_BOLD : FONT).fontSize(10).fillColor('#000000').text(String(c), x + 3, y + 3, { width: w[i] - 6 });
      x += w[i];
    });
    doc.x = left;
    doc.y = y + h;
  };
  const head = () => draw(header, true, '#f0f0f0');
  if (doc.y + heightOf(header, true) + (rows[0] ? heightOf(rows[0], false) : 0) > limit()) doc.addPage();
  head();
  rows.forEach((r, i) => {
    const bold = !!opts.total && i === rows.length - 1;
    if (doc.y + heightOf(r, bold) > limit()) { doc.addPage(); head(); }
    draw(r, bold);
  });
  doc.moveDown(0.6);
}

const section = (doc: Pdf, text: string) => { doc.moveDown(0.3).font(FONT_BOLD).fontSize(14).fillColor('#000000').text(text, doc.page.margins.left).moveDown(0.3).font(FONT).fontSize(12); };

/** The report as a PDF (Chinese, the font embedded): summary, figures by department, a chart, lights by code, explanations, scores. */
export function reportPdf(f: ReportFigures, issue: Issue, at: Date): Promise<Buffer> {
  return renderPdf({ title: f.title, subject: `${f.region.name}${KIND_NAMES[f.kind]}`, createdAt: at }, (doc) => {
    heading(doc, f.title, 18);
    if (issue.docNo) doc.font(FONT).fontSize(12).text(issue.docNo, { align: 'center' }).moveDown(0.4);
    field(doc, '报告期间', f.period.label);
    field(doc, '统计范围', `${f.region.name}（含所辖地区）各行权部门`);
    if (f.subject) field(doc, '专题', f.subject);
    field(doc, '生成时间', cst(f.generatedAt));
    field(doc, '状态', issue.approvedAt ? `已审定（${issue.approvedBy ?? ''}，${cst(issue.approvedAt)}）` : '草稿（待监察机构审定）');
    doc.moveDown(0.4);
    section(doc, '一、总体情况');
    paragraph(doc, summaryText(f));
    if (f.complaintsWithoutDepartment) paragraph(doc, `另有未指明被投诉部门的投诉 ${f.complaintsWithoutDepartment} 件，不计入各部门。`);
    const t = f.totals;
    table(doc, ['指标', '数值', '指标', '数值'], [
      ['受理办件', t.received, '按时办结率', pct(t.ratios.onTime)],
      ['在办及期内办结', t.handled, '提前办结率', pct(t.ratios.early)],
      ['办结', t.concluded, '办结率', pct(t.ratios.conclusion)],
      ['按时办结', t.onTime, '黄灯预警', t.yellow],
      ['提前办结', t.early, '红灯报警', t.red],
      ['督办发出', t.ordersIssued, '督办已反馈', t.ordersAnswered],
      ['投诉收到', t.complaints, '投诉属实', t.complaintsUpheld],
      ['满意度评价', t.ratings, '满意率', pct(t.ratios.satisfied)],
    ], [0.3, 0.2, 0.3, 0.2]);
    section(doc, '二、各部门办件情况');
    const depts = f.departments;
    table(doc, ['部门', '受理', '办结', '按时', '提前', '按时办结率', '黄灯', '红灯', '督办/反馈', '投诉', '满意度'],
      [...depts.map((d) => [d.name, d.received, d.concluded, d.onTime, d.early, pct(d.ratios.onTime), d.yellow, d.red, `${d.ordersIssued}/${d.ordersAnswered}`, d.complaints, mean(d.ratios.meanRating)]),
        ['合计', t.received, t.concluded, t.onTime, t.early, pct(t.ratios.onTime), t.yellow, t.red, `${t.ordersIssued}/${t.ordersAnswered}`, t.complaints, mean(t.ratios.meanRating)]],
      [0.22, 0.07, 0.07, 0.07, 0.07, 0.1, 0.06, 0.06, 0.09, 0.07, 0.12], { total: true });
    const charted = depts.filter((d) => d.handled || d.yellow || d.red).slice(0, 12);
    barChart(doc, '图1 各部门办结与亮灯情况', charted.map((d) => d.name), [
      { name: '办结', color: '#1677ff', values: charted.map((d) => d.concluded) },
      { name: '按时办结', color: '#52c41a', values: charted.map((d) => d.onTime) },
      { name: '黄灯', color: '#faad14', values: charted.map((d) => d.yellow) },
      { name: '红灯', color: '#f5222d', values: charted.map((d) => d.red) },
    ]);
    section(doc, '三、预警报警情况（按类型）');
    if (f.byCode.length) table(doc, ['类型', '黄灯', '红灯', '合计'], [...f.byCode.map((c) => [c.name, c.yellow, c.red, c.yellow + c.red]), ['合计', t.yellow, t.red, t.yellow + t.red]], [0.5, 0.16, 0.17, 0.17], { total: true });
    else paragraph(doc, '本期未产生预警报警。');
    if (f.byPerson.length) {
      paragraph(doc, '亮灯较多的责任人（盐城电子监察办法 第二十二条：逐人查明责任）：');
      table(doc, ['责任人', '岗位', '部门', '黄灯', '红灯'], f.byPerson.map((p) => [p.name, p.post, p.departmentName, p.yellow, p.red]), [0.18, 0.22, 0.36, 0.12, 0.12]);
    }
    section(doc, '四、督办与投诉');
    paragraph(doc, `本期发出督办 ${t.ordersIssued} 件，已反馈 ${t.ordersAnswered} 件，其中按期反馈 ${t.ordersAnsweredOnTime} 件；收到投诉 ${t.complaints} 件，办结 ${t.complaintsConcluded} 件，经查属实 ${t.complaintsUpheld} 件。`);
    section(doc, '五、零办件与预警说明');
    if (f.kind !== 'subject' || f.zeroCaseDepartments.length) {
      const unexplained = f.zeroCaseDepartments.filter((z) => !z.explained);
      paragraph(doc, f.zeroCaseDepartments.length
        ? `本期办件为零的部门 ${f.zeroCaseDepartments.length} 个，已书面说明 ${f.zeroCaseDepartments.length - unexplained.length} 个${unexplained.length ? `，未说明：${unexplained.map((z) => z.name).join('、')}` : ''}。`
        : '本期各部门均有办件。');
    }
    if (f.zeroExplanations.length) table(doc, ['部门', '月份', '说明', '签字'], f.zeroExplanations.map((z) => [z.departmentName, z.month, z.explanation, z.signedBy]), [0.25, 0.12, 0.48, 0.15]);
    paragraph(doc, `本期预警报警 ${t.yellow + t.red} 次，部门已作书面说明 ${t.explained} 次（说明率 ${pct(t.ratios.explained)}）。`);
    section(doc, '六、考评得分与排名');
    if (f.scores) {
      paragraph(doc, `依据《${f.scores.schemeName}》（第 ${f.scores.schemeVersion} 版），${f.scores.status === 'draft' ? '按现有数据计算（考评尚未审定）' : f.scores.status === 'published' ? '考评结果已公布' : '考评结果已审定'}。`);
      table(doc, ['名次', '部门', '得分'], f.scores.departments.map((s) => [s.rank, s.name, s.score.toFixed(2)]), [0.15, 0.6, 0.25]);
    } else paragraph(doc, f.scoresNote ?? '本期无考评得分。');
    doc.moveDown(1);
    doc.font(FONT).fontSize(12).text(`${f.region.name}电子监察机构`, { align: 'right' });
    if (issue.approvedAt) doc.text(cst(issue.approvedAt).slice(0, -6), { align: 'right' });
    // page numbers
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(FONT).fontSize(9).fillColor('#666666').text(`第 ${i + 1} 页 共 ${range.count} 页`, 0, doc.page.height - 40, { align: 'center', width: doc.page.width });
      doc.page.margins.bottom = bottom;
    }
  });
}

/** The same figures as an Excel workbook: 概况, 各部门, 预警类型, 零办件说明, 考评排名. */
export async function reportWorkbook(f: ReportFigures, issue: Issue, at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '行权平台';
  wb.created = at;
  wb.modified = at;
  const bold = (ws: ExcelJS.Worksheet) => { ws.getRow(1).font = { bold: true }; };
  const t = f.totals;
  const s1 = wb.addWorksheet('概况');
  s1.columns = [{ header: '项目', key: 'k', width: 24 }, { header: '数值', key: 'v', width: 60 }];
  const info: [string, string | number][] = [
    ['报告', f.title], ['文号', issue.docNo ?? '（草稿，未编号）'], ['地区', f.region.name], ['地区代码', f.region.code], ['报告期间', f.period.label],
    ...(f.subject ? [['专题', f.subject] as [string, string]] : []),
    ['生成时间', cst(f.generatedAt)], ['状态', issue.approvedAt ? `已审定（${issue.approvedBy ?? ''}）` : '草稿'],
    ['受理办件', t.received], ['在办及期内办结', t.handled], ['办结', t.concluded], ['按时办结', t.onTime], ['提前办结', t.early],
    ['办结率', pct(t.ratios.conclusion)], ['按时办结率', pct(t.ratios.onTime)], ['提前办结率', pct(t.ratios.early)],
    ['黄灯预警', t.yellow], ['红灯报警', t.red], ['已说明的预警', t.explained], ['督办发出', t.ordersIssued], ['督办已反馈', t.ordersAnswered], ['督办按期反馈', t.ordersAnsweredOnTime],
    ['投诉收到', t.complaints], ['投诉办结', t.complaintsConcluded], ['投诉属实', t.complaintsUpheld], ['未指明部门的投诉', f.complaintsWithoutDepartment],
    ['满意度评价次数', t.ratings], ['满意度平均分', mean(t.ratios.meanRating)], ['满意率', pct(t.ratios.satisfied)], ['总体情况', summaryText(f)],
  ];
  for (const [k, v] of info) s1.addRow({ k, v });
  bold(s1);
  const s2 = wb.addWorksheet('各部门');
  s2.columns = [
    { header: '部门代码', key: 'code', width: 16 }, { header: '部门', key: 'name', width: 28 }, { header: '受理', key: 'received' }, { header: '在办及期内办结', key: 'handled' },
    { header: '办结', key: 'concluded' }, { header: '按时办结', key: 'onTime' }, { header: '提前办结', key: 'early' }, { header: '按时办结率', key: 'onTimeRate' },
    { header: '黄灯', key: 'yellow' }, { header: '红灯', key: 'red' }, { header: '已说明', key: 'explained' }, { header: '督办发出', key: 'ordersIssued' },
    { header: '督办已反馈', key: 'ordersAnswered' }, { header: '投诉', key: 'complaints' }, { header: '投诉属实', key: 'complaintsUpheld' },
    { header: '满意度评价', key: 'ratings' }, { header: '满意度平均分', key: 'meanRating' },
  ];
  const row = (d: Totals & { code: string; name: string }) => ({ ...d, onTimeRate: pct(d.ratios.onTime), meanRating: mean(d.ratios.meanRating) });
  for (const d of f.departments) s2.addRow(row(d));
  s2.addRow(row({ ...t, code: '', name: '合计' }));
  bold(s2);
  const s3 = wb.addWorksheet('预警类型');
  s3.columns = [{ header: '类型', key: 'name', width: 24 }, { header: '黄灯', key: 'yellow' }, { header: '红灯', key: 'red' }];
  for (const c of f.byCode) s3.addRow(c);
  s3.addRow({ name: '合计', yellow: t.yellow, red: t.red });
  bold(s3);
  const s4 = wb.addWorksheet('零办件说明');
  s4.columns = [{ header: '部门', key: 'departmentName', width: 28 }, { header: '月份', key: 'month', width: 10 }, { header: '说明', key: 'explanation', width: 60 }, { header: '签字', key: 'signedBy', width: 12 }];
  for (const z of f.zeroExplanations) s4.addRow(z);
  for (const z of f.zeroCaseDepartments.filter((x) => !x.explained)) s4.addRow({ departmentName: z.name, month: f.period.code, explanation: '（未说明）', signedBy: '' });
  bold(s4);
  const s5 = wb.addWorksheet('考评排名');
  s5.columns = [{ header: '名次', key: 'rank' }, { header: '部门', key: 'name', width: 28 }, { header: '得分', key: 'score' }];
  for (const s of f.scores?.departments ?? []) s5.addRow(s);
  bold(s5);
  if (f.byPerson.length) {
    const s6 = wb.addWorksheet('责任人亮灯');
    s6.columns = [{ header: '责任人', key: 'name', width: 14 }, { header: '岗位', key: 'post', width: 20 }, { header: '部门', key: 'departmentName', width: 28 }, { header: '黄灯', key: 'yellow' }, { header: '红灯', key: 'red' }];
    for (const p of f.byPerson) s6.addRow(p);
    bold(s6);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
