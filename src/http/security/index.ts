import type { AppContext } from '../../services/context.js';
import { checkCaptcha } from '../../services/security/captcha.service.js';
import type { App } from '../app-types.js';
import { registerHeaders } from './headers.js';
import { registerInputHygiene } from './input-hygiene.js';
import { registerRateLimits } from './rate-limits.js';

/** Routes whose public form carries a 图形验证码 (`captchaId` + `captcha` in the JSON body). */
const PUBLIC_CAPTCHA_ROUTES = new Set(['POST /api/public/complaints']);

/**
 * The platform's HTTP security controls, registered in one place before the routes: headers,
 * abuse limits, input hygiene, and the captcha on public forms.
 */
export async function registerSecurity(app: App, ctx: AppContext): Promise<void> {
  await registerHeaders(app);
  await registerRateLimits(app, ctx.config.rateLimits);
  registerInputHygiene(app);
  if (ctx.config.publicCaptcha) {
    // before the schema (which drops keys it does not know): the body is parsed, not yet validated
    app.addHook('preValidation', async (req) => {
      if (!PUBLIC_CAPTCHA_ROUTES.has(`${req.method} ${req.routeOptions.url}`)) return;
      const b = (req.body ?? {}) as { captchaId?: unknown; captcha?: unknown };
      await checkCaptcha(ctx, 'public', { captchaId: typeof b.captchaId === 'string' ? b.captchaId : null, captcha: typeof b.captcha === 'string' ? b.captcha : null });
    });
  }
}
