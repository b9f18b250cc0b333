import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, closeBrowser, launch, login, logout, newPage, see, shot } from './browser.js';

/**
 * 消息中心 (issue "Closing the loop", part 5): a supervisor shows a red card on a case of 通川区生态环境局;
 * the department's administrator sees the bell's count, finds the message in the centre, opens it
 * onto the alert, and the count drops. The handler's own inbox answers for alerts attributed to them.
 */
describe('message centre journey', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('the bell counts a red card on the department\'s case; opening the message shows the alert and the count drops', async () => {
    const gly = await apiAs('tc_stj_gly');
    const before = (await gly<{ unread: number }>('GET', '/api/messages/unread-count')).unread;
    const h = await apiAs('tc_stj_jb');
    const cases = await h<{ cases: { caseNo: string; status: string }[] }>('GET', '/api/cases?scope=department&limit=50');
    const target = cases.cases.find((c) => c.status !== 'concluded') ?? cases.cases[0];
    const jc = await apiAs('dz_jc');
    const card = await jc<{ id: string }>('POST', '/api/supervision/red-cards', { departmentCode: '511702-STJ', caseNo: target.caseNo, clause: 6, message: '承诺期限内未作出决定，未说明理由' });
    expect((await gly<{ unread: number }>('GET', '/api/messages/unread-count')).unread).toBe(before + 1);

    const { ctx, page } = await newPage(browser);
    await login(page, 'tc_stj_gly');
    const badge = page.locator('[data-testid="message-badge"] .ant-badge-count');
    await badge.waitFor();
    expect(Number((await badge.getAttribute('title')) ?? (await badge.innerText()))).toBe(before + 1);
    await shot(page, 'messages-1-bell');
    await page.click('[data-testid="message-bell"]');
    await page.waitForURL(/\/messages$/);
    const item = page.locator('[data-testid="message-item"]', { hasText: `本部门办件 ${target.caseNo} 亮红牌` }).first();
    await item.waitFor();
    await see(page, '承诺期限内未作出决定，未说明理由');
    const text = await page.locator('body').innerText();
    expect(text).toContain('红牌预警');
    expect(text).not.toMatch(/MANUAL_RED_CARD|alert_red/);
    await shot(page, 'messages-2-centre');
    await item.locator('[data-testid="message-title"]').click();
    await page.waitForURL(new RegExp(`/supervision/alerts/${card.id}$`));
    await see(page, '承诺期限内未作出决定');
    // read: the bell counts one less
    await page.waitForFunction((n) => {
      const b = (globalThis as any).document.querySelector('[data-testid="message-badge"] .ant-badge-count');
      const v = b ? Number(b.getAttribute('title') ?? b.textContent) : 0;
      return v === n;
    }, before, { timeout: 15_000 });
    await shot(page, 'messages-3-alert');
    expect((await gly<{ unread: number }>('GET', '/api/messages/unread-count')).unread).toBe(before);

    // the centre: the message now read, "all read" empties the unread view
    await page.goto(`${baseUrl()}/messages`);
    await item.waitFor();
    expect(await item.locator('.ant-tag', { hasText: '未读' }).count()).toBe(0);
    if (before > 0) {
      await page.click('[data-testid="messages-read-all"]');
      await see(page, '条消息标为已读');
    }
    await page.getByText('未读', { exact: true }).first().click();
    await see(page, '没有未读消息');
    expect(await page.locator('[data-testid="message-badge"] .ant-badge-count').count()).toBe(0);
    await shot(page, 'messages-4-all-read');
    await logout(page);
    await ctx.close();
  });
});
