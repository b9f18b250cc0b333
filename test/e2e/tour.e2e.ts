import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { baseUrl, closeBrowser, launch, login, logout, modalOk, newPage, pickSelect, shot } from './browser.js';

/** Every main page renders (in Chinese, no JS errors), with a screenshot under test-results/. */
describe('tour of the main pages', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  async function visit(page: Page, path: string, name: string, expectText: RegExp) {
    await page.goto(`${baseUrl()}${path}`);
    await expect.poll(async () => (await page.locator('body').innerText()), { timeout: 15_000 }).toMatch(expectText);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await shot(page, name);
  }

  it('public hall on a phone and a desktop', async () => {
    const { ctx, page } = await newPage(browser, { mobile: true });
    await visit(page, '/', 'hall-catalog-phone', /权力事项目录/);
    await visit(page, '/hall/progress', 'hall-progress-phone', /办件进度/);
    await visit(page, '/hall/complaints', 'hall-complaint-phone', /提交投诉或咨询/);
    await ctx.close();
    const d = await newPage(browser);
    await visit(d.page, '/', 'hall-catalog', /权力事项目录/);
    await visit(d.page, '/hall/league', 'hall-league', /绩效排行/);
    await visit(d.page, '/hall/rate', 'hall-rate', /好差评/);
    await visit(d.page, '/login', 'login', /工作人员登录/);
    // the English switch, persisted across reloads
    await d.page.click('[data-testid="lang-switch"]');
    await visit(d.page, '/', 'hall-catalog-en', /Catalog of powers/);
    await d.page.reload();
    await expect.poll(async () => d.page.locator('body').innerText()).toMatch(/Catalog of powers/);
    await d.page.click('[data-testid="lang-switch"]');
    await expect.poll(async () => d.page.locator('body').innerText()).toMatch(/权力事项目录/);
    expect((d.page as any).jsErrors).toEqual([]);
    await d.ctx.close();
  });

  it('staff areas by role', async () => {
    const { ctx, page } = await newPage(browser);
    await login(page, 'tc_stj_jb');
    await visit(page, '/workbench', 'workbench-cases', /我的办件/);
    await visit(page, '/workbench/register', 'workbench-register', /受理登记/);
    await logout(page);
    await login(page, 'dz_jc');
    await visit(page, '/supervision', 'supervision-dashboard', /监察总览/);
    await visit(page, '/supervision/alerts', 'supervision-alerts', /预警报警/);
    await visit(page, '/supervision/orders', 'supervision-orders', /督办/);
    await visit(page, '/supervision/complaints', 'supervision-complaints', /投诉受理/);
    await visit(page, '/supervision/patrols', 'supervision-patrols', /巡查/);
    await visit(page, '/supervision/daily-log', 'supervision-daily-log', /监察日志/);
    await logout(page);
    await login(page, 'admin', inject('adminPassword'));
    await visit(page, '/admin/regions', 'admin-regions', /行政区划/);
    await visit(page, '/admin/departments', 'admin-departments', /部门/);
    await visit(page, '/admin/users', 'admin-users', /用户与角色/);
    await visit(page, '/admin/api-keys', 'admin-api-keys', /API 密钥/);
    // a department key is shown once
    await page.getByRole('button', { name: '签发密钥' }).click();
    await pickSelect(page, '.ant-modal:visible .ant-select', '通川区生态环境局');
    await page.locator('.ant-modal:visible input#name').fill('执法办案系统对接');
    await modalOk(page);
    // the key, or the error that stopped it (named in the failure)
    await page.locator('[data-testid="api-key-shown"]').or(page.locator('.ant-message-error, .ant-form-item-explain-error')).first().waitFor();
    expect(await page.locator('.ant-message-error, .ant-form-item-explain-error').allInnerTexts()).toEqual([]);
    expect(await page.locator('[data-testid="api-key-shown"] code').innerText()).toMatch(/.{20,}/);
    await shot(page, 'admin-api-key-issued');
    await visit(page, '/admin/catalog', 'admin-catalog', /目录管理/);
    await visit(page, '/admin/calendar', 'admin-calendar', /工作日历/);
    await visit(page, '/admin/rules', 'admin-rules', /规则配置/);
    await visit(page, '/admin/clock', 'admin-clock', /演练时钟/);
    await logout(page);
    await login(page, 'audit_admin');
    await visit(page, '/admin/audit', 'admin-audit', /审计日志/);
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
