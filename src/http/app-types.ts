import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../domain/org/policy.js';
import type { AppContext } from '../services/context.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Who may call a route: anyone, a signed-in user, a department API key, or either of the last two. */
export type AuthMode = 'public' | 'user' | 'apiKey' | 'userOrKey';

export type RouteModule = (app: App, ctx: AppContext) => void | Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Default 'user' under /api. */
    auth?: AuthMode;
    /** Reachable while the user must still change their password. */
    allowPasswordChange?: boolean;
    /** The route's service checks a department key in its own transaction (resolveApiKeyForPush). */
    keyCheckedInTransaction?: boolean;
  }
}
