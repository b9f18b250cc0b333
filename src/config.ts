import path from 'node:path';
import { z } from 'zod';

/** Configuration, parsed and validated once at start-up, then passed in. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  demo: boolean;
  /** Start instant of the drill clock (演练时钟), or null for the real clock. */
  clockStart: Date | null;
  adminPassword: string | null;
  /** Background sweep period; 0 disables the worker (tests). */
  sweepIntervalMs: number;
  logLevel: string;
  /** Largest accepted JSON body (the exchange's own limit is 5 MiB, §3). */
  bodyLimitBytes: number;
  evidenceMaxBytes: number;
  sessionIdleMs: number;
  /** Absolute session lifetime, however busy (XINGQUAN_SESSION_MAX_MS, default 12 h). */
  sessionMaxMs: number;
  /** Base32 TOTP secret of the start-up administrator (§6: XINGQUAN_ADMIN_TOTP_SECRET). */
  adminTotpSecret: string | null;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-For/-Proto (XINGQUAN_TRUST_PROXY: true, a hop count, or addresses). */
  trustProxy: boolean | number | string;
  /** Requests per minute (0 = no limit), see src/http/security/rate-limits.ts (XINGQUAN_RATE_LIMITS="login=30,progress=20"). */
  rateLimits: Record<string, number>;
  /** 图形验证码 on the public complaint form (XINGQUAN_PUBLIC_CAPTCHA=off turns it off, for drills). */
  publicCaptcha: boolean;
  webDir: string | null;
  /** Parts a large pushed batch is checked and stored in, side by side in its transaction; null: 3 on PostgreSQL (bench/ingest: 3 beat 2 in five alternating runs out of five), 1 on the embedded database. */
  exchangeParallelism: number | null;
  /** Key of the signed audit checkpoints (hex or base64), kept outside the database; null: the key file. */
  checkpointKey: string | null;
  /** File holding that key; null: `<dataDir>.checkpoint.key` beside the data dir (PostgreSQL: ./xingquan-checkpoint.key), made at first need. */
  checkpointKeyFile: string | null;
  /** Key(s) that seal personal data at rest (SM4 + HMAC-SM3): hex or base64, or `1:hex,2:hex` by version; null: the key file. */
  sealKey: string | null;
  /** File holding the seal keys (`version:hex` lines); null: `<dataDir>.seal.key` beside the data dir (PostgreSQL: ./xingquan-seal.key), made at first start. */
  sealKeyFile: string | null;
  /** Period of the engine's signed checkpoints; 0 disables them (one is still written at every graceful shutdown). */
  checkpointIntervalMs: number;
  /** 接口标准 §9: the upper platform this one forwards to (XINGQUAN_UPSTREAM_URL), with its platform key; null: none. */
  upstreamUrl: string | null;
  upstreamKey: string | null;
  /** How often the forwarding worker sends the outbox and asks for orders (ms). */
  upstreamIntervalMs: number;
  /** 消息中心 e-mail: an SMTP URL (smtp://user:pass@host:587, smtps://… for TLS) (XINGQUAN_SMTP_URL); null: e-mail is not sent (the outbox row says so). */
  smtpUrl: string | null;
  /** The From of those e-mails (XINGQUAN_SMTP_FROM). */
  smtpFrom: string;
  /** SMS gateway: messages are POSTed to it as JSON (XINGQUAN_SMS_URL, docs/notifications.md); null: no SMS. */
  smsUrl: string | null;
  /** Bearer token sent to the SMS gateway (XINGQUAN_SMS_TOKEN). */
  smsToken: string | null;
  /** How often the delivery worker looks at the outbox (ms; XINGQUAN_MESSAGE_INTERVAL_MS); 0 disables it. */
  messageIntervalMs: number;
  /** Attempts per delivery before it is recorded as failed (XINGQUAN_MESSAGE_MAX_ATTEMPTS). */
  messageMaxAttempts: number;
}

const instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 instant')
  .transform((s) => new Date(s));

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  dataDir: z.string().default('./data'),
  databaseUrl: z.string().url().nullable().default(null),
  demo: z.boolean().default(false),
  clockStart: instant.nullable().default(null),
  adminPassword: z.string().nullable().default(null),
  sweepIntervalMs: z.coerce.number().int().min(0).default(60_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bodyLimitBytes: z.coerce.number().int().positive().default(1024 * 1024),
  evidenceMaxBytes: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  sessionIdleMs: z.coerce.number().int().positive().default(30 * 60 * 1000),
  sessionMaxMs: z.coerce.number().int().positive().default(12 * 60 * 60 * 1000),
  adminTotpSecret: z.string().transform((s) => s.replace(/\s+/g, '').toUpperCase()).pipe(z.string().regex(/^[A-Z2-7]{16,}=*$/, 'base32, at least 16 characters')).nullable().default(null),
  trustProxy: z.union([z.boolean(), z.number(), z.string()]).default(false),
  rateLimits: z.record(z.string(), z.number().int().min(0)).default({}),
  publicCaptcha: z.boolean().default(true),
  webDir: z.string().nullable().default(null),
  exchangeParallelism: z.coerce.number().int().min(1).max(8).nullable().default(null),
  checkpointKey: z.string().min(1).nullable().default(null),
  checkpointKeyFile: z.string().min(1).nullable().default(null),
  sealKey: z.string().min(1).nullable().default(null),
  sealKeyFile: z.string().min(1).nullable().default(null),
  checkpointIntervalMs: z.coerce.number().int().min(0).default(10 * 60_000),
  upstreamUrl: z.string().url().nullable().default(null),
  upstreamKey: z.string().min(8).nullable().default(null),
  upstreamIntervalMs: z.coerce.number().int().min(100).default(5_000),
  smtpUrl: z.string().url().refine((u) => /^smtps?:\/\//.test(u), 'smtp:// or smtps://').nullable().default(null),
  smtpFrom: z.string().min(3).default('行权平台 <noreply@localhost>'),
  smsUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'http:// or https://').nullable().default(null),
  smsToken: z.string().min(1).nullable().default(null),
  messageIntervalMs: z.coerce.number().int().min(0).default(5_000),
  messageMaxAttempts: z.coerce.number().int().min(1).max(50).default(6),
}).refine((c) => !c.upstreamUrl === !c.upstreamKey, { message: 'XINGQUAN_UPSTREAM_URL 与 XINGQUAN_UPSTREAM_KEY 须同时设置 (set both or neither)', path: ['upstreamKey'] });

export type ConfigInput = z.input<typeof schema>;

/** Merge CLI options over the environment and validate; throws with the bad field named. */
export function loadConfig(cli: Partial<ConfigInput>, env: NodeJS.ProcessEnv = process.env): Config {
  const merged: Record<string, unknown> = {
    port: env.PORT,
    dataDir: env.XINGQUAN_DATA_DIR,
    databaseUrl: env.DATABASE_URL || null,
    adminPassword: env.XINGQUAN_ADMIN_PASSWORD || null,
    logLevel: env.LOG_LEVEL,
    sweepIntervalMs: env.XINGQUAN_SWEEP_INTERVAL_MS,
    bodyLimitBytes: env.XINGQUAN_BODY_LIMIT_BYTES,
    exchangeParallelism: env.XINGQUAN_EXCHANGE_PARALLELISM,
    checkpointKey: env.XINGQUAN_CHECKPOINT_KEY || null,
    checkpointKeyFile: env.XINGQUAN_CHECKPOINT_KEY_FILE || null,
    checkpointIntervalMs: env.XINGQUAN_CHECKPOINT_INTERVAL_MS,
    sealKey: env.XINGQUAN_SEAL_KEY || null,
    sealKeyFile: env.XINGQUAN_SEAL_KEY_FILE || null,
    upstreamUrl: env.XINGQUAN_UPSTREAM_URL || null,
    upstreamKey: env.XINGQUAN_UPSTREAM_KEY || null,
    upstreamIntervalMs: env.XINGQUAN_UPSTREAM_INTERVAL_MS,
    smtpUrl: env.XINGQUAN_SMTP_URL || null,
    smtpFrom: env.XINGQUAN_SMTP_FROM || undefined,
    smsUrl: env.XINGQUAN_SMS_URL || null,
    smsToken: env.XINGQUAN_SMS_TOKEN || null,
    messageIntervalMs: env.XINGQUAN_MESSAGE_INTERVAL_MS,
    messageMaxAttempts: env.XINGQUAN_MESSAGE_MAX_ATTEMPTS,
    sessionMaxMs: env.XINGQUAN_SESSION_MAX_MS,
    adminTotpSecret: env.XINGQUAN_ADMIN_TOTP_SECRET || null,
    trustProxy: parseTrustProxy(env.XINGQUAN_TRUST_PROXY),
    rateLimits: parseRateLimits(env.XINGQUAN_RATE_LIMITS),
    publicCaptcha: env.XINGQUAN_PUBLIC_CAPTCHA === undefined ? undefined : !/^(off|false|0|no)$/i.test(env.XINGQUAN_PUBLIC_CAPTCHA),
  };
  for (const [k, v] of Object.entries(cli)) if (v !== undefined) merged[k] = v;
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`配置错误 (invalid configuration) ${first.path.join('.')}: ${first.message}`);
  }
  const keyFile = parsed.data.checkpointKeyFile;
  const sealFile = parsed.data.sealKeyFile;
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir), checkpointKeyFile: keyFile === null ? null : path.resolve(keyFile),
    sealKeyFile: sealFile === null ? null : path.resolve(sealFile) };
}

/** XINGQUAN_TRUST_PROXY: `true`/`false`, a number of hops, or comma-separated addresses/CIDRs. */
function parseTrustProxy(v: string | undefined): boolean | number | string | undefined {
  if (v === undefined || v === '') return undefined;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  if (/^[0-9]+$/.test(v)) return Number(v);
  return v;
}

/** XINGQUAN_RATE_LIMITS: `name=perMinute` pairs, comma-separated (unknown or bad pairs fail start-up). */
function parseRateLimits(v: string | undefined): Record<string, number> | undefined {
  if (!v) return undefined;
  const out: Record<string, number> = {};
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([a-zA-Z]+)=([0-9]+)$/.exec(part);
    if (!m) throw new Error(`配置错误 (invalid configuration) XINGQUAN_RATE_LIMITS: "${part}" is not name=perMinute`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}
