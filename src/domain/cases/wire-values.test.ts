import { describe, expect, it } from 'vitest';
import { fastParseEvent, parseEvent, zodParseEvent } from './event.schema.js';
import { cleanText, inCalendarRange, instantMs } from './wire-values.js';

describe('values an event may carry (§3 v2)', () => {
  it('reads only instants that exist', () => {
    expect(instantMs('2026-03-02T10:00:00+08:00')).toBe(Date.parse('2026-03-02T02:00:00Z'));
    expect(instantMs('2028-02-29T10:00:00+0800')).toBe(Date.parse('2028-02-29T02:00:00Z'));
    expect(instantMs('2026-03-02T10:00Z')).toBe(Date.parse('2026-03-02T10:00:00Z'));
    expect(instantMs('2026-03-02T24:00:00+08:00')).toBe(Date.parse('2026-03-03T00:00:00+08:00')); // ISO 8601's end of the day
    for (const bad of ['2026-02-30T10:00:00+08:00', '2026-02-29T10:00:00+08:00', '2100-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-04-31T00:00:00Z',
      '2026-03-02T24:00:01+08:00', '2026-03-02T25:00:00+08:00', '2026-03-02T10:60:00+08:00', '2026-03-02T10:00:60+08:00', '2026-03-02T10:00:00+24:00', '2026-03-02T10:00:00', '2026-03-02']) {
      expect(instantMs(bad), bad).toBeNaN();
    }
  });
  it('knows the calendar engine\'s range, in China time', () => {
    expect(inCalendarRange(instantMs('2000-01-01T00:00:00+08:00'))).toBe(true);
    expect(inCalendarRange(instantMs('1999-12-31T23:59:59+08:00'))).toBe(false);
    expect(inCalendarRange(instantMs('2040-12-31T23:59:59+08:00'))).toBe(true);
    expect(inCalendarRange(instantMs('2040-12-31T16:00:00Z'))).toBe(false);
    expect(inCalendarRange(NaN)).toBe(false);
  });
  it('refuses NUL and lone surrogates, not surrogate pairs', () => {
    expect(cleanText('王小明 😀')).toBe(true);
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00', '\ud83d']) expect(cleanText(bad)).toBe(false);
  });
  it('makes each fault the event\'s INVALID_EVENT naming the field, on the fast path and through Zod alike', () => {
    const base = { eventId: 'e1', caseNo: 'C1', type: 'case.registered', occurredAt: '2026-03-02T10:00:00+08:00', actor: { id: 'o', name: '李明' },
      data: { itemCode: 'X', counterparty: { kind: 'person', name: '王' }, channel: 'window' } };
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredAt: '2041-01-01T00:00:00+08:00' }, 'occurredAt'],
      [{ occurredAt: '2026-02-30T10:00:00+08:00' }, 'occurredAt'],
      [{ eventId: 'e\u0000' }, 'eventId'],
      [{ actor: { id: 'o', name: '\udfff' } }, 'actor.name'],
      [{ data: { ...base.data, counterparty: { kind: 'person', name: '王\u0000' } } }, 'data.counterparty.name'],
    ];
    for (const [over, field] of cases) {
      const raw = { ...base, ...over };
      expect(fastParseEvent(raw)).toBeNull();
      expect(zodParseEvent(raw)).toMatchObject({ ok: false, field });
      expect(parseEvent(raw)).toMatchObject({ ok: false, field });
    }
    // a sender's query code is not part of the event
    const withCode = parseEvent({ ...base, data: { ...base.data, queryCode: 'ABCD' } });
    expect(withCode.ok && withCode.event.data).toEqual({ channel: 'window', counterparty: { kind: 'person', name: '王' }, itemCode: 'X' });
  });
});
