import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, launch, login, newPage, pickSelect, see, shot } from './browser.js';

/** The OK button of the open confirmation (Modal.confirm has no .ant-modal-footer). */
const modalOk = (page: Page) => page.locator('.ant-modal:visible .ant-btn-primary').last().click();

/** Renders page `n` of a PDF into a PNG with pdf.js inside the browser (to look at the report as printed). */
async function pdfPageShot(page: Page, pdf: Buffer, name: string, n = 1): Promise<void> {
  const pdfjs = fs.readFileSync(path.join('node_modules', 'unpdf', 'dist', 'pdfjs.mjs'));
  await page.route('**/__pdfjs.mjs', (r) => r.fulfill({ body: pdfjs, contentType: 'text/javascript' }));
  await page.goto(`${baseUrl()}/hall/league`);
  // a string, so that the test's transform leaves the dynamic import to the browser
  await page.evaluate(`(async () => {
    const lib = await import(location.origin + '/__pdfjs.mjs');
    const doc = await lib.getDocument({ data: Uint8Array.from(atob('${pdf.toString('base64')}'), (c) => c.charCodeAt(0)) }).promise;
    const p = await doc.getPage(${n});
    const vp = p.getViewport({ scale: 1.5 });
    const canvas = document.createElement('canvas');
    canvas.width = vp.width; canvas.height = vp.height; canvas.id = 'pdf-page';
    document.body.innerHTML = '';
    document.body.appendChild(canvas);
    await p.render({ canvasContext: canvas.getContext('2d'), viewport: vp, canvas }).promise;
  })()`);
  fs.mkdirSync('test-results', { recursive: true });
  await page.locator('#pdf-page').screenshot({ path: path.join('test-results', `${name}.png`) });
}

/** 监察报告: a supervisor takes last month from a draft to a published report in the console; the leader's overview. */
describe('reports journey (监察报告)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('generate the month\'s draft → read it → approve (文号) → publish → download PDF and Excel', async () => {
    const { ctx, page } = await newPage(browser, { wide: true });
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision/reports`);
    await see(page, '生成报告');
    await pickSelect(page, '[data-testid="report-region"]', '达州市');
    await page.click('[data-testid="report-generate"]');
    await see(page, '报告草稿已生成');
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('达州市电子监察工作月报（2026年2月）').first().waitFor();
    await drawer.locator('[data-testid="drawer-status"]').getByText('草稿').waitFor();
    await drawer.getByText('完好').first().waitFor();
    await shot(page, 'reports-1-draft');
    await page.click('[data-testid="report-approve"]');
    await modalOk(page);
    await expect.poll(() => drawer.locator('[data-testid="drawer-status"]').allInnerTexts(), { timeout: 30_000 }).toContain('已审定');
    await drawer.getByText(/达州市监报〔2026〕\d+号/).first().waitFor();
    await page.click('[data-testid="report-publish"]');
    await modalOk(page);
    await expect.poll(() => drawer.locator('[data-testid="drawer-status"]').allInnerTexts(), { timeout: 30_000 }).toContain('已公布');
    await shot(page, 'reports-2-published');
    await page.keyboard.press('Escape');
    const row = page.locator('[data-testid="reports-table"] tr', { hasText: '达州市电子监察工作月报（2026年2月）' }).filter({ hasText: '已公布' }).first();
    await row.waitFor();
    await shot(page, 'reports-3-list');

    // the downloads behind the buttons, with the session of the page
    const href = await row.locator('[data-testid="report-pdf"]').getAttribute('href');
    const pdf = await page.evaluate(async (u) => { const r = await fetch(u!); return { status: r.status, type: r.headers.get('content-type'), b: Array.from(new Uint8Array(await r.arrayBuffer())) }; }, href);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const bytes = Buffer.from(pdf.b);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    expect(text).toContain('达州市电子监察工作月报');
    expect(text).toMatch(/达州市监报〔2026〕\d+号/);
    expect(text).toContain('一、总体情况');
    const xhref = await row.locator('[data-testid="report-xlsx"]').getAttribute('href');
    const xlsx = await page.evaluate(async (u) => (await fetch(u!)).status, xhref);
    expect(xlsx).toBe(200);
    await pdfPageShot(page, bytes, 'reports-4-pdf-page1', 1);
    await pdfPageShot(page, bytes, 'reports-5-pdf-page2', 2);
    await pdfPageShot(page, bytes, 'reports-5-pdf-page3', 3);
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });

  it('the leader\'s overview: rates, satisfaction, complaints, scores and the treemap of departments', async () => {
    const { ctx, page } = await newPage(browser, { wide: true });
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision`);
    const o = page.locator('[data-testid="overview"]');
    await o.getByText('按时办结率').first().waitFor();
    await o.getByText('满意度').first().waitFor();
    await o.locator('canvas').first().waitFor();
    // the figures on screen are the API's, which the report tests count by hand
    const api = await apiAs('dz_jc');
    const clock: any = await api('GET', '/api/clock').catch(() => null);
    const month = clock?.now ? new Date(Date.parse(clock.now) + 8 * 3600_000).toISOString().slice(0, 7) : '2026-03';
    const d: any = await api('GET', `/api/supervision/overview?region=511700&period=${month}`);
    await o.getByText(String(d.totals.received), { exact: true }).first().waitFor();
    await shot(page, 'reports-6-dashboard');
    // 岗位与人员: people and posts scored from the findings attributed to them
    await page.goto(`${baseUrl()}/supervision/evaluation`);
    await page.getByRole('tab', { name: '岗位与人员' }).click();
    await page.locator('[data-testid="people-scores"] tbody tr.ant-table-row').first().waitFor();
    await see(page, '可归责到人的指标');
    await shot(page, 'reports-7-people');
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
