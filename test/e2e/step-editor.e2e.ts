import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launch, login, logout, newPage, see, shot } from './browser.js';

const ITEM = '511702-STJ-CF-0001'; // 对未依法取得排污许可证排放污染物的处罚 (demo: promised 60, legal 90; 立案5 调查取证30 法制审核5 告知5 决定5 送达执行5)

/**
 * 盐城 网上运行办法 第十八条(二): 流程时限总和不得超过承诺期限. The department administrator shortens the promised
 * limit and two step limits in the structured step editor (live check names the step that no longer fits), the
 * legal reviewer passes and the leader approves: version 2 carries the new limits.
 */
describe('structured step editor in a catalog adjustment', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('shortens the promised limit and two steps in one request → review → approval → version 2', async () => {
    const { ctx, page } = await newPage(browser, { wide: true });
    const base = () => new URL(page.url()).origin;
    await login(page, 'tc_stj_gly');
    await page.goto(`${base()}/admin/catalog/${ITEM}`);
    await see(page, '历史版本');
    await page.click('[data-testid="adj-new"]');
    await page.locator('[data-testid="step-editor"]').waitFor();
    expect(await page.inputValue('#step-name-1')).toBe('调查取证');
    expect(await page.inputValue('#step-limit-1')).toBe('30');
    // the advanced view holds no steps any more
    expect(await page.inputValue('#adj-advanced')).not.toContain('limitDays');
    await page.fill('#adj-reason', '推行流程再造，压缩承诺时限和调查取证、法制审核环节时限');

    // the promised limit alone: 5+30+5+5+5 = 50 passes 45 at 「决定」, named at once
    await page.fill('#adj-promised', '45');
    await page.locator('#adj-promised').blur();
    await see(page, '累计到第5个环节「决定」已达50个工作日');
    expect(await page.locator('[data-testid="step-sum"]').innerText()).toContain('合计 55 个工作日');
    await shot(page, 'step-editor-1-over-promise');
    await page.locator('.ant-modal:visible .ant-modal-body').screenshot({ path: 'test-results/step-editor-1b-over-promise-editor.png' });

    // shorten 调查取证 30 → 20 and 法制审核 5 → 3: 43 fits 45
    await page.fill('#step-limit-1', '20');
    await page.fill('#step-limit-2', '3');
    await page.locator('#step-limit-2').blur();
    await expect.poll(() => page.locator('[data-testid="step-problems"]').count()).toBe(0);
    expect(await page.locator('[data-testid="step-sum"]').innerText()).toContain('合计 43 个工作日，承诺时限 45 个工作日');
    await shot(page, 'step-editor-2-fits');
    await page.locator('[data-testid="step-editor"]').screenshot({ path: 'test-results/step-editor-2b-fits-editor.png' });
    await page.click('[data-testid="adj-save"]');
    await page.locator('[data-testid="item-adjustments"] [data-stage="draft"]').waitFor();
    await see(page, '在途申请的变更内容');
    await shot(page, 'step-editor-3-draft');
    await page.click('[data-testid="adj-submit"]');
    await page.locator('[data-testid="item-adjustments"] [data-stage="review"]').waitFor();
    await logout(page);

    // 法制审核
    await login(page, 'tc_fzsh');
    await page.goto(`${base()}/admin/catalog/${ITEM}`);
    await page.locator('[data-testid="item-adjustments"] [data-testid="adj-review-pass"]').click();
    await page.locator('[data-testid="item-adjustments"] [data-stage="approval"]').waitFor();
    await logout(page);

    // 领导审定
    await login(page, 'tc_ld');
    await page.goto(`${base()}/admin/catalog/${ITEM}`);
    await page.locator('[data-testid="item-adjustments"] [data-testid="adj-approve"]').click();
    await page.locator('[data-testid="item-adjustments"] [data-stage="approved"]').waitFor();
    const v2 = page.locator('[data-testid="versions-table"] tbody tr', { hasText: 'v2' });
    await v2.waitFor();
    const row = await v2.innerText();
    expect(row).toContain('45');
    expect(row).toContain('90');
    expect(row).toContain('调查取证 20');
    expect(row).toContain('法制审核 3');
    expect(row).toContain('立案 5');
    const v1 = await page.locator('[data-testid="versions-table"] tbody tr', { hasText: 'v1' }).innerText();
    expect(v1).toContain('调查取证 30');
    await shot(page, 'step-editor-4-version-2');
    expect((page as { jsErrors?: string[] } & typeof page).jsErrors).toEqual([]);
    await ctx.close();
  });
});
