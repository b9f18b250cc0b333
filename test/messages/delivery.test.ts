import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeContact } from '../../src/services/messages/contacts.service.js';
import { deliverDue } from '../../src/services/messages/delivery.js';
import { notify, type Notice } from '../../src/services/messages/notify.js';
import { outboxOfMessages } from '../../src/store/message.store.js';
import { testPlatform, type TestPlatform } from '../helpers/app.js';
import { bearer, seedRegions, seedUser } from '../helpers/factories.js';

interface Mail { from: string; to: string[]; raw: string }

/** A real SMTP server (smtp-server) on a free port; `refuse` answers the next n MAIL FROM with 451. */
async function smtp(port = 0) {
  const mails: Mail[] = [];
  const state = { refuse: 0 };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onMailFrom(_addr, _s, cb) {
      if (state.refuse > 0) {
        state.refuse--;
        return cb(Object.assign(new Error('服务器繁忙 try later'), { responseCode: 451 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', () => ok()));
  const address = (server.server.address() as AddressInfo).port;
  return { mails, state, port: address, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** The decoded subject and text body of a raw message (RFC 2047 words; base64 or quoted-printable body). */
function decode(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectLine.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')));
  const body = rest.join('\n\n');
  const cte = /^Content-Transfer-Encoding: (.*)$/im.exec(unfolded)?.[1]?.trim().toLowerCase();
  const text = cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(body.replace(/=\r?\n/g, '')) : body;
  return { subject, text };
}
const qp = (s: string) => Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

/** A small SMS gateway: records each POST; answers `status` (200 unless told otherwise). */
async function gateway() {
  const calls: { auth: string | undefined; body: any }[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      calls.push({ auth: req.headers.authorization, body: JSON.parse(data) });
      res.writeHead(state.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return { calls, state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

const notice = (key: string, over: Partial<Notice> = {}): Notice => ({
  kind: 'alert_red', title: '您负责的办件 TC-001 亮红牌', body: '办件超期未办结，请立即处理 (overdue)', link: '/supervision/alerts/a1',
  subjectKind: 'alert', subjectId: 'a1', dedupeKey: key, ...over,
});

describe('e-mail and SMS leave through the outbox', () => {
  let mail: Awaited<ReturnType<typeof smtp>>;
  let sms: Awaited<ReturnType<typeof gateway>>;
  let p: TestPlatform;
  let userId: string;
  let t0: number;
  const send = async (key: string, over: Partial<Notice> = {}) => {
    const [m] = await p.db.tx(async (q) => {
      await notify(q, p.clock.now(), [userId], notice(key, over));
      return q.query<{ id: string }>('SELECT id::text AS id FROM messages WHERE dedupe_key = $1', [key]);
    });
    return m.id;
  };
  const outbox = async (messageId: string) => outboxOfMessages(p.db, [messageId]);

  beforeAll(async () => {
    mail = await smtp();
    sms = await gateway();
    p = await testPlatform({ config: { smtpUrl: `smtp://127.0.0.1:${mail.port}`, smtpFrom: '行权平台 <noreply@xingquan.test>', smsUrl: sms.url, smsToken: 'gw-token', messageMaxAttempts: 3 } });
    await seedRegions(p.db);
    userId = await seedUser(p.db, { username: 'jb', role: 'handler', region: '511702' });
    await p.db.tx((q) => writeContact(q, p.ctx, userId, { email: 'liming@example.cn', phone: '13800001234', emailKinds: ['alert_red', 'order'], smsKinds: ['alert_red'] }));
    t0 = p.wallClock.now().getTime();
  });
  afterAll(async () => {
    await p.close();
    await mail.close();
    await sms.close();
  });

  it('a message reaches the SMTP server (recipient, subject, Chinese body) and the SMS gateway (documented JSON, bearer token)', async () => {
    const id = await send('k1');
    const rows = await outbox(id);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([['email', 'pending'], ['sms', 'pending']]);
    const round = await deliverDue(p.ctx, { now: new Date(t0) });
    expect(round).toEqual({ sent: 2, skipped: 0, retrying: 0, failed: 0 });
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0].to).toEqual(['liming@example.cn']);
    const d = decode(mail.mails[0].raw);
    expect(d.subject).toBe('【行权平台】您负责的办件 TC-001 亮红牌');
    expect(d.text).toContain('办件超期未办结，请立即处理');
    expect(d.text).not.toContain('overdue'); // the English aside stays out of a Chinese mail
    expect(d.text).toContain('消息中心');
    expect(sms.calls).toEqual([{ auth: 'Bearer gw-token', body: { to: '13800001234', text: '【行权平台】您负责的办件 TC-001 亮红牌，请登录消息中心查看。', messageId: id, kind: 'alert_red' } }]);
    expect((await outbox(id)).map((r) => [r.status, r.attempts, r.lastError])).toEqual([['sent', 1, null], ['sent', 1, null]]);
  });

  it('only the kinds the person chose go out, by the channels they chose', async () => {
    const id = await send('k2', { kind: 'approval' }); // neither channel
    expect(await outbox(id)).toEqual([]);
    const id2 = await send('k3', { kind: 'order' }); // e-mail only
    expect((await outbox(id2)).map((r) => r.channel)).toEqual(['email']);
    await deliverDue(p.ctx, { now: new Date(t0 + 1000) });
    expect(mail.mails).toHaveLength(2);
  });

  it('a refusing server (451) is retried with backoff and the mail then goes', async () => {
    mail.state.refuse = 1;
    const id = await send('k4', { kind: 'order' });
    expect(await deliverDue(p.ctx, { now: new Date(t0 + 2000), retryBaseMs: 60_000 })).toMatchObject({ retrying: 1, sent: 0 });
    const [r] = await outbox(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1 });
    expect(r.lastError).toContain('451');
    // not due again before the backoff ends
    expect(await deliverDue(p.ctx, { now: new Date(t0 + 30_000) })).toMatchObject({ sent: 0, retrying: 0 });
    expect(await deliverDue(p.ctx, { now: new Date(t0 + 2000 + 60_001) })).toMatchObject({ sent: 1 });
    expect((await outbox(id))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(decode(mail.mails.at(-1)!.raw).subject).toBe('【行权平台】您负责的办件 TC-001 亮红牌');
  });

  it('a server that is down is retried until it is back; one that keeps refusing is given up after the last attempt, the failure recorded', async () => {
    const port = mail.port;
    await mail.close();
    const id = await send('k5', { kind: 'order' });
    expect(await deliverDue(p.ctx, { now: new Date(t0 + 100_000), retryBaseMs: 1_000 })).toMatchObject({ retrying: 1 });
    expect((await outbox(id))[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    mail = await smtp(port);
    expect(await deliverDue(p.ctx, { now: new Date(t0 + 102_000) })).toMatchObject({ sent: 1 });
    expect(mail.mails[0].to).toEqual(['liming@example.cn']);

    mail.state.refuse = 10;
    const id2 = await send('k6', { kind: 'order' });
    for (let i = 0; i < 3; i++) await deliverDue(p.ctx, { now: new Date(t0 + 200_000 + i * 10_000), retryBaseMs: 1_000 });
    const [r] = await outbox(id2);
    expect(r).toMatchObject({ status: 'failed', attempts: 3 });
    expect(r.lastError).toContain('第 3 次发送失败，不再重试');
    expect(await deliverDue(p.ctx, { now: new Date(t0 + 900_000) })).toEqual({ sent: 0, skipped: 0, retrying: 0, failed: 0 });
    mail.state.refuse = 0;
  });

  it('an SMS gateway error is retried; two delivery workers at once send each message once (leases)', async () => {
    sms.state.status = 503;
    const id = await send('k7');
    const first = await deliverDue(p.ctx, { now: new Date(t0 + 1_000_000), retryBaseMs: 1_000 });
    expect(first).toMatchObject({ sent: 1, retrying: 1 }); // the mail went, the SMS waits
    expect((await outbox(id)).find((r) => r.channel === 'sms')!.lastError).toContain('HTTP 503');
    sms.state.status = 200;
    const before = mail.mails.length;
    const smsBefore = sms.calls.length;
    const more = [await send('k8'), await send('k9'), await send('k10')];
    const at = new Date(t0 + 1_010_000);
    const [a, b] = await Promise.all([deliverDue(p.ctx, { now: at, limit: 4 }), deliverDue(p.ctx, { now: at, limit: 4 })]);
    const c = await deliverDue(p.ctx, { now: at });
    expect(a.sent + b.sent + c.sent).toBe(7); // 3 mails, 3 SMS and the retried one
    expect(mail.mails.length - before).toBe(3);
    expect(sms.calls.length - smsBefore).toBe(4);
    expect(new Set(sms.calls.slice(smsBefore).map((x) => x.body.messageId))).toEqual(new Set([id, ...more]));
  });

  it('with no SMTP server configured the mail is not sent and its outbox row says so; a person sees their own settings masked', async () => {
    const q = await testPlatform({ db: p.db, config: { smtpUrl: null, smsUrl: null } });
    const id = await send('k11', { kind: 'order' });
    expect(await deliverDue(q.ctx, { now: new Date(t0 + 2_000_000) })).toMatchObject({ skipped: 1 });
    expect((await outbox(id))[0]).toMatchObject({ status: 'skipped', lastError: '未配置邮件服务器（XINGQUAN_SMTP_URL 未设置），邮件未发送' });
    const s = await q.app.inject({ method: 'GET', url: '/api/messages/settings', headers: await bearer(q.app, 'jb') });
    expect(s.json()).toMatchObject({ email: 'l*****@example.cn', phone: '138****1234', emailKinds: ['alert_red', 'order'], smsKinds: ['alert_red'], channels: { email: false, sms: false } });
    const [row] = await p.db.query<{ sealed: string }>('SELECT sealed FROM message_contacts WHERE user_id = $1', [userId]);
    expect(row.sealed).not.toContain('liming'); // sealed at rest
    expect(row.sealed).not.toContain('13800001234');
    await q.app.close();
  });
});
