import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, concludedCase, launch, login, logout, newPage, see, shot } from './browser.js';

async function step(page: Page, button: string, fill: (m: ReturnType<Page['locator']>) => Promise<void>, status: string, name: string) {
  await page.click(`[data-testid="${button}"]`);
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  await fill(modal);
  await page.click('[data-testid="rt-ok"]');
  await expect.poll(() => page.locator('[data-testid="rating-task-status"]').innerText(), { timeout: 15_000 }).toBe(status);
  await shot(page, name);
}

/** 好差评 closed loop in the browser: a citizen's 差评 in the hall → the department's 回访/整改/反馈 → the supervisor's 复核. */
describe('bad rating journey (hall → workbench → console)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('a citizen gives a real-name 差评; the department visits, rectifies and reports back; the supervisor reviews', async () => {
    const c = await concludedCase('达州市某环保科技有限公司', '通环审〔2026〕9号');
    // the citizen, on a phone, from the window's rating device link
    const citizen = await newPage(browser, { mobile: true });
    let page = citizen.page;
    await page.goto(`${baseUrl()}/hall/rate?channel=window`);
    await page.fill('#rate-caseNo', c.caseNo);
    await page.fill('#rate-queryCode', c.queryCode);
    await page.getByText('不满意', { exact: true }).click();
    await page.locator('[data-testid="rate-ind-attitude"] li').nth(0).click();
    await page.locator('[data-testid="rate-ind-efficiency"] li').nth(1).click();
    await page.click('[data-testid="rate-submit"]');
    await see(page, '差评须说明理由'); // the reason is required for 差评
    await page.fill('#rate-reason', '窗口未一次性告知所需材料，来回跑了三趟。');
    await page.click('[data-testid="rate-realname"]');
    await page.fill('#rate-raterName', '李四');
    await page.fill('#rate-raterPhone', '13900000009');
    await shot(page, 'bad-rating-1-citizen-form');
    await page.click('[data-testid="rate-submit"]');
    await see(page, '感谢您的评价');
    await see(page, '任务编号');
    await shot(page, 'bad-rating-2-citizen-done');
    await citizen.ctx.close();

    // the department's handler works through the task in the workbench
    const dept = await newPage(browser, { wide: true });
    page = dept.page;
    await login(page, 'tc_stj_jb');
    await page.goto(`${baseUrl()}/workbench/bad-ratings`);
    await page.locator('[data-testid="rating-tasks-table"]').getByText(c.caseNo).waitFor();
    await shot(page, 'bad-rating-3-workbench');
    await page.locator('tr', { hasText: c.caseNo }).locator('[data-testid="rating-task-link"]').click();
    await expect.poll(() => page.locator('[data-testid="rating-task-status"]').innerText()).toBe('待回访核实');
    const body = await page.locator('body').innerText();
    expect(body).toContain('窗口未一次性告知所需材料');
    expect(body).toContain('窗口评价器');
    expect(body).toContain('服务态度 1 分');
    // no 整改 before the visit: the button is not offered
    expect(await page.locator('[data-testid="rt-rectify"]').count()).toBe(0);
    await step(page, 'rt-visit', async (m) => {
      await m.getByText('电话', { exact: true }).click();
      await page.fill('#rt-contact', '李四（申请人）');
      await page.fill('#rt-content', '经核实，窗口人员未按一次性告知制度告知材料清单，情况属实。');
    }, '待整改', 'bad-rating-4-visited');
    await step(page, 'rt-rectify', async () => {
      await page.fill('#rt-content', '对窗口人员批评教育；在窗口张贴材料清单并推行一次性告知。');
      await page.fill('#rt-evidence', '整改报告.pdf');
    }, '待反馈', 'bad-rating-5-rectified');
    await step(page, 'rt-feedback', async (m) => {
      await m.getByText('电话', { exact: true }).click();
      await page.fill('#rt-content', '已电话告知李四整改措施，其表示认可。');
    }, '待复核', 'bad-rating-6-fed-back');
    await logout(page);
    await dept.ctx.close();

    // the city's supervisor sees the rating and its rates in the console, opens the task and reviews it
    const sup = await newPage(browser, { wide: true });
    page = sup.page;
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision/ratings`);
    await page.locator('[data-testid="ratings-summary"]').waitFor();
    await page.locator('[data-testid="ratings-table"]').getByText(c.caseNo).waitFor();
    const summary = await page.locator('[data-testid="ratings-summary"]').innerText();
    expect(summary).toContain('好评率');
    expect(summary).toContain('回访率');
    await shot(page, 'bad-rating-7-console');
    await page.locator('tr', { hasText: c.caseNo }).getByText('待复核').click();
    await expect.poll(() => page.locator('[data-testid="rating-task-status"]').innerText()).toBe('待复核');
    expect(await page.locator('[data-testid="rating-task-action"]').count()).toBe(4);
    await step(page, 'rt-review', async (m) => {
      await m.getByText('通过，办结', { exact: true }).click();
      await page.fill('#rt-content', '整改措施落实到位，同意办结。');
    }, '已办结', 'bad-rating-8-reviewed');
    const record = await page.locator('body').innerText();
    expect(record).toContain('复核通过');
    expect(record).toContain('回访核实');
    await logout(page);
    await sup.ctx.close();
  });
});
