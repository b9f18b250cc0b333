import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PNG, baseUrl, closeBrowser, launch, login, modalOk, newPage, see, shot } from './browser.js';

/**
 * 网上申请 (川办发〔2014〕2号 平台办法 第五条(六)): a company applies in the hall for 建设项目环境影响报告表审批,
 * the 通川区生态环境局 handler accepts it on the workbench; a second application is refused with reason and
 * remedies; a third is sent back once for corrections (一次性告知), answered online, then accepted.
 */
const ITEM = '511702-STJ-XK-0001';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const MATERIALS = ['建设项目环境影响报告表审批申请', '建设项目环境影响报告表（全本及公开本）', '营业执照或法人证书'];

async function applyOnline(page: Page, name: string, materials: string[], tag: string): Promise<{ caseNo: string; queryCode: string }> {
  await page.goto(`${baseUrl()}/hall/items/${ITEM}`);
  await page.click('[data-testid="apply-online"]');
  await see(page, '申请材料');
  await page.getByText('法人或其他组织').click();
  await page.fill('#apply-name', name);
  await page.fill('#apply-idNumber', '91350100M000100Y43');
  await page.fill('#apply-phone', '0818-2000000');
  for (const m of materials) {
    const i = MATERIALS.indexOf(m);
    await page.locator(`#apply-file-${i}`).setInputFiles(i === 2 ? { name: '营业执照.png', mimeType: 'image/png', buffer: SAMPLE_PNG } : { name: `${m}.pdf`, mimeType: 'application/pdf', buffer: PDF });
  }
  await shot(page, `online-${tag}-1-form`);
  await page.click('[data-testid="apply-submit"]');
  await page.locator('[data-testid="apply-result"]').waitFor();
  const caseNo = await page.locator('[data-testid="apply-caseNo"]').innerText();
  const queryCode = await page.locator('[data-testid="apply-queryCode"]').innerText();
  expect(caseNo).toMatch(/^511702-STJ-/);
  expect(queryCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
  await shot(page, `online-${tag}-2-result`);
  return { caseNo, queryCode };
}

async function lookUp(page: Page, c: { caseNo: string; queryCode: string }): Promise<string> {
  await page.goto(`${baseUrl()}/hall/progress`);
  await page.fill('#progress-caseNo', c.caseNo);
  await page.fill('#progress-queryCode', c.queryCode);
  await page.click('[data-testid="progress-submit"]');
  await page.locator('[data-testid="case-summary"]').waitFor();
  return page.locator('body').innerText();
}

/** The handler opens the application from the list of applications waiting (待受理). */
async function openApplication(page: Page, caseNo: string): Promise<void> {
  await page.goto(`${baseUrl()}/workbench`);
  await page.click('[data-testid="show-applications"]');
  await page.locator('a', { hasText: caseNo }).click();
  await page.locator('[data-testid="application-card"]').waitFor();
}

describe('online application journey (hall → workbench)', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => { await closeBrowser(browser); });

  it('applies in the hall and is accepted on the workbench', async () => {
    const citizen = await newPage(browser);
    const c = await applyOnline(citizen.page, '达州市通川区某化工有限公司', MATERIALS, 'accept');
    const waiting = await lookUp(citizen.page, c);
    expect(waiting).toContain('待受理');
    expect(waiting).toContain('受理期限');
    await shot(citizen.page, 'online-accept-3-progress-waiting');

    const staff = await newPage(browser, { wide: true });
    await login(staff.page, 'tc_stj_jb');
    await staff.page.goto(`${baseUrl()}/workbench`);
    await staff.page.click('[data-testid="show-applications"]');
    await staff.page.locator('a', { hasText: c.caseNo }).waitFor();
    await shot(staff.page, 'online-accept-4-workbench-list');
    await staff.page.locator('a', { hasText: c.caseNo }).click();
    await staff.page.locator('[data-testid="application-card"]').waitFor();
    const card = await staff.page.locator('[data-testid="application-card"]').innerText();
    expect(card).toContain('9135**********0Y43'); // stored sealed, shown masked (GB/T 22239-2019 8.1.4.11)
    expect(await staff.page.locator('[data-testid="application-files"] a').count()).toBe(3);
    expect(await staff.page.locator('[data-testid="case-status"]').innerText()).toContain('待受理');
    expect(await staff.page.locator('[data-testid="acceptance-due"]').innerText()).toContain('2026-03-09');
    await shot(staff.page, 'online-accept-5-application');
    await staff.page.click('[data-action="accept"]');
    await modalOk(staff.page);
    await staff.page.locator('[data-testid="case-status"][data-status="open"]').waitFor();
    expect(await staff.page.locator('[data-testid="case-timeline"]').innerText()).toContain('网上申请');
    await shot(staff.page, 'online-accept-6-accepted');

    const after = await lookUp(citizen.page, c);
    expect(after).toContain('办理中');
    expect(after).not.toContain('待受理');
    await shot(citizen.page, 'online-accept-7-progress-accepted');
    await citizen.ctx.close();
    await staff.ctx.close();
  });

  it('is refused with its reason and remedies, which the applicant reads', async () => {
    const citizen = await newPage(browser);
    const c = await applyOnline(citizen.page, '达州市通川区某砖厂', MATERIALS, 'refuse');
    const staff = await newPage(browser, { wide: true });
    await login(staff.page, 'tc_stj_jb');
    await openApplication(staff.page, c.caseNo);
    await staff.page.click('[data-action="reject"]');
    // the remedies come from the item's published ones; a refusal without reason is not sent
    await expect.poll(() => staff.page.locator('#action-remedies').inputValue()).toContain('行政复议');
    await modalOk(staff.page);
    await see(staff.page, '请填写理由');
    await staff.page.fill('#action-reason', '申请事项依法不需要取得行政许可');
    await shot(staff.page, 'online-refuse-3-reject-form');
    await modalOk(staff.page);
    await staff.page.locator('[data-testid="case-status"][data-status="concluded"]').waitFor();
    const text = await lookUp(citizen.page, c);
    expect(text).toContain('您的申请不予受理');
    expect(text).toContain('申请事项依法不需要取得行政许可');
    expect(text).toContain('行政复议');
    await shot(citizen.page, 'online-refuse-4-progress-refused');
    await citizen.ctx.close();
    await staff.ctx.close();
  });

  it('a correction asked all at once is answered online, then the application is accepted', async () => {
    const citizen = await newPage(browser);
    const c = await applyOnline(citizen.page, '达州市通川区某印染厂', [MATERIALS[0]], 'correct');
    const staff = await newPage(browser, { wide: true });
    await login(staff.page, 'tc_stj_jb');
    await openApplication(staff.page, c.caseNo);
    await staff.page.click('[data-action="requestCorrection"]');
    await staff.page.fill('#action-materials', `${MATERIALS[1]}\n${MATERIALS[2]}`);
    await staff.page.fill('#action-reason', '缺少报告表和营业执照');
    await modalOk(staff.page);
    await staff.page.locator('[data-testid="application-correction"]').waitFor();
    expect(await staff.page.locator('[data-action="accept"]').count()).toBe(0);
    await shot(staff.page, 'online-correct-3-asked');

    await lookUp(citizen.page, c);
    await citizen.page.locator('[data-testid="correction-card"]').waitFor();
    expect(await citizen.page.locator('[data-testid="correction-notice"]').innerText()).toBe(`${MATERIALS[1]}、${MATERIALS[2]}`);
    await shot(citizen.page, 'online-correct-4-notice');
    // a program renamed to .pdf is refused by its content, in Chinese
    await citizen.page.locator('#correction-file-0').setInputFiles({ name: '报告表.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]) });
    await citizen.page.locator('#correction-file-1').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: SAMPLE_PNG });
    await citizen.page.click('[data-testid="correction-submit"]');
    await see(citizen.page, /须为 PDF、图片或 Word\/WPS 等办公文档/);
    await shot(citizen.page, 'online-correct-5-wrong-type');
    await citizen.page.locator('#correction-file-0').setInputFiles({ name: '报告表.pdf', mimeType: 'application/pdf', buffer: PDF });
    await citizen.page.click('[data-testid="correction-submit"]');
    await citizen.page.locator('[data-testid="correction-sent"]').waitFor();
    await shot(citizen.page, 'online-correct-6-answered');

    await staff.page.reload();
    await see(staff.page, '申请人已于');
    await staff.page.click('[data-action="accept"]');
    await modalOk(staff.page);
    await staff.page.locator('[data-testid="case-status"][data-status="open"]').waitFor();
    expect(await staff.page.locator('[data-testid="application-files"] a').count()).toBe(3);
    await shot(staff.page, 'online-correct-7-accepted');
    await citizen.ctx.close();
    await staff.ctx.close();
  });
});
