import svgCaptcha from 'svg-captcha';
import { AppError } from '../../errors.js';
import * as store from '../../store/security.store.js';
import { newId } from '../ids.js';
import type { AppContext } from '../context.js';

/**
 * 图形验证码: an SVG of 4 characters, answered once within 5 minutes (GB/T 22239-2019
 * 8.1.4.1 b 登录失败处理; ASVS V2.2.1 anti-automation). Kept in the database so any instance
 * can check it; the answer is compared case-insensitively and the challenge is gone after one try.
 */
export type CaptchaPurpose = 'login' | 'public';
const TTL_MS = 5 * 60 * 1000;

export async function newCaptcha(ctx: AppContext, purpose: CaptchaPurpose): Promise<{ captchaId: string; svg: string; expiresAt: string }> {
  const c = svgCaptcha.create({ size: 4, noise: 3, ignoreChars: '0oO1lIi', color: false, background: '#f5f5f5' });
  const now = ctx.wallClock.now();
  const id = newId();
  const expiresAt = new Date(now.getTime() + TTL_MS);
  await store.insertCaptcha(ctx.db, { id, answer: c.text.toLowerCase(), purpose, expiresAt, now });
  return { captchaId: id, svg: c.data, expiresAt: expiresAt.toISOString() };
}

/** Throws CAPTCHA_REQUIRED (400, field `captcha`) unless the answer is right; the challenge is used up either way. */
export async function checkCaptcha(ctx: AppContext, purpose: CaptchaPurpose, input: { captchaId?: string | null; captcha?: string | null }): Promise<void> {
  if (!input.captchaId || !input.captcha) {
    throw new AppError('CAPTCHA_REQUIRED', 'captcha: 请输入图形验证码 (enter the characters shown in the picture)', { field: 'captcha', captchaRequired: true });
  }
  if (!(await store.consumeCaptcha(ctx.db, input.captchaId, input.captcha, purpose, ctx.wallClock.now()))) {
    throw new AppError('CAPTCHA_REQUIRED', 'captcha: 图形验证码错误或已过期，请重新输入 (wrong or expired captcha: try a new one)', { field: 'captcha', captchaRequired: true });
  }
}
