import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { CaseEventInput } from '../../domain/cases/case.types.js';
import { eventText, textHash } from './ingest-check.js';

/** The content hash's definition: canonicalJson of the event's fields, occurredAt as ISO text. */
const reference = (e: CaseEventInput) =>
  canonicalJson({ actor: e.actor, caseNo: e.caseNo, data: e.data, eventId: e.eventId, occurredAt: e.occurredAt.toISOString(), type: e.type });

const json = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string({ unit: 'grapheme' }), fc.double({ noNaN: true }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node')),
    // keys in any order, integer-like ones and __proto__ among them (the canonical text's slow path)
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '12', 'constructor')), tie('node'))),
})).node;

const event = fc.record({
  eventId: fc.string({ unit: 'grapheme' }),
  caseNo: fc.string({ unit: 'grapheme' }),
  type: fc.constantFrom('case.registered', 'step.completed', 'case.closed'),
  occurredAt: fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('9999-12-31') }),
  actor: fc.oneof(fc.constant(undefined), fc.record({ id: fc.string(), name: fc.string({ unit: 'grapheme' }) }), json),
  data: fc.oneof(fc.constant(undefined), json),
}) as fc.Arbitrary<CaseEventInput>;

describe('eventText: an event\'s canonical JSON written key by key', () => {
  it('is exactly the text the content hash has always covered, and carries its actor\'s and data\'s texts', () => {
    fc.assert(fc.property(event, (e) => {
      const t = eventText(e);
      expect(t.text).toBe(reference(e));
      expect(t.actor).toBe(e.actor === undefined ? null : canonicalJson(e.actor));
      expect(t.data).toBe(e.data === undefined ? null : canonicalJson(e.data));
    }), { numRuns: 2000 });
  });

  it('gives a stored event\'s hash unchanged', () => {
    const e = {
      eventId: 'E-1', caseNo: '通环罚〔2026〕1号', type: 'step.completed', occurredAt: new Date('2026-03-02T01:00:00Z'),
      actor: { name: '李明', id: 'o-17' }, data: { step: 'register', opinion: { verdict: 'agree', text: '同意立案' } },
    } as unknown as CaseEventInput;
    const t = eventText(e);
    expect(t.text).toBe('{"actor":{"id":"o-17","name":"李明"},"caseNo":"通环罚〔2026〕1号","data":{"opinion":{"text":"同意立案","verdict":"agree"},"step":"register"},'
      + '"eventId":"E-1","occurredAt":"2026-03-02T01:00:00.000Z","type":"step.completed"}');
    // as the platform stored it before the text was written key by key
    expect(textHash(t.text)).toBe('2b2a6e3ce45a61d7c72e5c2eeb6415b7405f8f783abc207c3c4196a7b2fee120');
  });
});
