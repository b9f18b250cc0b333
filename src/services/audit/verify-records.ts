import { verifyAudit, type AuditVerdict } from '../../store/audit.store.js';
import { absentKeys, auditHashesAt, EMPTY_MARK, HISTORY_TABLES, listCheckpoints, walkTable, type TableMark } from '../../store/audit-checkpoint.store.js';
import type { Db } from '../../store/db.js';
import { macOf, type CheckpointKey } from './checkpoint-key.js';
import { parseBody, type CheckpointBody, type CheckpointExport } from './checkpoint.service.js';

export interface RecordProblem {
  /** audit: the audit chain; checkpoint: a checkpoint itself; else the history table's name. */
  where: string;
  problem: 'missing' | 'removed' | 'altered' | 'reordered' | 'added' | 'unsigned';
  message: string;
  /** The checkpoint whose record no longer matches. */
  checkpoint?: number;
  /** The first record concerned (audit seq), or the key range (lo, hi] it lies in. */
  seq?: number;
  range?: [number, number];
}

export interface RecordsVerdict {
  ok: boolean;
  chain: AuditVerdict;
  /** The latest checkpoint the records were checked against (null: none). */
  anchor: { n: number; at: string; auditSeq: number } | null;
  problems: RecordProblem[];
}

const NO_MAC = '0'.repeat(64);

/**
 * The checkpoints to trust: the exported ones (kept outside the database) first, then the stored
 * ones after them; each must carry its key's MAC and the MAC of the one before it.
 */
function anchors(stored: { n: number; body: string; mac: string; prevMac: string }[], exported: CheckpointExport | null, key: CheckpointKey | null, problems: RecordProblem[]): CheckpointBody[] {
  const byN = new Map<number, { body: string; mac: string }>();
  for (const c of exported?.checkpoints ?? []) byN.set(c.n, c);
  const storedByN = new Map(stored.map((c) => [c.n, c]));
  for (const [n, c] of byN) {
    const s = storedByN.get(n);
    if (!s) problems.push({ where: 'checkpoint', problem: 'missing', checkpoint: n, message: `检查点 #${n} 已从数据库中删除 (checkpoint #${n} of the export is missing from the database)` });
    else if (s.mac !== c.mac || s.body !== c.body) problems.push({ where: 'checkpoint', problem: 'altered', checkpoint: n, message: `数据库中的检查点 #${n} 与导出文件不符 (stored checkpoint #${n} differs from the export)` });
  }
  for (const s of stored) if (!byN.has(s.n)) byN.set(s.n, s);
  if (!key && byN.size) {
    problems.push({ where: 'checkpoint', problem: 'unsigned', message: '未找到检查点密钥，无法核对签名 (no checkpoint key: set XINGQUAN_CHECKPOINT_KEY or --checkpoint-key-file)' });
  }
  const out: CheckpointBody[] = [];
  let prevMac = NO_MAC;
  for (const n of [...byN.keys()].sort((a, b) => a - b)) {
    const c = byN.get(n)!;
    const signedOk = !key || macOf(key.key, c.body) === c.mac;
    let body: CheckpointBody | null = null;
    try { body = parseBody(c); } catch { /* reported below */ }
    if (!signedOk || !body || body.n !== n) {
      problems.push({ where: 'checkpoint', problem: 'altered', checkpoint: n, message: `检查点 #${n} 的签名不符 (checkpoint #${n} is not signed by this key, or was altered)` });
      break;
    }
    if (n !== out.length + 1 || body.prev !== prevMac) {
      problems.push({ where: 'checkpoint', problem: 'missing', checkpoint: out.length + 1, message: `检查点 #${out.length + 1} 缺失或顺序被打乱 (checkpoint #${out.length + 1} is missing or out of order)` });
      break;
    }
    out.push(body);
    prevMac = c.mac;
  }
  return out;
}

/** The audit chain against the checkpoints: a truncated end or a record rewritten with recomputed hashes. */
async function checkAudit(db: Db, cps: CheckpointBody[], problems: RecordProblem[]): Promise<void> {
  const heads = cps.filter((c) => c.audit.seq > 0);
  if (!heads.length) return;
  const { hashes, maxSeq } = await auditHashesAt(db, heads.map((c) => c.audit.seq));
  let lo = 0;
  for (const c of heads) {
    const h = hashes.get(c.audit.seq);
    if (c.audit.seq > maxSeq) {
      problems.push({ where: 'audit', problem: 'missing', checkpoint: c.n, seq: maxSeq + 1,
        message: `审计记录 #${maxSeq + 1} 起已被删除 (audit records from #${maxSeq + 1} on were removed: checkpoint #${c.n} recorded #${c.audit.seq})` });
      return;
    }
    if (h !== c.audit.hash) {
      problems.push({ where: 'audit', problem: h === undefined ? 'missing' : 'altered', checkpoint: c.n, range: [lo, c.audit.seq],
        message: `审计记录 #${lo + 1}–#${c.audit.seq} 中有记录被改写或删除 (an audit record in #${lo + 1}..#${c.audit.seq} was rewritten: its hashes were recomputed; checkpoint #${c.n})` });
      return;
    }
    lo = c.audit.seq;
  }
}

/** One history table against the checkpoints: walks its rows once, comparing count and digest at each checkpoint's key. */
async function checkTable(db: Db, t: (typeof HISTORY_TABLES)[number], cps: CheckpointBody[], problems: RecordProblem[]): Promise<void> {
  const marks = cps.filter((c) => c.tables[t.table]).map((c) => ({ n: c.n, mark: c.tables[t.table] }));
  if (!marks.length) return;
  let i = 0;
  let lo = 0;
  let found = null as RecordProblem | null;
  const compare = (m: TableMark, nextKey: number | null) => {
    while (i < marks.length && (nextKey === null || nextKey > marks[i].mark.last)) {
      const b = marks[i];
      if (m.rows !== b.mark.rows || m.digest !== b.mark.digest) {
        const range: [number, number] = [lo, b.mark.last];
        const where = `${t.table} ${t.key} ${lo + 1}–${b.mark.last}`;
        found = m.rows < b.mark.rows
          ? { where: t.table, problem: 'missing', checkpoint: b.n, range, message: `${where}: ${b.mark.rows - m.rows} 条记录被删除 (${b.mark.rows - m.rows} record(s) removed since checkpoint #${b.n})` }
          : m.rows > b.mark.rows
            ? { where: t.table, problem: 'added', checkpoint: b.n, range, message: `${where}: 多出 ${m.rows - b.mark.rows} 条记录 (${m.rows - b.mark.rows} record(s) inserted below checkpoint #${b.n})` }
            : { where: t.table, problem: 'altered', checkpoint: b.n, range, message: `${where}: 有记录被修改或调换顺序 (a record was altered or reordered since checkpoint #${b.n})` };
        return false;
      }
      lo = b.mark.last;
      i++;
    }
    return true;
  };
  await walkTable(db, t, EMPTY_MARK, marks[marks.length - 1].mark.last, compare);
  if (found?.problem === 'missing' && found.range) {
    // the keys absent from the range name the removed records (a rolled-back insert also leaves a gap)
    const gone = await absentKeys(db, t, found.range[0], found.range[1]);
    if (gone.length) found.message += `；缺 ${t.key} ${gone.join(', ')} (absent: ${t.key} ${gone.join(', ')})`;
  }
  if (found) problems.push(found);
}

/**
 * `xingquan audit verify`: the audit chain record by record, then the chain and every history
 * table against the signed checkpoints (stored, and exported when a file is given).
 */
export async function verifyRecords(db: Db, key: CheckpointKey | null, exported: CheckpointExport | null = null): Promise<RecordsVerdict> {
  const problems: RecordProblem[] = [];
  const chain = await verifyAudit(db);
  if (!chain.ok) problems.push({ where: 'audit', problem: chain.problem, seq: chain.seq, message: chain.message });
  const cps = anchors(await listCheckpoints(db), exported, key, problems);
  await checkAudit(db, cps, problems);
  for (const t of HISTORY_TABLES) await checkTable(db, t, cps, problems);
  const last = cps.at(-1);
  return { ok: problems.length === 0, chain, anchor: last ? { n: last.n, at: last.at, auditSeq: last.audit.seq } : null, problems };
}
