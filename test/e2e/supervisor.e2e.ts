import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, closeBrowser, launch, login, logout, modalOk, newPage, pickSelect, see, shot } from './browser.js';

const ITEM = '511702-STJ-XK-0001'; // 15 working days promised

/** 监察员 sees a red alarm, issues 督办, the department answers and the supervisor accepts. */
describe('supervisor journey (e-supervision)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('red alarm → 督办 → answer → accepted', async () => {
    // a case left open past its promised limit: register it, then move the drill clock 35 days on
    const h = await apiAs('tc_stj_jb');
    const c = await h('POST', '/api/cases', { itemCode: ITEM, counterparty: { kind: 'person', name: '王小明', idNumber: '11010519491231002X' }, channel: 'window' });
    const admin = await apiAs('admin', inject('adminPassword'));
    const now = (await admin('GET', '/api/clock')).now as string;
    await admin('POST', '/api/admin/clock', { now: new Date(Date.parse(now) + 35 * 86_400_000).toISOString() });

    const { ctx, page } = await newPage(browser);
    await login(page, 'dz_jc');
    expect(new URL(page.url()).pathname).toBe('/supervision');
    await page.click('[data-testid="run-sweep"]');
    await see(page, '巡检完成');
    await shot(page, 'supervisor-1-dashboard');

    // find the red alarm of the case
    await page.goto(page.url().replace(/\/supervision.*$/, '/supervision/alerts'));
    await page.locator('input[placeholder="办件编号"]').fill(c.caseNo);
    await page.locator('input[placeholder="办件编号"]').press('Enter');
    await pickSelect(page, '[data-testid="filter-level"]', '红色报警');
    await see(page, '超承诺时限');
    await shot(page, 'supervisor-2-alerts');
    await page.getByRole('link', { name: '超承诺时限' }).first().click();
    await see(page, '办件轨迹');
    expect(await page.locator('[data-testid="alert-title"]').innerText()).toBe('超承诺时限');

    // issue 督办
    await page.click('[data-testid="alert-order"]');
    await page.fill('#alert-action-text', '该件已超承诺时限，请于 5 个工作日内办结并书面说明超期原因。');
    await modalOk(page);
    await see(page, '已提交');
    await shot(page, 'supervisor-3-alert');
    // the 督办 stands in the alert's history, linked to its own page
    await page.locator('[data-testid="alert-order-link"]').click();
    await page.locator('[data-testid="order-title"]').waitFor();
    expect(await page.locator('[data-testid="order-alert"]').innerText()).toContain('超承诺时限');
    await shot(page, 'supervisor-3b-order-page');
    await logout(page);

    // the department answers
    await login(page, 'tc_stj_jb');
    await page.goto(page.url().replace(/\/workbench.*$/, '/supervision/orders'));
    const row = page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo });
    await row.locator('[data-testid="order-answer"]').click();
    await page.fill('#order-action-text', '经查，因申请人补充材料延误，已于当日办结，并对承办人进行提醒谈话。');
    await modalOk(page);
    await page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo }).locator('[data-status="answered"]').waitFor();
    await shot(page, 'supervisor-4-department-answered');
    await logout(page);

    // the supervisor reviews the answer twice (盐城电子监察办法 第二十条: 初审, then 审结)
    await login(page, 'dz_jc');
    await page.goto(page.url().replace(/\/supervision.*$/, '/supervision/orders'));
    await page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo }).locator('[data-testid="order-accept"]').click();
    await page.locator('#order-action-text').fill('初审：整改情况属实。');
    await modalOk(page);
    await page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo }).locator('[data-status="first_reviewed"]').waitFor();
    await page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo }).locator('[data-testid="order-accept"]').click();
    await page.locator('#order-action-text').fill('整改到位，予以办结。');
    await modalOk(page);
    try {
      // the accepted status, or the page's error message (a toast gone after 3 s: caught as it shows)
      const accepted = page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo }).locator('[data-status="accepted"]');
      const failed = page.locator('.ant-message-error');
      await accepted.or(failed).first().waitFor();
      if (await failed.isVisible()) throw new Error(`accepting the order failed: ${await failed.innerText()}`);
    } catch (e) {
      await shot(page, 'FAIL-supervisor-accept');
      throw e;
    }
    await shot(page, 'supervisor-5-accepted');
    await page.locator('[data-testid="orders-table"] tr', { hasText: c.caseNo }).getByRole('link').first().click();
    await page.locator('[data-testid="order-answer-text"]').waitFor();
    expect(await page.locator('[data-testid="order-answer-text"]').innerText()).toContain('经查，因申请人补充材料延误');
    await shot(page, 'supervisor-6-order-answered');
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
