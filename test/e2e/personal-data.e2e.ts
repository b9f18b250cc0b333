import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, launch, login, logout, newPage, see, shot } from './browser.js';

const ITEM = '511702-STJ-XK-0001';
const ID = '11010519491231002X';

/** GB/T 22239-2019 8.1.4.11: the case page shows the counterparty masked; 查看 unmasks and the audit administrator sees the reading. */
describe('personal data journey (masked, 查看, recorded)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('masked on the case page → 查看 → the reading in the audit administrator\'s record', async () => {
    const h = await apiAs('tc_stj_jb');
    const c = await h('POST', '/api/cases', { itemCode: ITEM, counterparty: { kind: 'person', name: '王小明', idNumber: ID, phone: '13812345678' }, channel: 'window' });
    const { page } = await newPage(browser);
    await login(page, 'tc_stj_jb');
    await page.goto(`${baseUrl()}/workbench/cases/${c.id}`);
    const text = page.locator('[data-testid="counterparty-text"]');
    await text.waitFor();
    expect(await text.innerText()).toContain('1101**********002X');
    expect(await text.innerText()).not.toContain(ID);
    expect(await text.innerText()).toContain('138****5678');
    await shot(page, 'personal-1-masked');
    await page.click('[data-testid="counterparty-show"]');
    await see(page, ID);
    expect(await text.innerText()).toContain('王小明');
    await shot(page, 'personal-2-revealed');
    await logout(page);

    await login(page, 'audit_admin');
    await page.goto(`${baseUrl()}/admin/audit`);
    await see(page, '个人信息查阅记录');
    const row = page.locator('[data-testid="personal-reads-table"] tr', { hasText: c.caseNo });
    await row.first().waitFor();
    expect(await row.first().innerText()).toMatch(/tc_stj_jb[\s\S]*案件当事人[\s\S]*证件号/);
    await shot(page, 'personal-3-audit');
  });
});
