import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, concludedCase, launch, newPage, pickSelect, see, shot } from './browser.js';

describe('citizen journey (public hall, on a phone)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('finds an item, follows a case, complains and rates', async () => {
    const { ctx, page } = await newPage(browser, { mobile: true });
    // find an item
    await page.goto(`${baseUrl()}/`);
    await page.locator('[data-testid="catalog-search"] input').fill('环境影响');
    await page.locator('[data-testid="catalog-search"] .ant-input-search-btn').click();
    await pickSelect(page, '[data-testid="filter-region"]', /^通川区$/);
    await expect.poll(() => page.locator('[data-testid="catalog-item"]').count()).toBe(1);
    await page.locator('[data-testid="catalog-item"] a', { hasText: '建设项目环境影响报告表审批' }).click();
    await see(page, '救济途径');
    expect(await page.locator('[data-testid="item-title"]').innerText()).toContain('建设项目环境影响报告表审批');
    expect(await page.locator('[data-testid="flowchart"] [data-step]').count()).toBeGreaterThan(3);
    await shot(page, 'citizen-1-item');

    // follow a case by number and query code
    const c = await concludedCase('达州市某建材有限公司', '通环审〔2026〕1号');
    await page.goto(`${baseUrl()}/hall/progress`);
    await page.fill('#progress-caseNo', c.caseNo);
    await page.fill('#progress-queryCode', c.queryCode);
    await page.click('[data-testid="progress-submit"]');
    await see(page, '办理情况');
    const summary = await page.locator('[data-testid="case-summary"]').innerText();
    expect(summary).toContain(c.caseNo);
    expect(summary).toContain('建设项目环境影响报告表审批');
    await shot(page, 'citizen-2-progress');

    // rate the concluded case
    await page.getByText('评价此次办理').click();
    await page.getByText('非常满意', { exact: true }).click();
    await page.fill('#rate-comment', '办理高效，窗口服务热情。');
    await page.click('[data-testid="rate-submit"]');
    await see(page, '感谢您的评价');
    await shot(page, 'citizen-3-rated');

    // complain and follow the complaint
    await page.goto(`${baseUrl()}/hall/complaints`);
    await pickSelect(page, '#complaint-region', '通川区');
    await page.fill('#complaint-subject', '窗口办事排队时间过长');
    await page.fill('#complaint-content', '3月2日上午在通川区政务服务中心生态环境窗口排队两个小时。');
    await page.fill('#complaint-name', '张三');
    await page.fill('#complaint-phone', '13800000000');
    await page.click('[data-testid="complaint-submit"]');
    await see(page, '已提交，请记下编号和查询码');
    const no = await page.locator('[data-testid="complaint-number"]').innerText();
    expect(no.length).toBeGreaterThan(4);
    await page.click('[data-testid="follow-submit"]');
    await see(page, '待受理');
    await shot(page, 'citizen-4-complaint');

    // the league table shows the department with its rating
    await page.goto(`${baseUrl()}/hall/league`);
    await see(page, '通川区生态环境局');
    await shot(page, 'citizen-5-league');
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
