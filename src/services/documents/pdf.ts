import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * PDF documents set in Chinese. The Noto Sans SC font files come with the npm package
 * `@electron-fonts/noto-sans-sc` (SIL OFL); pdfkit embeds the subset of glyphs each document uses,
 * so a PDF reads the same on any machine, with or without Chinese fonts installed.
 */
export type Pdf = PDFKit.PDFDocument;

export const FONT = 'zh';
export const FONT_BOLD = 'zh-bold';

let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const dir = require.resolve('@electron-fonts/noto-sans-sc/package.json').replace(/package\.json$/, 'fonts/');
    fonts = { regular: readFileSync(`${dir}NotoSansSC-Regular.ttf`), bold: readFileSync(`${dir}NotoSansSC-Bold.ttf`) };
  }
  return fonts;
}

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  /** The instant written as the document's creation date (the business clock, not the wall). */
  createdAt: Date;
}

/** Renders a PDF on A4 with the Chinese fonts registered as FONT and FONT_BOLD; `draw` writes the pages. */
export async function renderPdf(info: PdfInfo, draw: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 80, right: 80 },
    info: { Title: info.title, Author: info.author ?? '行权平台', Subject: info.subject ?? info.title, Creator: '行权平台', CreationDate: info.createdAt },
    bufferPages: true,
  });
  doc.registerFont(FONT, f.regular);
  doc.registerFont(FONT_BOLD, f.bold);
  doc.font(FONT);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  return done;
}

/** A title line, centred and bold, as an official document (公文) heads its text. */
export function heading(doc: Pdf, text: string, size = 20): void {
  doc.font(FONT_BOLD).fontSize(size).text(text, { align: 'center' }).moveDown(0.6).font(FONT).fontSize(12);
}

/** A row of label and value. */
export function field(doc: Pdf, label: string, value: string): void {
  doc.font(FONT_BOLD).fontSize(12).text(`${label}：`, { continued: true }).font(FONT).text(value || '—');
}

/** A plain paragraph with a first-line indent of two characters, as Chinese documents set it. */
export function paragraph(doc: Pdf, text: string): void {
  doc.font(FONT).fontSize(12).text(text, { indent: 24, lineGap: 4 }).moveDown(0.4);
}

/**
 * A table of rows under a header row; columns share the page width by `widths` (fractions).
 * Rows that do not fit start a new page with the header again.
 */
export function table(doc: Pdf, header: string[], rows: (string | number)[][], widths?: number[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const w = (widths ?? header.map(() => 1 / header.length)).map((x) => x * width);
  const line = (cells: (string | number)[], bold: boolean) => {
    doc.font(bold ? FONT_BOLD : FONT).fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(String(c), { width: w[i] - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) line(header, true);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, w[i], h).stroke('#999999');
      doc.fillColor('#000000').text(String(c), x + 3, y + 3, { width: w[i] - 6 });
      x += w[i];
    });
    doc.x = left;
    doc.y = y + h;
  };
  line(header, true);
  for (const r of rows) line(r, false);
  doc.moveDown(0.6);
}
