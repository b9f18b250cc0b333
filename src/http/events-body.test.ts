import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSpans, parseEventsBody, parseWhole } from './events-body.js';

/** A large body (over the whole-parse size) of these events, joined by `sep`. */
const body = (events: unknown[], sep = ',', pad = '') => Buffer.from(`${pad}{${pad}"events"${pad}:${pad}[${pad}${events.map((e) => JSON.stringify(e)).join(sep)}${pad}]${pad}}${pad}`);
const filler = (i: number) => ({ eventId: `E-${i}`, caseNo: `C-${i}`, type: 'case.registered', data: { text: '相对人'.repeat(40), n: i } });
const many = (n: number) => Array.from({ length: n }, (_, i) => filler(i));

const fastPathCalls = (b: Buffer) => eventSpans(b)?.length ?? -1;
/** A parse's result, or the code of the error it throws. */
const outcome = (parse: (b: Buffer) => unknown, b: Buffer) => {
  try {
    return { value: parse(b) };
  } catch (e) {
    return { error: (e as { code?: string }).code };
  }
};

describe('parseEventsBody', () => {
  it('parses a large batch a group at a time to exactly what the whole-body parse gives', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), fc.constantFrom(',', ' , ', ',\n\t', '\r\n,'), (extra, sep) => {
      // arbitrary JSON inside the events: strings with quotes, backslashes, braces and brackets,
      // unicode, and now and then a `__proto__` key, which both parses refuse
      const events = [...many(300), ...extra.map((x, i) => ({ eventId: `X-${i}`, data: x, s: '"}]\\{[' }))];
      const b = body(events, sep, ' ');
      expect(b.length).toBeGreaterThan(64 * 1024);
      expect(fastPathCalls(b)).toBe(events.length);
      const whole = outcome(parseWhole, b);
      expect(outcome(parseEventsBody, b)).toEqual(whole);
      if ('value' in whole) expect(whole.value).toEqual(JSON.parse(b.toString()));
    }), { numRuns: 60 });
    // the case fast-check once found: a `__proto__` key inside an event's data
    const poisoned = body([...many(300), { eventId: 'P', data: JSON.parse('{"__proto__":[]}') }]);
    expect(outcome(parseEventsBody, poisoned)).toEqual({ error: 'FST_ERR_CTP_INVALID_JSON_BODY' });
  });

  it('finds each event, however long, and an empty list', () => {
    const one = { eventId: 'BIG', data: { name: 'x'.repeat(200_000) } };
    const b = body([filler(1), one, filler(2)]);
    expect(eventSpans(b)).toHaveLength(3);
    expect((parseEventsBody(b) as { events: unknown[] }).events[1]).toEqual(one);
    expect(eventSpans(Buffer.from('{ "events" : [ ] }'))).toEqual([]);
  });

  it('leaves other shapes to the whole-body parse, with the same result', () => {
    const events = many(300);
    const shapes = [
      `{"events":${JSON.stringify(events)},"more":1}`, // another key
      `{"more":1,"events":${JSON.stringify(events)}}`,
      `{"events":${JSON.stringify([...events, 5, null])}}`, // an element that is not an object
      `\uFEFF{"events":${JSON.stringify(events)}}`, // a byte-order mark
      JSON.stringify(events), // no envelope
    ];
    for (const s of shapes) {
      const b = Buffer.from(s);
      expect(eventSpans(b)).toBeNull();
      expect(parseEventsBody(b)).toEqual(JSON.parse(s.replace(/^\uFEFF/, '')));
    }
  });

  it('refuses what Fastify refuses: empty, malformed, truncated, prototype keys', () => {
    const good = body(many(300)).toString();
    const cases: [string, string][] = [
      ['', 'FST_ERR_CTP_EMPTY_JSON_BODY'],
      [good.slice(0, -2), 'FST_ERR_CTP_INVALID_JSON_BODY'], // truncated
      [good.replace('"E-7"', '"E-7" "x"'), 'FST_ERR_CTP_INVALID_JSON_BODY'], // malformed inside one event
      [good.replace('"n":9}}', '"n":9}]'), 'FST_ERR_CTP_INVALID_JSON_BODY'], // mismatched closing
      [good.replace('{"eventId":"E-5"', '{"__proto__":{"admin":true},"eventId":"E-5"'), 'FST_ERR_CTP_INVALID_JSON_BODY'],
      [good.replace('{"eventId":"E-6"', '{"constructor":{"prototype":{"admin":true}},"eventId":"E-6"'), 'FST_ERR_CTP_INVALID_JSON_BODY'],
      [`${good}x`, 'FST_ERR_CTP_INVALID_JSON_BODY'], // trailing bytes
    ];
    for (const [s, code] of cases) {
      expect(s).not.toBe(good);
      expect(() => parseEventsBody(Buffer.from(s)), s.slice(0, 40)).toThrow(expect.objectContaining({ code, statusCode: 400 }));
    }
  });
});
