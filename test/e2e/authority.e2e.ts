import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, closeBrowser, launch, login, logout, modalOk, newPage, see, shot } from './browser.js';

const CONFIDENTIAL = '511702-STJ-JC-0002'; // 核与辐射安全涉密事项监督检查 (demo, 涉密)

/** The authority of each office: the two reviews of a 督办 answer, and 涉密 items kept off the workbench. */
describe('authority journeys', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('a 督办 answer passes 初审 (city supervisor) then 审结 (province supervisor); the order page shows both', async () => {
    const sup = await apiAs('dz_jc');
    const subject = `两级审核督办演练${Date.now() % 100000}`;
    const o = await sup('POST', '/api/supervision/orders', { departmentCode: '511702-STJ', subject, instructions: '请核查并书面反馈整改情况' });
    const h = await apiAs('tc_stj_jb');
    await h('POST', `/api/supervision/orders/${o.id}/answer`, { findings: '已核查，建立办件台账并逐件销号' });

    const { ctx, page } = await newPage(browser);
    await login(page, 'dz_jc');
    await page.goto(page.url().replace(/\/supervision.*$/, '/supervision/orders'));
    const row = () => page.locator('[data-testid="orders-table"] tr', { hasText: subject });
    await row().locator('[data-status="answered"]').waitFor();
    expect(await row().locator('[data-testid="order-accept"]').innerText()).toContain('初审通过');
    await row().locator('[data-testid="order-accept"]').click();
    await page.locator('#order-action-text').fill('初审：反馈属实，整改措施可行。');
    await modalOk(page);
    await row().locator('[data-status="first_reviewed"]').waitFor();
    await shot(page, 'authority-1-first-review');
    await logout(page);

    await login(page, 'sc_jc');
    await page.goto(page.url().replace(/\/supervision.*$/, '/supervision/orders'));
    expect(await row().locator('[data-testid="order-accept"]').innerText()).toContain('审结通过');
    await row().locator('[data-testid="order-accept"]').click();
    await page.locator('#order-action-text').fill('审结：同意办结。');
    await modalOk(page);
    await row().locator('[data-status="accepted"]').waitFor();
    await row().getByRole('link').first().click();
    await page.locator('[data-testid="order-reviews"]').waitFor();
    expect(await page.locator('[data-testid="order-review-first_review"]').innerText()).toContain('初审：反馈属实');
    expect(await page.locator('[data-testid="order-review-final_review"]').innerText()).toContain('审结：同意办结');
    await shot(page, 'authority-2-order-reviews');
    expect((page as unknown as { jsErrors: unknown[] }).jsErrors).toEqual([]);
    await ctx.close();
  });

  it('a confidential item is refused on the workbench with a clear Chinese message', async () => {
    const { ctx, page } = await newPage(browser);
    await login(page, 'tc_stj_jb');
    await page.click('[data-testid="go-register"]');
    await page.locator('#register-item').fill('核与辐射');
    await page.locator('.ant-select-item-option', { hasText: CONFIDENTIAL }).click();
    await page.fill('#register-name', '达州市通川区某核技术应用有限公司');
    await page.click('input[value="organization"]');
    await page.fill('#register-idNumber', '91350100M000100Y43');
    await page.click('[data-testid="register-submit"]');
    await see(page, '不在行权平台登记办理');
    await shot(page, 'authority-3-confidential-refused');
    expect(await page.locator('[data-testid="register-done"]').count()).toBe(0);
    await ctx.close();
  });
});
