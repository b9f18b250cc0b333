import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { totpCode } from '../../src/domain/auth/totp.js';
import { DEMO_TOTP_SECRET } from '../../src/services/demo/org.demo.js';
import { ADMIN_TOTP_SECRET } from './server-setup.js';

/** Demo accounts (src/services/demo/org.demo.ts) share one password. */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
export const baseUrl = () => inject('baseUrl');

/** Debian chromium, headless, with a fresh profile. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    // playwright gives launch() a fresh temporary --user-data-dir of its own (it refuses the flag)
  });
}

export async function closeBrowser(b: Browser | null): Promise<void> {
  await b?.close();
}

/** `axe`: the page's Content-Security-Policy is bypassed so that axe-core can be injected (axeViolations); nothing else changes. */
export async function newPage(browser: Browser, opts: { mobile?: boolean; wide?: boolean; axe?: boolean } = {}): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    ...(opts.mobile
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
      : { viewport: { width: opts.wide ? 1440 : 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }),
    ...(opts.axe ? { bypassCSP: true } : {}),
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  return { ctx, page };
}

/** Saves a full-page screenshot under test-results/ (look at them). */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync('test-results', { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join('test-results', `${name}.png`), fullPage: true });
}

/** The current one-time code of an account (§6): admin's from the server's XINGQUAN_ADMIN_TOTP_SECRET, the demo accounts' from DEMO_TOTP_SECRET. */
export const totpFor = (username: string): string => totpCode(username === 'admin' ? ADMIN_TOTP_SECRET : DEMO_TOTP_SECRET, new Date());

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid="login-submit"]');
  const left = (u: URL) => !u.pathname.startsWith('/login') && u.pathname !== '/home';
  // accounts that must use a second factor are asked for it on the same page
  const asked = await Promise.race([
    page.waitForURL(left).then(() => false),
    page.locator('#totp').waitFor({ state: 'visible' }).then(() => true),
  ]);
  if (asked) {
    await page.fill('#totp', totpFor(username));
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL(left);
  }
}

export async function logout(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const csrf = (globalThis as any).sessionStorage.getItem('xq.csrf') ?? '';
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf, 'content-type': 'application/json' }, body: '{}' });
    (globalThis as any).sessionStorage.clear();
  });
}

/** Calls the API from inside the page with its session (for set-up steps the UI does not own). */
export async function apiCall<T = any>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(async ({ method, url, body }) => {
    const csrf = (globalThis as any).sessionStorage.getItem('xq.csrf') ?? '';
    const r = await fetch(url, { method, headers: { 'X-CSRF-Token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${url} → ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }, { method, url, body }) as Promise<T>;
}

/** Picks an option in an Ant Design Select found by its input id (or a locator). */
export async function pickSelect(page: Page, selector: string, optionText: string | RegExp): Promise<void> {
  const select = page.locator(selector).first();
  // held by its element: a selector that names the placeholder no longer matches once a value is shown
  const held = await select.elementHandle();
  const single = !(await select.evaluate((el) => el.classList.contains('ant-select-multiple') || !!el.closest('.ant-select-multiple')));
  for (let attempt = 1; ; attempt++) {
    await select.click();
    // long lists are virtual: type to filter searchable selects
    if (typeof optionText === 'string') await page.keyboard.type(optionText);
    // the newest open dropdown (a previous one may still be fading out)
    const opt = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last().locator('.ant-select-item-option').filter({ hasText: optionText }).first();
    await opt.click();
    await page.waitForTimeout(350);
    // under load a click on an option still fading in can be lost: a single select shows what it holds
    if (!single || attempt === 3) return;
    const shown = held ? await held.innerText() : '';
    if (typeof optionText === 'string' ? shown.includes(optionText) : optionText.test(shown)) return;
  }
}

/** A Node-side API client signed in as `username` (Bearer token: no cookie, no CSRF). */
export async function apiAs(username: string, password = DEMO_PASSWORD) {
  const post = (body: object) => fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let r = await post({ username, password });
  if (r.status === 401 && ((await r.clone().json()) as any).error?.code === 'MFA_REQUIRED') r = await post({ username, password, totp: totpFor(username) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const { token } = (await r.json()) as { token: string };
  return async <T = any>(method: string, url: string, body?: unknown): Promise<T> => {
    const form = body instanceof FormData;
    const res = await fetch(`${baseUrl()}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}) }, body: form ? body : body !== undefined ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}

/** Clicks the OK button of the open Ant Design modal. */
export async function modalOk(page: Page): Promise<void> {
  await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
}

/** Waits for the body text to match. */
export async function see(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
}

/** A real 1×1 PNG (evidence uploads are checked by content). */
export const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A handler of 511702-STJ registers and concludes a case of `itemCode` through the API, so a citizen has one to follow and rate. */
export async function concludedCase(company: string, documentNo: string, itemCode = '511702-STJ-XK-0001'): Promise<{ caseNo: string; queryCode: string }> {
  const h = await apiAs('tc_stj_jb');
  const c = await h('POST', '/api/cases', { itemCode, counterparty: { kind: 'organization', name: company, idNumber: '91350100M000100Y43' }, channel: 'window' });
  for (let i = 0; i < 10; i++) {
    const d = await h('GET', `/api/cases/${c.id}`);
    if (d.allowedActions.includes('close')) { await h('POST', `/api/cases/${c.id}/close`, {}); break; }
    if (d.currentStep === 'decide' && !d.state.decision) {
      await h('POST', `/api/cases/${c.id}/decide`, { outcome: 'approved', legalBasis: '《中华人民共和国环境影响评价法》第二十二条', reason: '符合条件', documentNo });
    }
    if (d.state?.currentStep && d.allowedActions.includes('completeStep')) {
      if (d.item.flow.steps.find((s: any) => s.key === d.state.currentStep)?.evidenceRequired) {
        const fd = new FormData();
        fd.append('kind', 'photo');
        fd.append('file', new Blob([SAMPLE_PNG], { type: 'image/png' }), 'site.png');
        await h('POST', `/api/cases/${c.id}/evidence`, fd);
      }
      await h('POST', `/api/cases/${c.id}/complete-step`, { step: d.state.currentStep, opinion: { verdict: 'agree', text: '同意' } });
    }
  }
  return { caseNo: c.caseNo, queryCode: c.queryCode };
}

/** One axe-core finding, as the page reports it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules and best practices) on the page as it stands and returns the violations
 * of impact serious or critical, each with the elements it names, so a test can fail naming them. The page must come
 * from newPage(browser, { axe: true }) (the platform's CSP refuses injected scripts).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined')))
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core') });
  const all = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })) }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable list of violations for a failing assertion. */
export const describeViolations = (vs: AxeViolation[]): string =>
  vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 12).map((n) => `  ${n.target.join(' ')} ${n.html}`).join('\n')}`).join('\n');
