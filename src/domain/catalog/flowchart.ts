import type { Flow, FlowStep } from './item.types.js';

/**
 * The flowchart (运行流程图) drawn from the flow as a hand-written SVG string. The public
 * version shows steps and limits (成都办法 第九条(一): 公开程序、期限); the internal one adds
 * posts, documents, risk points and supervision points (川办发 建设和使用管理办法 第五条(三):
 * 廉政风险防控点和监察点; 盐城 网上运行办法 第十八条(一): 岗位办理时限、处室、文书).
 */
export type FlowchartKind = 'public' | 'internal';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Splits text into lines of at most `n` characters (CJK text has no spaces to break at). */
function wrap(text: string, n: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out.length ? out : [''];
}

interface Line { text: string; color: string; bold?: boolean }

function stepLines(s: FlowStep, kind: FlowchartKind): Line[] {
  const lines: Line[] = wrap(s.name, 22).map((t) => ({ text: t, color: '#1f1f1f', bold: true }));
  lines.push({ text: `时限：${s.limitDays}个工作日`, color: '#595959' });
  if (kind === 'internal') {
    if (s.post) lines.push({ text: `岗位：${s.post}`, color: '#595959' });
    if (s.documents?.length) for (const t of wrap(`文书：${s.documents.join('、')}`, 24)) lines.push({ text: t, color: '#595959' });
    if (s.riskPoints?.length) for (const t of wrap(`风险点：${s.riskPoints.join('、')}`, 24)) lines.push({ text: t, color: '#cf1322' });
    if (s.supervisionPoints?.length) for (const t of wrap(`监察点：${s.supervisionPoints.join('、')}`, 24)) lines.push({ text: t, color: '#0958d9' });
    if (s.evidenceRequired) lines.push({ text: '须上传证据', color: '#d46b08' });
  }
  return lines;
}

const LINE = 20;
const PAD = 12;
const GAP = 36;
const W = 720;
const BOX_X = 160;
const BOX_W = 400;

/** Draws the flow; `title` is the item name. The result is a standalone SVG document. */
export function flowchartSvg(flow: Flow | null, kind: FlowchartKind, title = ''): string {
  const steps = flow?.steps ?? [];
  const parts: string[] = [];
  let y = 20;
  if (title) {
    for (const t of wrap(title, 40)) {
      parts.push(`<text x="${W / 2}" y="${y + 16}" text-anchor="middle" font-size="16" font-weight="bold" fill="#1f1f1f">${escapeXml(t)}</text>`);
      y += 24;
    }
    y += 8;
  }
  const total = steps.reduce((a, s) => a + s.limitDays, 0);
  const boxes: { key: string; top: number; bottom: number }[] = [];
  if (!steps.length) {
    parts.push(`<text x="${W / 2}" y="${y + 20}" text-anchor="middle" font-size="14" fill="#8c8c8c">尚未公布运行流程 (no flow)</text>`);
    y += 40;
  }
  steps.forEach((s, i) => {
    const lines = stepLines(s, kind);
    const h = PAD * 2 + lines.length * LINE;
    const top = y;
    parts.push(`<g class="step" data-key="${escapeXml(s.key)}">`);
    parts.push(`<rect x="${BOX_X}" y="${top}" width="${BOX_W}" height="${h}" rx="8" fill="#f0f5ff" stroke="#2f54eb" stroke-width="1.5"/>`);
    parts.push(`<text x="${BOX_X - 12}" y="${top + PAD + 15}" text-anchor="end" font-size="13" fill="#8c8c8c">${i + 1}</text>`);
    lines.forEach((l, j) => {
      parts.push(`<text x="${BOX_X + BOX_W / 2}" y="${top + PAD + 15 + j * LINE}" text-anchor="middle" font-size="14"${l.bold ? ' font-weight="bold"' : ''} fill="${l.color}">${escapeXml(l.text)}</text>`);
    });
    parts.push('</g>');
    boxes.push({ key: s.key, top, bottom: top + h });
    y = top + h;
    if (i < steps.length - 1) {
      parts.push(`<line x1="${W / 2}" y1="${y}" x2="${W / 2}" y2="${y + GAP - 4}" stroke="#595959" stroke-width="1.5" marker-end="url(#arrow)"/>`);
      y += GAP;
    }
  });
  if (kind === 'internal') {
    (flow?.rollbacks ?? []).forEach(([from, to], k) => {
      const a = boxes.find((b) => b.key === from);
      const b = boxes.find((x) => x.key === to);
      if (!a || !b) return;
      const x0 = BOX_X + BOX_W;
      const bend = x0 + 30 + k * 18;
      const y0 = (a.top + a.bottom) / 2;
      const y1 = (b.top + b.bottom) / 2;
      parts.push(`<path d="M ${x0} ${y0} H ${bend} V ${y1} H ${x0 + 4}" fill="none" stroke="#d46b08" stroke-dasharray="5 4" stroke-width="1.5" marker-end="url(#arrow-back)"/>`);
      parts.push(`<text x="${bend + 4}" y="${(y0 + y1) / 2}" font-size="12" fill="#d46b08">回退</text>`);
    });
  }
  y += 16;
  if (steps.length) {
    parts.push(`<text x="${W / 2}" y="${y + 14}" text-anchor="middle" font-size="13" fill="#595959">环节时限合计${total}个工作日</text>`);
    y += 28;
  }
  const defs = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#595959"/></marker>'
    + '<marker id="arrow-back" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#d46b08"/></marker></defs>';
  const label = escapeXml(`${title || '运行流程图'}（${kind === 'public' ? '公开版' : '内部版'}）`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" role="img" aria-label="${label}" font-family="'WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif">`
    + `<title>${label}</title>${defs}<rect width="${W}" height="${y}" fill="#ffffff"/>${parts.join('')}</svg>`;
}
