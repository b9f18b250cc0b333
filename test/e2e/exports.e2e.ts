import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, closeBrowser, launch, login, logout, modalOk, newPage, see, shot } from './browser.js';

/**
 * 导出 (issue 24 item 7, 川办发〔2014〕2号 电子监察办法 第十五条): the handler asks for the alerts as Excel,
 * the leader of 通川区 approves, the handler downloads the file the server built.
 */
describe('export journey: request, approval, download', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('a handler requests the alerts, the leader approves, the handler downloads an xlsx', async () => {
    const { ctx, page } = await newPage(browser);
    await login(page, 'tc_stj_jb');
    await page.goto(`${baseUrl()}/supervision/alerts`);
    await page.locator('[data-testid="alerts-table"] .ant-table-row').first().waitFor();
    await page.click('[data-testid="export-excel"]');
    await see(page, '须经单位分管领导批准');
    await modalOk(page); // no purpose: the form asks for it
    await see(page, '请填写用途');
    await page.fill('[data-testid="export-purpose"]', '本月预警整改台账');
    await shot(page, 'exports-1-request');
    await modalOk(page);
    await see(page, '已提交导出申请');
    await page.locator('.ant-layout-sider a[href="/exports"]').click();
    await page.locator('[data-testid="exports-table"] [data-status="pending"]').first().waitFor();
    await see(page, '本月预警整改台账');
    await shot(page, 'exports-2-pending');
    await logout(page);

    await login(page, 'tc_ld');
    await page.locator('.ant-layout-sider a[href="/exports/approvals"]').click();
    const row = page.locator('[data-testid="approvals-table"] .ant-table-row', { hasText: '本月预警整改台账' }).first();
    await row.waitFor();
    await row.locator('[data-testid="export-approve"]').click();
    await page.fill('[data-testid="export-reason"]', '同意，仅限整改使用');
    await shot(page, 'exports-3-approve');
    await modalOk(page);
    await see(page, '已批准');
    await logout(page);

    await login(page, 'tc_stj_jb');
    await page.locator('.ant-layout-sider a[href="/exports"]').click();
    const mine = page.locator('[data-testid="exports-table"] .ant-table-row', { hasText: '本月预警整改台账' }).first();
    await mine.locator('[data-status="approved"]').waitFor();
    const [dl] = await Promise.all([page.waitForEvent('download'), mine.locator('[data-testid="export-download"]').click()]);
    expect(dl.suggestedFilename()).toMatch(/预警报警-.*\.xlsx$/);
    const file = await dl.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('预警报警')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toContain('办件编号');
    expect(ws.rowCount).toBeGreaterThan(1);
    await page.reload();
    await see(page, '末次');
    await shot(page, 'exports-4-downloaded');
    await ctx.close();
  });
});
