import { describe, expect, it } from 'vitest';
import { parseEvent } from './event.schema.js';

const base = { eventId: 'e1', caseNo: 'C1', occurredAt: '2026-03-02T10:00:00+08:00', actor: { id: 'o', name: '李明' } };

describe('event schemas (§3)', () => {
  it('accepts each documented shape', () => {
    expect(parseEvent({ ...base, type: 'case.registered', data: { itemCode: 'X', counterparty: { kind: 'person', name: '王' }, channel: 'exchange' } }).ok).toBe(true);
    expect(parseEvent({ ...base, type: 'case.resumed' }).ok).toBe(true);
    expect(parseEvent({ ...base, type: 'case.rejected', data: { reason: '' } }).ok).toBe(true); // empty reason: a finding, not malformed
  });
  it('names the bad field', () => {
    const r = parseEvent({ ...base, type: 'case.extended', data: { workingDays: -1, reason: 'r', approvedBy: 'a' } });
    expect(r).toMatchObject({ ok: false, field: 'data.workingDays' });
    expect(parseEvent({ ...base, type: 'nope', data: {} })).toMatchObject({ ok: false, field: 'type' });
    expect(parseEvent({ ...base, occurredAt: '2026-03-02 10:00', type: 'case.closed' })).toMatchObject({ ok: false, field: 'occurredAt' });
    expect(parseEvent({ ...base, type: 'evidence.attached', data: { evidenceId: 'v', kind: 'photo', name: 'n', size: 1, sha256: 'xyz' } })).toMatchObject({ ok: false, field: 'data.sha256' });
    expect(parseEvent({ ...base, actor: {}, type: 'case.closed' })).toMatchObject({ ok: false, field: 'actor.id' });
  });
});
