import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, concludedCase, launch, login, logout, modalOk, newPage, pickSelect, see, shot } from './browser.js';

/**
 * 抽查与回访 in the browser (川办发〔2014〕2号 电子监察办法 第十一条(三)(四); 达州意见 四(三)): the city supervisor
 * draws a sample of 通川区生态环境局's concluded cases of the month, checks one case, records a visit, turns
 * the finding into an alert, and reads the quarter's ledger.
 */
describe('sampling and follow-up visits (journey)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('a supervisor draws, checks one case, records a visit, raises an alert from the finding and sees the ledger', async () => {
    // two cases concluded this month (on the drill clock)
    await concludedCase('达州市通川区抽查甲公司', '通环审〔2026〕抽1号');
    await concludedCase('达州市通川区抽查乙公司', '通环审〔2026〕抽2号');
    const s = await apiAs('dz_jc');
    const clock = await s<{ now: string }>('GET', '/api/clock');
    const cst = new Date(Date.parse(clock.now) + 8 * 3_600_000).toISOString();
    const month = cst.slice(0, 7);
    const quarter = `${cst.slice(0, 4)}-Q${Math.floor((Number(cst.slice(5, 7)) - 1) / 3) + 1}`;
    // what the quarter's ledger held before this journey (the walk may have sampled the same quarter)
    const ledgerNow = async () => (await s<{ totals: Record<string, number>; rows: { departmentCode: string }[] }>('GET', `/api/supervision/sampling/ledger?region=511700&quarter=${quarter}`));
    const before = (await ledgerNow()).totals;
    const depts = await s<{ departments?: { code: string; name: string }[] } | { code: string; name: string }[]>('GET', '/api/org/departments?region=511702');
    const deptName = (Array.isArray(depts) ? depts : depts.departments ?? []).find((d) => d.code === '511702-STJ')!.name;

    const { ctx, page } = await newPage(browser, { wide: true });
    await login(page, 'dz_jc');
    await page.locator('.ant-layout-sider a[href="/supervision/sampling"]').click();
    await page.click('[data-testid="draw-new"]');
    await pickSelect(page, '#departmentCode', deptName);
    await page.locator('#period').click();
    await page.locator('#period').fill(month);
    await page.keyboard.press('Enter');
    await page.locator('#sizeValue').fill('2');
    await page.locator('#seed').fill('e2e-quarter-check');
    await shot(page, 'sampling-1-draw-form');
    await page.click('[data-testid="draw-submit"]');
    await page.locator('[data-testid="draw-card"]').waitFor();
    await see(page, 'e2e-quarter-check');
    expect(await page.locator('[data-testid="sampled-case"]').count()).toBe(2);
    await shot(page, 'sampling-2-draw');
    // the same seed over the same cases: the same sample (checked through the API)
    const drawId = page.url().split('/').pop()!;
    const first = await s<{ draw: { caseIds: string[] } }>('GET', `/api/supervision/sampling/draws/${drawId}`);
    const again = await s<{ caseIds: string[] }>('POST', '/api/supervision/sampling/draws', { departmentCode: '511702-STJ', period: month, size: { kind: 'count', value: 2 }, seed: 'e2e-quarter-check' });
    expect(again.caseIds).toEqual(first.draw.caseIds);

    // the checklist of the first case: all 符合 but one 不符合 with its remark
    await page.locator('[data-testid="sampled-case"]').first().click();
    await page.locator('[data-testid="checklist"]').waitFor();
    const groups = page.locator('[data-testid^="check-"]:not([data-testid="check-save"])');
    const n = await groups.count();
    expect(n).toBeGreaterThan(3);
    for (let i = 0; i < n; i++) await groups.nth(i).getByText('符合', { exact: true }).click();
    await groups.nth(1).getByText('不符合', { exact: true }).click();
    await page.click('[data-testid="check-save"]');
    await see(page, /须写明情况|尚未作答|不符合/);
    await page.locator('[data-testid^="remark-"]').nth(1).fill('一次性告知书未留存');
    await page.click('[data-testid="check-save"]');
    await see(page, '已保存，不符合 1 项');
    await see(page, '共 1 次');
    await shot(page, 'sampling-3-checklist');

    // 回访: by telephone, not satisfied
    await page.click('[data-testid="visit-new"]');
    await page.locator('#partyName').fill('张经理');
    await page.locator('#answer').fill('补正材料往返两次，对告知不清不满意');
    await page.locator('[data-testid="visit-satisfied"]').getByText('不满意').click();
    await shot(page, 'sampling-4-visit-form');
    await modalOk(page);
    await see(page, '回访已登记');
    await page.locator('[data-testid="visits"]').getByText('张经理').waitFor();

    // the finding becomes an alert (抽查发现问题) on the case
    await page.click('[data-testid="finding-new"]');
    await page.locator('#description').fill('未一次性告知补正材料，当事人往返两次');
    await page.locator('.ant-modal:visible').getByText('红色报警').click();
    await shot(page, 'sampling-5-finding-form');
    await modalOk(page);
    await see(page, '已转为监察预警');
    await page.locator('[data-testid="finding-alert"]').waitFor();
    await shot(page, 'sampling-6-case-done');
    await page.click('[data-testid="finding-alert"]');
    await see(page, '抽查发现问题');
    await see(page, '未一次性告知补正材料');
    await shot(page, 'sampling-7-alert');

    // the quarter's ledger of the city: the page shows what the server counts
    const ledger = await ledgerNow();
    const added = Object.fromEntries(Object.entries(ledger.totals).map(([k, v]) => [k, v - (before[k] ?? 0)]));
    expect(added).toMatchObject({ casesChecked: 1, nonconformingChecks: 1, visits: 1, visitsUnsatisfied: 1, findings: 1, alerts: 1, accountability: 0 });
    expect(added.draws).toBeGreaterThanOrEqual(1);
    await page.locator('.ant-layout-sider a[href="/supervision/sampling/ledger"]').click();
    const totals = page.locator('[data-testid="ledger-totals"]');
    await totals.waitFor();
    const cells = (await totals.locator('td').allInnerTexts()).map((x) => x.trim());
    expect(cells).toEqual(['合计', ...['draws', 'casesSampled', 'casesChecked', 'nonconformingChecks', 'casesNonconforming', 'visits', 'visitsUnsatisfied', 'findings', 'alerts', 'accountability'].map((k) => String(ledger.totals[k]))]);
    await see(page, deptName);
    await shot(page, 'sampling-8-ledger');
    await logout(page);
    await ctx.close();
  });
});
