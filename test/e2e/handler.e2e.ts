import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PNG, closeBrowser, launch, login, modalOk, newPage, pickSelect, see, shot } from './browser.js';

/** 经办人 registers a case on the workbench, steps through it, uploads evidence, decides and closes it. */
describe('handler journey (workbench)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('registers, steps through, uploads evidence, decides and closes', async () => {
    const { ctx, page } = await newPage(browser);
    await login(page, 'tc_stj_jb');
    await page.click('[data-testid="go-register"]');
    await page.locator('#register-item').fill('环境影响');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '511702-STJ-XK-0001' }).click();
    await page.getByText('法人或其他组织').click();
    await page.fill('#register-name', '达州市通川区某化工有限公司');
    await page.fill('#register-idNumber', '91350100M000100Y43');
    await page.fill('#register-phone', '0818-2000000');
    await shot(page, 'handler-1-register');
    await page.click('[data-testid="register-submit"]');
    await see(page, '受理成功');
    const caseNo = await page.locator('[data-testid="new-case-no"]').innerText();
    expect(caseNo).toMatch(/^511702-STJ-/);
    await page.getByText('进入办件').click();
    await see(page, '办理流程');
    expect(await page.locator('[data-testid="flowchart"] [data-current="true"]').getAttribute('data-step')).toBe('accept');
    await shot(page, 'handler-2-case-open');

    const completeStep = async (name: string) => {
      await page.locator('[data-action="completeStep"]', { hasText: name }).click();
      await page.fill('#action-text', `${name}：同意`);
      await modalOk(page);
      await page.locator('[data-action="completeStep"]', { hasText: name }).waitFor({ state: 'detached' });
    };
    await completeStep('受理');
    // 现场核查 requires evidence: upload a photo, then complete the step
    expect(await page.locator('[data-testid="flowchart"] [data-current="true"]').getAttribute('data-step')).toBe('inspect');
    await page.getByRole('tab', { name: '证据材料' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await see(page, '现场照片.png');
    await page.getByRole('button', { name: '预览' }).first().click();
    await page.locator('.ant-modal:visible img').waitFor();
    await shot(page, 'handler-3-evidence-preview');
    await page.keyboard.press('Escape');
    await completeStep('现场核查');
    await completeStep('审查');
    // decide, then close
    await page.locator('[data-action="decide"]').click();
    await page.fill('#action-legalBasis', '《中华人民共和国环境影响评价法》第二十二条');
    await page.fill('#action-documentNo', '通环审〔2026〕8号');
    await page.fill('#action-decision-reason', '材料齐全，符合法定条件');
    await modalOk(page);
    await page.locator('[data-action="close"]').click();
    await page.locator('[data-testid="case-status"][data-status="concluded"]').waitFor();
    await page.getByRole('tab', { name: '办理过程' }).click();
    const timeline = await page.locator('[data-testid="case-timeline"]').innerText();
    for (const w of ['受理/立案', '上传证据', '作出决定', '办结']) expect(timeline).toContain(w);
    await page.getByRole('tab', { name: '时限说明' }).click();
    await see(page, '当日不计入');
    await shot(page, 'handler-4-closed-deadline');

    // the case appears concluded in the list
    await page.goto(page.url().replace(/\/workbench\/cases\/.*/, '/workbench'));
    await pickSelect(page, '.ant-select:has-text("状态")', '已办结');
    await see(page, caseNo);
    await shot(page, 'handler-5-list');
    // the case list holds applicants' data: its export is a request a leader approves (第十五条; test/e2e/exports.e2e.ts downloads one)
    await page.click('[data-testid="export-excel"]');
    await see(page, '须经单位分管领导批准');
    await page.fill('[data-testid="export-purpose"]', '已办结办件核对');
    await modalOk(page);
    await see(page, '已提交导出申请');
    expect((page as any).jsErrors).toEqual([]);
    await ctx.close();
  });
});
