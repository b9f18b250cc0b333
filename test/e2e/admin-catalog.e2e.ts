import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launch, login, logout, newPage, pickSelect, see, shot } from './browser.js';

const ITEM = '511702-STJ-CF-0002'; // 对超过大气污染物排放标准排放大气污染物的处罚 (demo)

/** A department administrator adjusts an item; the legal reviewer passes it; the leader approves; a new version appears. */
describe('administrator adjusts a catalog item through review and approval', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('draft → review → approval → version 2 with its diff', async () => {
    const { ctx, page } = await newPage(browser);
    const base = () => new URL(page.url()).origin;
    await login(page, 'tc_stj_gly');
    await page.goto(`${base()}/admin/catalog/${ITEM}`);
    await see(page, '历史版本');
    await page.click('[data-testid="adj-new"]');
    await page.fill('#adj-reason', '执法大队办公地点搬迁，更新办理地点和咨询电话');
    await page.fill('#adj-location', '通川区西外镇凤凰大道 88 号 生态环境综合执法大队');
    await page.fill('#adj-phone', '0818-2380119');
    await shot(page, 'admin-1-adjustment-draft');
    await page.click('[data-testid="adj-save"]');
    await page.locator('[data-testid="item-adjustments"] [data-stage="draft"]').waitFor();
    await see(page, '在途申请的变更内容');
    await page.click('[data-testid="adj-submit"]');
    await page.locator('[data-testid="item-adjustments"] [data-stage="review"]').waitFor();
    await shot(page, 'admin-2-submitted');
    await logout(page);

    // 法制审核
    await login(page, 'tc_fzsh');
    await page.goto(`${base()}/admin/catalog`);
    await page.getByRole('tab', { name: '调整申请' }).click();
    const row = page.locator('[data-testid="adjustments-table"] tr', { hasText: '执法大队办公地点搬迁' });
    await row.locator('[data-testid="adj-review-pass"]').click();
    await page.locator('[data-testid="adjustments-table"] tr', { hasText: '执法大队办公地点搬迁' }).getByText('领导审定').waitFor();
    await shot(page, 'admin-3-reviewed');
    await logout(page);

    // 领导审定
    await login(page, 'tc_ld');
    await page.goto(`${base()}/admin/catalog/${ITEM}`);
    await page.locator('[data-testid="item-adjustments"] [data-testid="adj-approve"]').click();
    await page.locator('[data-testid="item-adjustments"] [data-stage="approved"]').waitFor();
    // the new version and what changed
    await expect.poll(() => page.locator('[data-testid="versions-table"] tbody tr').count()).toBeGreaterThanOrEqual(2);
    await pickSelect(page, '#diff-from', 'v1');
    await pickSelect(page, '#diff-to', 'v2');
    await page.locator('[data-testid="version-diff"]').waitFor();
    const diff = await page.locator('[data-testid="version-diff"]').innerText();
    expect(diff).toContain('0818-2380119');
    await shot(page, 'admin-4-approved-diff');
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
