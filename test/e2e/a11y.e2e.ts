import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, baseUrl, closeBrowser, concludedCase, describeViolations, launch, newPage, see, shot } from './browser.js';

const ITEM = '511702-SJJ-XK-0001'; // 食品经营许可 (demo catalog, with its implementation list)
const APPLY_ITEM = '511702-STJ-XK-0001'; // 建设项目环境影响报告表审批 (applied for online)

/**
 * The public hall is usable with assistive technology: every page, in the state a citizen sees it, has no
 * axe-core violation of impact serious or critical (labels, one h1, contrast, landmarks, button names, lang).
 */
describe('accessible hall (axe-core)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  const found: Record<string, string> = {};
  /** Checks the page as it stands, keeps its violations under `name` and saves a screenshot. */
  const check = async (page: Page, name: string) => {
    await page.waitForTimeout(400); // animations settle (axe reads the colours as shown)
    const problems: string[] = [];
    const vs = await axeViolations(page);
    if (vs.length) problems.push(describeViolations(vs));
    const lang = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang);
    if (lang !== 'zh-CN') problems.push(`lang="${lang}", not zh-CN`);
    const h1 = await page.locator('h1').count();
    if (h1 !== 1) problems.push(`${h1} h1 elements, not one`);
    if (problems.length) found[name] = problems.join('\n');
    await shot(page, `a11y-${name}`);
  };

  it('has no serious or critical violation on any hall page, nor on the staff login', { timeout: 420_000 }, async () => {
    const c = await concludedCase('达州市某无障碍科技有限公司', '通环审〔2026〕31号');
    const { ctx, page } = await newPage(browser, { wide: true, axe: true });
    await page.goto(`${baseUrl()}/`);
    await page.locator('[data-testid="catalog-item"]').first().waitFor();
    await check(page, 'home');

    await page.locator('[data-testid="catalog-search"] input').fill('食品');
    await page.locator('[data-testid="catalog-search"] .ant-input-search-btn').click();
    await page.waitForURL((u) => u.searchParams.get('q') === '食品');
    await page.locator('[data-testid="catalog-item"]').first().waitFor();
    await check(page, 'search');

    await page.goto(`${baseUrl()}/hall/items/${ITEM}`);
    await see(page, '受理条件');
    await check(page, 'item');

    await page.goto(`${baseUrl()}/hall/items/${APPLY_ITEM}/apply`);
    await see(page, '申请材料');
    await check(page, 'apply');

    await page.goto(`${baseUrl()}/hall/progress`);
    await page.locator('#progress-caseNo').waitFor();
    await check(page, 'progress');
    await page.fill('#progress-caseNo', c.caseNo);
    await page.fill('#progress-queryCode', c.queryCode);
    await page.click('[data-testid="progress-submit"]');
    await see(page, '办理情况');
    await check(page, 'progress-found');

    await page.goto(`${baseUrl()}/hall/rate?channel=window`);
    await page.locator('#rate-caseNo').waitFor();
    await check(page, 'rate');

    await page.goto(`${baseUrl()}/hall/complaints`);
    await see(page, '提交投诉或咨询');
    await check(page, 'complaint');

    await page.goto(`${baseUrl()}/hall/reports`);
    await see(page, '提交举报');
    await check(page, 'report');

    await page.goto(`${baseUrl()}/hall/league`);
    await see(page, '通川区生态环境局');
    await check(page, 'league');

    await page.goto(`${baseUrl()}/login`);
    await page.locator('#username').waitFor();
    await check(page, 'login');

    // on a phone too: the hall's home and an item page
    const phone = await newPage(browser, { mobile: true, axe: true });
    await phone.page.goto(`${baseUrl()}/`);
    await phone.page.locator('[data-testid="catalog-item"]').first().waitFor();
    await check(phone.page, 'home-phone');
    await phone.page.goto(`${baseUrl()}/hall/items/${ITEM}`);
    await see(phone.page, '受理条件');
    await check(phone.page, 'item-phone');

    expect(Object.entries(found).map(([k, v]) => `[${k}]\n${v}`).join('\n\n')).toBe('');
    expect((page as Page & { jsErrors?: string[] }).jsErrors).toEqual([]);
    await phone.ctx.close();
    await ctx.close();
  });
});
