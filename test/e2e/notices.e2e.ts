import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, launch, login, logout, modalOk, newPage, see, shot } from './browser.js';

const ITEM = '511702-STJ-XK-0001'; // a licence: its cases are applied for, accepted with a 受理通知书

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, '');
}

/** 文书 and 问责 in the browser: the applicant's notice from the hall, a card notice and a 函询 from a red alarm, a template edited. */
describe('notices and accountability (journey)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('the applicant downloads the 受理通知书 with the query code from the hall', async () => {
    const h = await apiAs('tc_stj_jb');
    const c = await h('POST', '/api/cases', { itemCode: ITEM, counterparty: { kind: 'person', name: '王小明', idNumber: '11010519491231002X' }, channel: 'window' });
    expect(c.noticeId).toBeTruthy();
    const { ctx, page } = await newPage(browser, { wide: true });
    await page.goto(`${baseUrl()}/hall/progress`);
    await page.fill('#progress-caseNo', c.caseNo);
    await page.fill('#progress-queryCode', c.queryCode);
    await page.click('[data-testid="progress-submit"]');
    await page.locator('[data-testid="applicant-notices"]').waitFor();
    await shot(page, 'notices-1-hall-progress');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="applicant-notice-download"]')]);
    const file = await download.path();
    const text = await pdfText(fs.readFileSync(file!));
    expect(text).toContain('受理通知书');
    expect(text).toContain(c.caseNo);
    expect(text).toContain(c.queryCode);
    await ctx.close();
  });

  it('the complainant downloads the 投诉受理回执 from the follow-up', async () => {
    const sub = await (await fetch(`${baseUrl()}/api/public/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
      kind: 'complaint', realName: true, complainant: { name: '李四', phone: '13800000002' }, regionCode: '511702', departmentCode: '511702-STJ', subject: '窗口推诿', content: '多次往返未办理' }) })).json() as any;
    const s = await apiAs('dz_jc');
    await s('POST', `/api/supervision/complaints/${sub.id}/decision`, { accept: true });
    const { ctx, page } = await newPage(browser, { wide: true });
    await page.goto(`${baseUrl()}/hall/complaints`);
    await page.fill('#follow-number', sub.complaintNo);
    await page.fill('#follow-code', sub.queryCode);
    await page.click('[data-testid="follow-submit"]');
    await page.locator('[data-testid="complaint-receipt"]').waitFor();
    await shot(page, 'notices-0-complaint-receipt');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="complaint-receipt"]')]);
    const text = await pdfText(fs.readFileSync((await download.path())!));
    expect(text).toContain('投诉受理回执');
    expect(text).toContain(sub.complaintNo);
    await ctx.close();
  });

  it('a supervisor issues a red card notice and a 函询 from a red alarm; the entry is served', async () => {
    const s = await apiAs('dz_jc');
    const red = await s('POST', '/api/supervision/red-cards', { departmentCode: '511702-STJ', clause: 11, message: '超标准收取保证金' });
    const { ctx, page } = await newPage(browser, { wide: true });
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision/alerts/${red.id}`);
    await page.click('[data-testid="alert-cardNotice"]');
    await page.fill('#alert-action-text', '立即退还多收的保证金，并书面报告');
    await modalOk(page);
    await page.locator('[data-testid="document-link"]', { hasText: '红牌警告通知书' }).waitFor();
    await shot(page, 'notices-2-alert-card-notice');
    await page.click('[data-testid="alert-accountability"]');
    await page.fill('#propose-requirement', '书面说明情况并提出整改措施');
    await page.click('[data-testid="propose-ok"]');
    await page.locator('[data-testid="entry-title"]').waitFor();
    await page.locator('[data-testid="document-link"]', { hasText: '函询通知书' }).waitFor();
    await page.click('[data-testid="entry-serve"]');
    await modalOk(page);
    await see(page, '已送达');
    await shot(page, 'notices-3-accountability-entry');
    const href = await page.locator('[data-testid="document-link"]').first().getAttribute('href');
    const res = await page.request.get(`${baseUrl()}${href}`);
    expect(res.status()).toBe(200);
    expect(await pdfText(Buffer.from(await res.body()))).toContain('函询通知书');
    await page.goto(`${baseUrl()}/supervision/accountability`);
    await page.locator('[data-testid="accountability-table"] a[href^="/supervision/accountability/"]').first().waitFor();
    await shot(page, 'notices-4-register');
    await logout(page);
    await ctx.close();
  });

  it('the region administrator saves a template; an unknown placeholder is refused', async () => {
    const { ctx, page } = await newPage(browser, { wide: true });
    await login(page, 'dz_gly');
    await page.goto(`${baseUrl()}/admin/notice-templates`);
    await page.locator('#template-title').waitFor();
    await page.fill('#template-body', '{申请人}：\n你的{身份证号}已登记');
    await page.click('[data-testid="template-save"]');
    await see(page, '未知占位符 {身份证号}');
    await page.fill('#template-body', '{申请人}：\n你单位申请的{事项名称}已受理，查询码{查询码}。');
    await page.fill('#template-title', '行政许可受理通知书');
    await page.click('[data-testid="template-save"]');
    await see(page, '已保存为第 1 版');
    await shot(page, 'notices-5-template');
    await logout(page);
    await ctx.close();
  });
});
