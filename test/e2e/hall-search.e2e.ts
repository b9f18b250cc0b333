import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PNG, baseUrl, closeBrowser, launch, login, newPage, pickSelect, see, shot } from './browser.js';

const FOOD = '511702-SJJ-XK-0001'; // 食品经营许可 (demo catalog, with its implementation list and a 样表)

/** The hall as citizens know it: search by pinyin and abbreviation, an item page with its implementation list, a 举报 with an attachment. */
describe('hall search, item page and reports (public hall)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  const search = async (page: import('playwright-core').Page, q: string) => {
    await page.locator('[data-testid="catalog-search"] input').fill(q);
    await page.locator('[data-testid="catalog-search"] .ant-input-search-btn').click();
    await page.waitForURL((u) => u.searchParams.get('q') === q);
  };
  const names = (page: import('playwright-core').Page) => page.locator('[data-testid="catalog-item"] .ant-list-item-meta-title').allInnerTexts();

  it('finds items by pinyin ("shipin") and abbreviation ("环评"), and helps when nothing matches', async () => {
    const { ctx, page } = await newPage(browser, { wide: true });
    await page.goto(`${baseUrl()}/`);
    await search(page, 'shipin');
    await expect.poll(() => names(page)).toContain('食品经营许可');
    expect((await names(page)).every((n) => n.includes('食品'))).toBe(true);
    await shot(page, 'hall-search-1-shipin');

    await search(page, '环评');
    await expect.poll(async () => (await names(page)).length).toBeGreaterThan(0);
    expect((await names(page)).every((n) => n.includes('环境影响'))).toBe(true);
    await shot(page, 'hall-search-2-huanping');

    await search(page, 'spjy');
    await expect.poll(() => names(page)).toContain('食品经营许可');

    await search(page, '完全不存在的事项');
    await see(page, '搜索小提示');
    await see(page, '热门搜索');
    await shot(page, 'hall-search-3-empty');
    // a popular search from the empty state finds something
    await page.locator('[data-testid="popular-search"]', { hasText: '环评' }).click();
    await expect.poll(async () => (await names(page)).length).toBeGreaterThan(0);
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });

  it('shows the implementation list of an item, with a sample form to download', async () => {
    const { ctx, page } = await newPage(browser, { wide: true });
    await page.goto(`${baseUrl()}/hall/items/${FOOD}`);
    await see(page, '受理条件');
    const basics = await page.locator('[data-testid="item-basics"]').innerText();
    for (const w of ['办理对象', '是否网办', '跑动次数', '办理时间', '办理地点', '个体工商户']) expect(basics).toContain(w);
    expect(await page.locator('[data-testid="item-conditions"]').innerText()).toContain('食品安全管理人员');
    const materials = await page.locator('[data-testid="item-materials"]').innerText();
    for (const w of ['材料形式', '份数', '原件', '复印件', '食品经营许可申请书']) expect(materials).toContain(w);
    const href = await page.locator('[data-testid="sample-form"]').first().getAttribute('href');
    expect(href).toMatch(new RegExp(`/api/public/catalog/items/${FOOD}/forms/`));
    const dl = await page.request.get(`${baseUrl()}${href}`);
    expect(dl.status()).toBe(200);
    expect(dl.headers()['content-type']).toContain('spreadsheetml');
    await page.locator('[data-testid="item-faqs"] .ant-collapse-header').first().click();
    await see(page, '有效期为5年');
    await shot(page, 'hall-item-guide');
    await ctx.close();
  });

  it('submits a 举报 anonymously with an attachment, which the supervisor sees', async () => {
    const { ctx, page } = await newPage(browser, { mobile: true });
    await page.goto(`${baseUrl()}/hall/reports`);
    await see(page, '提交举报');
    await pickSelect(page, '#complaint-region', '通川区');
    await page.fill('#complaint-subject', '举报窗口人员索要材料费');
    await page.fill('#complaint-content', '3月2日在通川区政务服务中心办理食品经营许可时，窗口人员要求另交200元材料费。');
    await page.locator('#complaint-anonymous').check();
    await page.locator('.ant-upload input[type="file"]').setInputFiles({ name: '收费凭证.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await see(page, '收费凭证.png');
    await page.click('[data-testid="complaint-submit"]');
    await see(page, '已提交，请记下编号和查询码');
    expect(await page.locator('[data-testid="complaint-attached"]').innerText()).toContain('1');
    await shot(page, 'hall-report-submitted');

    // 投诉 is a separate entry: real-name with a phone number
    await page.goto(`${baseUrl()}/hall/complaints`);
    await see(page, '提交投诉或咨询');
    expect(await page.locator('#complaint-anonymous').count()).toBe(0);
    await pickSelect(page, '#complaint-region', '通川区');
    await page.fill('#complaint-subject', '办理拖延');
    await page.fill('#complaint-content', '申请两周无人联系。');
    await page.fill('#complaint-name', '张三');
    await page.click('[data-testid="complaint-submit"]');
    await see(page, '实名投诉须留联系电话');
    await page.fill('#complaint-phone', '12345');
    await page.click('[data-testid="complaint-submit"]');
    await see(page, '请填写有效的电话号码');
    await shot(page, 'hall-complaint-phone-check');
    await ctx.close();

    const s = await newPage(browser, { wide: true });
    await login(s.page, 'dz_jc');
    await s.page.goto(`${baseUrl()}/supervision/complaints`);
    const row = s.page.locator('[data-testid="complaints-table"] tr', { hasText: '举报窗口人员索要材料费' }).first();
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await see(s.page, '收费凭证.png');
    const link = await s.page.locator('[data-testid="complaint-attachments"] a').first().getAttribute('href');
    const file = await s.page.request.get(`${baseUrl()}${link}`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(SAMPLE_PNG)).toBe(true);
    await shot(s.page, 'supervision-complaint-attachment');
    await s.ctx.close();
  });
});
