import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealRotate } from '../../src/cli/seal.commands.js';
import { checkpointDeps } from '../../src/services/audit/checkpoint-admin.service.js';
import { loadCheckpointKey } from '../../src/services/audit/checkpoint-key.js';
import { writeCheckpoint } from '../../src/services/audit/checkpoint.service.js';
import { verifyRecords } from '../../src/services/audit/verify-records.js';
import { checkSealKeys, openTotp, revealCaseCounterparty, sealPlainTotp } from '../../src/services/security/personal-data.service.js';
import { forgetSealKeys } from '../../src/services/security/seal-key.js';
import { setOfficerPosts } from '../../src/store/org.store.js';
import { TEST_SEAL_KEY } from '../helpers/app.js';
import { bearer, seedUser } from '../helpers/factories.js';
import { casePlatform, DEPT, ev, OTHER_DEPT, type CasePlatform } from '../cases/case-helpers.js';

// 等保三级 GB/T 22239-2019 8.1.4.8 保密性, 8.1.4.11 个人信息保护: personal data sealed at rest, masked in lists, each reading recorded.

const WB = { name: '王小明', id: '11010519491231002X', phone: '13812345678' };
const EX = { name: '李秀英', id: '510104199001011234', phone: '13698765432' };
const CP = { name: '张三丰', phone: '13987654321', address: '四川省达州市通川区朝阳中路1号' };
const PLAIN = [WB.name, WB.id, WB.phone, EX.name, EX.id, EX.phone, CP.name, CP.phone, CP.address];
/** Every table personal data could land in: history, projections, the vault, the audit trail. */
const TABLES = ['case_events', 'case_event_conflicts', 'cases', 'complaints', 'complaint_actions', 'satisfaction_ratings', 'personal_data', 'audit_log', 'supervision_alerts'];

describe('personal data sealed (SM4 + HMAC-SM3, key outside the database)', () => {
  let p: CasePlatform;
  let h: { authorization: string };
  let caseId: string;
  let caseNo: string;
  let complaintId: string;
  const CK = 'ab'.repeat(32);
  beforeAll(async () => {
    p = await casePlatform('2026-03-02T12:00:00+08:00', { checkpointKey: CK });
    await p.db.query(`INSERT INTO officers (id, name, department_code, certificate_no, valid_until) VALUES ('o-1', '李明', $1, '51170220260017', '2028-12-31')`, [DEPT]);
    await setOfficerPosts(p.db, new Map([['o-1', ['承办科室', '执法人员', '分管领导']]]));
    const uid = await seedUser(p.db, { username: 'handler1', role: 'handler', region: '511702', department: DEPT });
    await p.db.query(`UPDATE users SET officer_id = 'o-1' WHERE id = $1`, [uid]);
    await seedUser(p.db, { username: 'handler2', role: 'handler', region: '511703', department: OTHER_DEPT });
    await seedUser(p.db, { username: 'sup', role: 'supervisor', region: '511702' });
    await seedUser(p.db, { username: 'auditor', role: 'audit_admin' });
    await seedUser(p.db, { username: 'ld', role: 'leader', region: '511702' });
    await checkSealKeys(p.db, p.ctx.config, p.clock.now()); // as at start-up: version 1 recorded by fingerprint
    h = await bearer(p.app, 'handler1');
    const r = await p.app.inject({ method: 'POST', url: '/api/cases', headers: h, payload: { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: WB.name, idNumber: WB.id, phone: WB.phone }, channel: 'window' } });
    expect(r.statusCode, r.body).toBe(201);
    ({ id: caseId, caseNo } = r.json());
    // the exchange (§3) may carry the identity number and phone beside the name
    const reg = ev('EX-1-reg', 'EX-1', 'case.registered', '2026-03-02T10:00:00+08:00', { itemCode: 'P-TEST-001', counterparty: { kind: 'person', name: EX.name, idNumber: EX.id, phone: EX.phone }, channel: 'window' });
    expect((await p.push([reg])).body).toMatchObject({ accepted: 1 });
    // the same event resent is a duplicate (the content hash is the sender's), another content a conflict kept sealed too
    expect((await p.push([reg])).body).toMatchObject({ accepted: 0, duplicates: 1 });
    const changed = { ...reg, data: { ...reg.data as object, counterparty: { kind: 'person', name: EX.name, idNumber: EX.id, phone: '13600000000' } } };
    expect((await p.push([changed])).body.conflicts).toHaveLength(1);
    const c = await p.app.inject({ method: 'POST', url: '/api/public/complaints', payload: {
      kind: 'complaint', realName: true, complainant: { name: CP.name, phone: CP.phone, address: CP.address }, regionCode: '511702', departmentCode: DEPT, subject: '办事拖延', content: '两周无人处理' } });
    expect(c.statusCode, c.body).toBe(200);
    const list = (await p.app.inject({ method: 'GET', url: '/api/supervision/complaints', headers: await bearer(p.app, 'sup') })).json();
    complaintId = (list.complaints ?? list).find((x: any) => x.complaintNo === c.json().complaintNo).id;
  });
  afterAll(() => p.close());

  it('the raw rows of every table hold no plain identity number, phone number or name', async () => {
    for (const t of TABLES) {
      const rows = await p.db.query<{ r: string }>(`SELECT t::text AS r FROM ${t} t`);
      const text = rows.map((x) => x.r).join('\n');
      for (const v of PLAIN) expect(text.includes(v), `${t} holds ${v}`).toBe(false);
    }
    const [vault] = await p.db.query<{ n: number; v: number }>('SELECT count(*)::int AS n, min(key_version) AS v FROM personal_data');
    expect(vault).toEqual({ n: 4, v: 1 }); // workbench, exchange, the conflicting resend, the complaint
    const [stored] = await p.db.query<{ data: any }>(`SELECT data FROM case_events WHERE event_id = 'EX-1-reg'`);
    expect(stored.data.counterparty).toMatchObject({ name: '李**', idNumber: '5101**********1234', phone: '136****5432' });
    expect(stored.data.counterparty.sealed).toMatch(/^case\//);
    const [sealed] = await p.db.query<{ sealed: string }>('SELECT sealed FROM personal_data WHERE id = $1', [stored.data.counterparty.sealed]);
    expect(sealed.sealed).toMatch(/^sm4\$1\$[A-Za-z0-9_-]+$/);
  });

  it('TOTP secrets of accounts are stored sealed, and logins still read them', async () => {
    const rows = await p.db.query<{ id: string; totp_secret: string }>(`SELECT id, totp_secret FROM users WHERE username IN ('sup', 'auditor', 'admin') AND totp_secret IS NOT NULL`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) {
      expect(r.totp_secret).toMatch(/^sm4\$/);
      expect(openTotp(p.ctx.config, r.id, 'secret', r.totp_secret)).toMatch(/^[A-Z2-7]{16,}$/);
    }
    expect((await bearer(p.app, 'sup')).authorization).toMatch(/^Bearer /);
    // a secret stored plain before sealing still reads, and the start-up step seals it in place
    const [h1] = await p.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'handler1'`);
    await p.db.query('UPDATE users SET totp_secret = $2 WHERE id = $1', [h1.id, 'JBSWY3DPEHPK3PXPJBSWY3DP']);
    expect(await sealPlainTotp(p.db, p.ctx.config)).toBe(1);
    expect(await sealPlainTotp(p.db, p.ctx.config)).toBe(0);
    const [after] = await p.db.query<{ s: string }>('SELECT totp_secret AS s FROM users WHERE id = $1', [h1.id]);
    expect(after.s).toMatch(/^sm4\$1\$/);
    expect(openTotp(p.ctx.config, h1.id, 'secret', after.s)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
    await p.db.query('UPDATE users SET totp_secret = NULL WHERE id = $1', [h1.id]);
  });

  it('lists and the case view show masked values; the public hall too', async () => {
    const list = (await p.app.inject({ method: 'GET', url: '/api/cases?scope=department', headers: h })).json();
    expect(list.cases.find((c: any) => c.id === caseId).counterpartyName).toBe('王**');
    const d = (await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: h })).json();
    expect(d.state.counterparty).toMatchObject({ name: '王**', idNumber: '1101**********002X', phone: '138****5678' });
    expect(JSON.stringify(d)).not.toContain(WB.id);
    const complaints = (await p.app.inject({ method: 'GET', url: '/api/supervision/complaints', headers: await bearer(p.app, 'sup') })).json();
    const mine = (complaints.complaints ?? complaints).find((x: any) => x.id === complaintId);
    expect(mine.complainant).toMatchObject({ name: '张**', phone: '139****4321', address: '四川省达州市****' });
    const [{ query_code: code }] = await p.db.query<{ query_code: string }>('SELECT query_code FROM cases WHERE id = $1', [caseId]);
    const pub = await p.app.inject({ method: 'POST', url: '/api/public/cases/progress', payload: { caseNo, queryCode: code } });
    expect(pub.statusCode, pub.body).toBe(200);
    for (const v of PLAIN) expect(pub.body).not.toContain(v);
  });

  it('查看 unmasks to staff in scope, and each reading is recorded (who saw whose, which fields) for the audit administrator', async () => {
    const r = await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/personal-data`, headers: h, payload: { purpose: '送达决定书' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ caseNo, name: WB.name, idNumber: WB.id, phone: WB.phone });
    // another department's handler does not learn the case exists; the audit administrator reads no personal data
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/personal-data`, headers: await bearer(p.app, 'handler2'), payload: {} })).statusCode).toBe(404);
    const auditor = await bearer(p.app, 'auditor');
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/personal-data`, headers: auditor, payload: {} })).statusCode).toBeGreaterThanOrEqual(403);
    // a leader reads the case (masked) but does not unmask it
    const ld = await bearer(p.app, 'ld');
    expect((await p.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: ld })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/personal-data`, headers: ld, payload: {} })).statusCode).toBe(403);
    const sup = await bearer(p.app, 'sup');
    const cr = await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${complaintId}/complainant`, headers: sup, payload: {} });
    expect(cr.statusCode, cr.body).toBe(200);
    expect(cr.json()).toMatchObject({ name: CP.name, phone: CP.phone, address: CP.address });
    expect((await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${complaintId}/complainant`, headers: h, payload: {} })).statusCode).toBe(403);
    // the log: readable by the audit administrator alone, append-only
    expect((await p.app.inject({ method: 'GET', url: '/api/admin/audit/personal-data-reads', headers: h })).statusCode).toBe(403);
    const log = await p.app.inject({ method: 'GET', url: '/api/admin/audit/personal-data-reads', headers: auditor });
    expect(log.statusCode, log.body).toBe(200);
    const reads = log.json().reads;
    expect(reads).toHaveLength(2);
    expect(reads).toEqual(expect.arrayContaining([
      expect.objectContaining({ actorName: 'handler1', subjectKind: 'case', subjectRef: caseNo, departmentCode: DEPT, fields: ['idNumber', 'name', 'phone'], purpose: '送达决定书' }),
      expect.objectContaining({ actorName: 'sup', subjectKind: 'complaint', fields: ['address', 'name', 'phone'] }),
    ]));
    await expect(p.db.query('DELETE FROM personal_data_reads')).rejects.toThrow(/append-only/);
    await expect(p.db.query(`UPDATE personal_data_reads SET actor_name = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('a wrong key fails clearly: the start refuses it, naming the version; a reading names the key, never the data', async () => {
    const other = { ...p.ctx.config, sealKey: `1:${'77'.repeat(32)}` };
    await expect(checkSealKeys(p.db, other, p.clock.now())).rejects.toThrow(/封存密钥第 1 版与数据库不符.*version 1 differs/);
    await expect(checkSealKeys(p.db, { ...p.ctx.config, sealKey: `2:${'77'.repeat(32)}` }, p.clock.now())).rejects.toThrow(/缺少第 1 版.*version 1/);
    // no key at all (the key file lost): refused, and no new key is made over the sealed data
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-lost-'));
    const lost = { ...p.ctx.config, sealKey: null, sealKeyFile: null, databaseUrl: null, dataDir: path.join(dir, 'data') };
    await expect(checkSealKeys(p.db, lost, p.clock.now())).rejects.toThrow(/封存密钥文件不存在.*data\.seal\.key not found.*version\(s\) 1/);
    expect(fs.existsSync(path.join(dir, 'data.seal.key'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
    const system = { kind: 'system', name: 'test' } as const;
    await expect(revealCaseCounterparty({ ...p.ctx, config: other }, system, caseId)).rejects.toThrow(/无法解封.*MAC mismatch: wrong key version 1/);
  });

  it('tampered ciphertext is detected, and a sealed value moved to another row does not open there', async () => {
    const [{ id, sealed }] = await p.db.query<{ id: string; sealed: string }>(`SELECT id, sealed FROM personal_data WHERE id LIKE 'complaint/%'`);
    const flip = (s: string) => { const i = s.length - 10; return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1); };
    await p.db.query('UPDATE personal_data SET sealed = $2 WHERE id = $1', [id, flip(sealed)]);
    const sup = await bearer(p.app, 'sup');
    const r = await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${complaintId}/complainant`, headers: sup, payload: {} });
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toContain(CP.name);
    // another row's sealed value copied over this one: its MAC is bound to its own row
    const [{ sealed: caseSealed }] = await p.db.query<{ sealed: string }>(`SELECT sealed FROM personal_data WHERE id LIKE 'case/%' LIMIT 1`);
    await p.db.query('UPDATE personal_data SET sealed = $2 WHERE id = $1', [id, caseSealed]);
    expect((await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${complaintId}/complainant`, headers: sup, payload: {} })).statusCode).toBe(500);
    await p.db.query('UPDATE personal_data SET sealed = $2 WHERE id = $1', [id, sealed]);
    expect((await p.app.inject({ method: 'POST', url: `/api/supervision/complaints/${complaintId}/complainant`, headers: sup, payload: {} })).statusCode).toBe(200);
  });

  it('seal rotate re-seals every value under the new key version, idempotently; old data still reads; audit verify still holds', async () => {
    await writeCheckpoint(checkpointDeps(p.ctx), 'demand', 'test'); // history checkpointed before the rotation
    // the operator adds version 2 to the key (the environment here) and runs the rotation
    const cfg = p.ctx.config as { sealKey: string | null };
    cfg.sealKey = `${TEST_SEAL_KEY},2:${'3c'.repeat(32)}`;
    forgetSealKeys(p.ctx.config);
    const lines: string[] = [];
    const first = await sealRotate(p.ctx, {}, (l) => lines.push(l));
    expect(first.version).toBe(2);
    expect(first.personalData).toBe(4);
    expect(first.totp).toBeGreaterThanOrEqual(1);
    expect(first.byVersion).toEqual({ 2: 4 });
    expect(lines.join('\n')).toMatch(/重新封存.*version 2/);
    const again = await sealRotate(p.ctx, {}, () => undefined);
    expect(again).toMatchObject({ personalData: 0, totp: 0 });
    const totps = await p.db.query<{ s: string }>('SELECT totp_secret AS s FROM users WHERE totp_secret IS NOT NULL');
    for (const t of totps) expect(t.s).toMatch(/^sm4\$2\$/);
    // the data still reads, and logins with a second factor still work
    const r = await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/personal-data`, headers: h, payload: {} });
    expect(r.json()).toMatchObject({ idNumber: WB.id });
    expect((await bearer(p.app, 'sup')).authorization).toMatch(/^Bearer /);
    // without version 2 the re-sealed data no longer opens (the message names the version)
    const v1only = { ...p.ctx.config, sealKey: TEST_SEAL_KEY };
    await expect(revealCaseCounterparty({ ...p.ctx, config: v1only }, { kind: 'system', name: 't' }, caseId)).rejects.toThrow(/version 2 is not configured/);
    // the history rows were not touched: the checkpoint taken before the rotation still verifies
    await writeCheckpoint(checkpointDeps(p.ctx), 'demand', 'test');
    const verdict = await verifyRecords(p.db, loadCheckpointKey(p.ctx.config, false));
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  it('with a key file, --new-key adds a version to the file and re-seals under it (resumable: a second run finds nothing)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
    const file = path.join(dir, 'x.seal.key');
    fs.writeFileSync(file, `${p.ctx.config.sealKey!.split(',').join('\n')}\n`, { mode: 0o600 });
    const cfg = p.ctx.config as { sealKey: string | null; sealKeyFile: string | null };
    cfg.sealKey = null;
    cfg.sealKeyFile = file;
    forgetSealKeys(p.ctx.config);
    const r = await sealRotate(p.ctx, { newKey: true }, () => undefined);
    expect(r).toMatchObject({ version: 3, personalData: 4, byVersion: { 3: 4 } });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(':')[0])).toEqual(['1', '2', '3']);
    expect((await sealRotate(p.ctx, {}, () => undefined)).personalData).toBe(0);
    expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/personal-data`, headers: h, payload: {} })).json()).toMatchObject({ name: WB.name });
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'seal.rotate'`);
    expect(n).toBe(4);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
