import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { Actor } from '../../domain/org/policy.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../../store/audit.store.js';
import { insertAlerts } from '../../store/supervision/alert.store.js';
import { alertTimers } from '../supervision/case-supervision.js';
import { loadSupervisionSettings } from '../supervision/settings.js';
import { actorAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';
import { newId } from '../ids.js';

/** SHA-256 and SM3 of a file, read once. */
export async function hashFile(p: string): Promise<{ sha256: string; sm3: string }> {
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  await pipeline(fs.createReadStream(p), new Writable({ write(chunk, _e, cb) { sha.update(chunk); sm3.update(chunk); cb(); } }));
  return { sha256: sha.digest('hex'), sm3: sm3.digest('hex') };
}

interface EvidenceRow { id: string; name: string; sha256: string; sm3: string }
interface CaseRef { id: string; caseNo: string; departmentCode: string; regionCode: string | null; itemCode?: string | null }

/**
 * Evidence is served only when intact (GB/T 22239-2019 8.1.4.7 数据完整性): the file is hashed
 * again (SHA-256 and SM3) before it is sent; a file that no longer matches the hashes taken at
 * upload raises EVIDENCE_ALTERED (red) on its case, is audited, and answers 409.
 */
// 四川电子监察办法 第十条: 证据材料被更改 is a finding of the supervision system
export async function assertEvidenceIntact(ctx: AppContext, actor: Actor, c: CaseRef, row: EvidenceRow, p: string): Promise<void> {
  const h = await hashFile(p);
  if (h.sha256 === row.sha256 && h.sm3 === row.sm3) return;
  const now = ctx.clock.now();
  await ctx.db.tx(async (q) => {
    const s = await loadSupervisionSettings(q);
    await insertAlerts(q, [{
      id: newId(), code: 'EVIDENCE_ALTERED', level: 'red', subjectKind: 'case', subjectId: c.id, step: null,
      caseId: c.id, caseNo: c.caseNo, itemCode: c.itemCode ?? null, departmentCode: c.departmentCode, regionCode: c.regionCode,
      message: `证据更改: 证据文件「${row.name}」的内容与上传时的哈希不符 (evidence file ${row.id} no longer matches its upload hashes)`,
      details: { evidenceId: row.id, sha256: row.sha256, found: h.sha256 }, ...alertTimers(ctx, s, c.regionCode, 'red', now),
    }], now);
    await appendAudit(q, now, {
      ...actorAudit(actor), action: 'evidence.altered', target: `case:${c.id}`, outcome: 'failure',
      details: { evidenceId: row.id, expected: row.sha256, found: h.sha256 },
    });
  });
  throw new AppError('EVIDENCE_ALTERED', `证据文件已被更改，拒绝提供 (the evidence file was altered after upload and is not served): ${row.id}`, { evidenceId: row.id });
}
