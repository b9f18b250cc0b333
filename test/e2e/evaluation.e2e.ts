import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, closeBrowser, launch, login, logout, newPage, see, shot } from './browser.js';

/** The OK button of the open confirmation (Modal.confirm has no .ant-modal-footer). */
const modalOk = (page: Page) => page.locator('.ant-modal:visible .ant-btn-primary').last().click();

/** 绩效考评: the supervisor approves and publishes a month, the department appeals, the supervisor upholds; the hall shows published periods. */
describe('evaluation journey (绩效考评)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('draft → approved → published → appeal upheld → draft again; the hall', async () => {
    const { ctx, page } = await newPage(browser);
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision/evaluation`);
    await see(page, '四川省');
    const status = page.locator('[data-testid="eval-status"]');
    await status.getByText('草稿').waitFor();
    await see(page, '通川区生态环境局');
    await see(page, '按时办结率');
    await page.click('[data-testid="eval-approve"]');
    await modalOk(page);
    await status.getByText('已审定').waitFor();
    await page.click('[data-testid="eval-publish"]');
    await modalOk(page);
    await status.getByText('已公布').waitFor();
    await shot(page, 'evaluation-1-published');
    await page.getByRole('tab', { name: '考评细则' }).click();
    await see(page, '零办件未按时说明数');
    await shot(page, 'evaluation-2-scheme');
    await logout(page);

    // the department administrator appeals its score in 达州市's period
    await login(page, 'tc_stj_gly');
    await page.goto(`${baseUrl()}/supervision/evaluation/department`);
    const card = page.locator('[data-testid="dept-period"]', { hasText: '达州市' });
    await card.locator('[data-testid="appeal-open"]').click();
    await page.fill('[data-testid="appeal-reason"]', '本月一张红牌系系统误报，已申请撤销，请予复核。');
    await modalOk(page);
    await see(page, '已提交申诉');
    await card.getByText('待复核').first().waitFor();
    await shot(page, 'evaluation-3-appeal');
    await logout(page);

    // the supervisor upholds: the period is a draft again, recomputed
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision/evaluation`);
    await page.locator('[data-testid="eval-appeals"]').getByText('待复核').waitFor();
    await page.click('[data-testid="appeal-uphold"]');
    await page.fill('[data-testid="appeal-decision-reason"]', '经复核，该红牌系误报，重新计分。');
    await modalOk(page);
    await page.locator('[data-testid="eval-appeals"]').getByText('申诉成立').waitFor();
    await status.getByText('草稿').waitFor();
    await shot(page, 'evaluation-4-upheld');

    // the hall shows the latest published period (通川区's, published with the demo), never the draft
    await page.goto(`${baseUrl()}/hall/league`);
    await see(page, /绩效考评结果.*公布/);
    await see(page, '通川区生态环境局');
    await shot(page, 'evaluation-5-hall');
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
