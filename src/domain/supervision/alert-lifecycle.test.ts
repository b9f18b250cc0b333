import { describe, expect, it } from 'vitest';
import { nextStatus } from './alert-lifecycle.js';

describe('alert lifecycle', () => {
  it('department explains, supervisor returns, department explains again, supervisor resolves', () => {
    let s = nextStatus('open', 'explain');
    expect(s).toEqual({ ok: true, status: 'explained' });
    s = nextStatus('explained', 'return');
    expect(s).toEqual({ ok: true, status: 'returned' });
    expect(nextStatus('returned', 'explain')).toEqual({ ok: true, status: 'explained' });
    expect(nextStatus('explained', 'resolve')).toEqual({ ok: true, status: 'resolved' });
  });
  it('appeal then revoke; nothing after closure', () => {
    expect(nextStatus('open', 'appeal')).toEqual({ ok: true, status: 'appealed' });
    expect(nextStatus('appealed', 'revoke')).toEqual({ ok: true, status: 'revoked' });
    for (const a of ['explain', 'appeal', 'resolve', 'revoke', 'return', 'escalate'] as const) {
      expect(nextStatus('revoked', a).ok).toBe(false);
      expect(nextStatus('withdrawn', a).ok).toBe(false);
    }
  });
  it('an open alert cannot be returned (nothing to return)', () => {
    const r = nextStatus('open', 'return');
    expect(r.ok).toBe(false);
  });
});
