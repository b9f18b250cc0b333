import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';
import { leaseOutbox, settleOutbox, type OutboxJob } from '../../store/message.store.js';
import type { AppContext } from '../context.js';
import { openContact } from './contacts.service.js';

/**
 * Delivers the outbox (消息中心 → e-mail, SMS). Each round leases due rows in a short transaction
 * (FOR UPDATE SKIP LOCKED, so two instances never take the same row), sends outside any
 * transaction, then settles each row: sent; skipped (no channel configured, no address), saying
 * why; or, after a failure, due again with backoff until `messageMaxAttempts`, then failed with the
 * last error. A row whose worker dies mid-send is due again when its lease ends (sent at least once).
 */
export const LEASE_MS = 60_000;

/** Backoff after the n-th failed attempt: base, 2×base, 4×base … at most an hour. */
export const retryDelayMs = (attempts: number, baseMs: number): number => Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempts - 1));

export interface DeliveryRound { sent: number; skipped: number; retrying: number; failed: number }

export interface DeliveryOptions {
  /** The instant of this round (tests move it to make retries due); default the wall clock. */
  now?: Date;
  limit?: number;
  /** First retry delay (default 30 s). */
  retryBaseMs?: number;
}

const transports = new WeakMap<Config, Transporter>();
function transport(config: Config): Transporter {
  let t = transports.get(config);
  if (!t) {
    // connection and greeting limits keep a dead server from holding a round for minutes
    t = nodemailer.createTransport({ url: config.smtpUrl!, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(config, t);
  }
  return t;
}

/** The Chinese text of a server message: the English asides "(…)" dropped, as the web app shows it. */
export const chineseText = (s: string): string => s.replace(/\s*[(（](?=[^()（）]*[a-z]{3})[\x20-\x7e’]*[)）]/g, '').trim();

class Skip extends Error {}

async function sendEmail(config: Config, to: string, job: OutboxJob): Promise<void> {
  const text = `${chineseText(job.body)}\n\n请登录行权平台，在「消息中心」查看并办理（页面：${job.link}）。\n本邮件由系统自动发送，请勿回复。`;
  await transport(config).sendMail({ from: config.smtpFrom, to, subject: `【行权平台】${chineseText(job.title)}`, text });
}

/**
 * SMS gateway contract (docs/notifications.md): POST config.smsUrl with JSON
 * `{ "to": "+8613800000000", "text": "【行权平台】…", "messageId": "123", "kind": "alert_red" }`,
 * `Authorization: Bearer <XINGQUAN_SMS_TOKEN>` when set; any 2xx is accepted, anything else retried.
 */
async function sendSms(config: Config, to: string, job: OutboxJob): Promise<void> {
  const res = await fetch(config.smsUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(config.smsToken ? { authorization: `Bearer ${config.smsToken}` } : {}) },
    body: JSON.stringify({ to, text: `【行权平台】${chineseText(job.title)}，请登录消息中心查看。`, messageId: job.messageId, kind: job.kind }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`短信网关拒绝 HTTP ${res.status}`);
}

async function deliverOne(ctx: AppContext, job: OutboxJob): Promise<void> {
  const c = ctx.config;
  const contact = openContact(c, job.recipientId, job.sealed);
  if (job.channel === 'email') {
    if (!c.smtpUrl) throw new Skip('未配置邮件服务器（XINGQUAN_SMTP_URL 未设置），邮件未发送');
    if (!contact.email) throw new Skip('收件人未登记电子邮箱');
    await sendEmail(c, contact.email, job);
  } else {
    if (!c.smsUrl) throw new Skip('未配置短信网关（XINGQUAN_SMS_URL 未设置），短信未发送');
    if (!contact.phone) throw new Skip('收件人未登记手机号码');
    await sendSms(c, contact.phone, job);
  }
}

/** One round of deliveries; safe to run in several instances at once. */
export async function deliverDue(ctx: AppContext, opts: DeliveryOptions = {}): Promise<DeliveryRound> {
  const now = opts.now ?? ctx.wallClock.now();
  const jobs = await ctx.db.tx((q) => leaseOutbox(q, now, LEASE_MS, opts.limit ?? 20));
  const out: DeliveryRound = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  for (const job of jobs) {
    let outcome: Parameters<typeof settleOutbox>[2];
    try {
      await deliverOne(ctx, job);
      outcome = { status: 'sent', error: null, at: now };
      out.sent++;
    } catch (e) {
      const msg = ((e as Error).message || String(e)).slice(0, 500);
      if (e instanceof Skip) {
        outcome = { status: 'skipped', error: msg, at: now };
        out.skipped++;
      } else if (job.attempts >= ctx.config.messageMaxAttempts) {
        outcome = { status: 'failed', error: `第 ${job.attempts} 次发送失败，不再重试：${msg}`, at: now };
        out.failed++;
        ctx.log.warn({ outbox: job.id, channel: job.channel, attempts: job.attempts, err: msg }, 'message delivery gave up');
      } else {
        outcome = { status: 'pending', error: msg, at: now, retryAt: new Date(now.getTime() + retryDelayMs(job.attempts, opts.retryBaseMs ?? 30_000)) };
        out.retrying++;
      }
    }
    await ctx.db.tx((q) => settleOutbox(q, job.id, outcome));
  }
  return out;
}
