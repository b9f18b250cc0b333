import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, baseUrl, closeBrowser, launch, login, newPage, pickSelect, see, shot } from './browser.js';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));
/** The cells of a table's body rows, as text. */
const rows = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"] tbody tr.ant-table-row`).evaluateAll((trs) =>
  trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td: { textContent: string | null }) => (td.textContent ?? '').trim())));

/** 得分走势 and 逐级下钻: the city's supervisor reads the trend, then drills from the city to a county, a department and its people. */
describe('evaluation trends and drill-down (得分走势、逐级下钻)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('the trend chart, then city → county → department → people, with figures that add up', async () => {
    const { ctx, page } = await newPage(browser);
    await login(page, 'dz_jc');
    await page.goto(`${baseUrl()}/supervision/evaluation`);
    await page.getByRole('tab', { name: '得分走势' }).click();
    await page.locator('[data-testid="trend-chart"] canvas').first().waitFor();
    await pickSelect(page, '[data-testid="trend-dept"]', '通川区生态环境局');
    await page.locator('[data-testid="trend-table"]').getByText('部门得分').waitFor();
    const trend = await rows(page, 'trend-table');
    expect(trend.length).toBe(12);
    // the last month scored by the province's scheme, named in Chinese
    expect(trend[11][2]).toContain('四川省');
    expect(trend[11][0]).toMatch(/^\d{4}年\d{1,2}月$/);
    await shot(page, 'evaluation-drill-1-trend');

    await page.getByRole('tab', { name: '逐级下钻' }).click();
    await page.locator('[data-testid="drill-chart"] canvas').first().waitFor();
    await see(page, '达州市：');
    const sum = await page.locator('[data-testid="drill-sum"]').textContent();
    const [, depts, total, avg] = /(\d+) 个部门，得分合计 ([\d.]+)，平均分 ([\d.]+)/.exec(sum ?? '')!;
    const children = await rows(page, 'drill-children');
    expect(children.map((c) => c[0])).toEqual(expect.arrayContaining(['通川区', '达川区']));
    const cityOwn = await rows(page, 'drill-departments');
    // each region's average is its sum over its departments; the city's count and sum are its children's and its own departments'
    for (const c of children) expect(num(c[3])).toBeCloseTo(Math.round((num(c[2]) / num(c[1])) * 100) / 100, 2);
    expect(children.reduce((s, c) => s + num(c[1]), 0) + cityOwn.length).toBe(Number(depts));
    expect(children.reduce((s, c) => s + num(c[2]), 0) + cityOwn.reduce((s, d) => s + num(d[2]), 0)).toBeCloseTo(Number(total), 1);
    expect(Number(avg)).toBeCloseTo(Math.round((Number(total) / Number(depts)) * 100) / 100, 2);
    await shot(page, 'evaluation-drill-2-city');

    await page.locator('[data-testid="drill-children"]').getByText('通川区').click();
    await page.locator('[data-testid="drill-path"]').getByText('通川区').waitFor();
    await see(page, '通川区：');
    const own = await rows(page, 'drill-departments');
    const tc = children.find((c) => c[0] === '通川区')!;
    expect(own.length).toBe(num(tc[1]));
    expect(own.reduce((s, d) => s + num(d[2]), 0)).toBeCloseTo(num(tc[2]), 1);
    await shot(page, 'evaluation-drill-3-county');

    await page.locator('[data-testid="drill-departments"]').getByText('通川区生态环境局').click();
    await page.locator('[data-testid="drill-people"]').getByText('李明').waitFor();
    await see(page, /通川区生态环境局：得分/);
    await shot(page, 'evaluation-drill-4-people');

    // back up by the breadcrumb
    await page.locator('[data-testid="drill-path"]').getByText('达州市').click();
    await page.locator('[data-testid="drill-children"]').getByText('达川区').waitFor();
    // the region's average against the scores of §8 counted here
    const scores = await apiCall(page, 'GET', `/api/evaluation/v1/drill?region=511700&period=${encodeURIComponent(await lastMonthOf(page))}`);
    const s8 = await apiCall(page, 'GET', `/api/evaluation/v1/scores?region=511700&period=${encodeURIComponent(scores.period)}`);
    const hand = s8.departments.reduce((x: number, d: { score: number }) => x + d.score, 0);
    expect(scores.departments).toBe(s8.departments.length);
    expect(scores.average).toBeCloseTo(Math.round((hand / s8.departments.length) * 100) / 100, 2);
    expect((page as unknown as { jsErrors: string[] }).jsErrors).toEqual([]);
    await ctx.close();
  });
});

/** The month before the server's clock (China time), as the page defaults to. */
async function lastMonthOf(page: Page): Promise<string> {
  const c = await apiCall(page, 'GET', '/api/clock').catch(() => null);
  const now = new Date(c?.now ?? Date.now());
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
