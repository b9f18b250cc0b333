import { isUtf8 } from 'node:buffer';
import { errorCodes } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../errors.js';

/**
 * The body of a pushed batch (`{"events": [ … ]}`, interface standard §3), parsed from its bytes
 * a group of events at a time. Read whole, a batch of 500 events is one string of some 250 KB:
 * V8 gives every string over 128 KB memory of its own, mapped afresh and faulted in page by page,
 * and decoding it cost more than parsing it. Here the events are found in the bytes (strings and
 * nesting followed) and each group of them, under GROUP_BYTES, is decoded and parsed on its own.
 *
 * The result is what the whole body parses to. Any other shape (other keys, an element that is
 * not an object, a byte-order mark) and any error are left to the whole-body parse, which gives
 * Fastify's own answers: empty body, malformed JSON, `__proto__` or `constructor` keys (400).
 * Bytes that are not well-formed UTF-8 are a 400 too (§3 v2), never decoded into U+FFFD: each group
 * is checked as it is decoded (the bytes between groups are whitespace and commas), a whole body
 * before its parse.
 */
const GROUP_BYTES = 32 * 1024;
/** Below this, the body is parsed whole: its string stays small. */
const WHOLE_BYTES = 64 * 1024;
const OPTIONS = { protoAction: 'error', constructorAction: 'error' } as const;
const EVENTS_KEY = Buffer.from('"events"');

const enum C { Quote = 0x22, Backslash = 0x5c, Comma = 0x2c, Colon = 0x3a, OpenBrace = 0x7b, CloseBrace = 0x7d, OpenBracket = 0x5b, CloseBracket = 0x5d }
const notUtf8 = () => new AppError('BAD_JSON', '请求体不是有效的 UTF-8 编码 (body is not well-formed UTF-8)', { field: 'body' });
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The whole-body parse, with Fastify's default parser's errors (and its `__proto__`/`constructor` checks). */
export function parseWhole(buf: Buffer): unknown {
  if (buf.length === 0) throw new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY();
  if (!isUtf8(buf)) throw notUtf8();
  try {
    return sjson.parse(buf.toString('utf8'), null, OPTIONS);
  } catch {
    throw new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
  }
}

/**
 * The byte spans [start, end) of the elements of `{"events":[…]}` when the body is exactly that,
 * with every element an object; null for any other shape (or a malformed one).
 */
export function eventSpans(b: Buffer): [number, number][] | null {
  const n = b.length;
  let i = 0;
  const ws = () => { while (i < n && isSpace(b[i])) i++; };
  const expect = (c: number) => { ws(); if (b[i] !== c) return false; i++; return true; };
  if (!expect(C.OpenBrace)) return null;
  ws();
  if (!b.subarray(i, i + EVENTS_KEY.length).equals(EVENTS_KEY)) return null;
  i += EVENTS_KEY.length;
  if (!expect(C.Colon) || !expect(C.OpenBracket)) return null;
  const spans: [number, number][] = [];
  ws();
  if (b[i] === C.CloseBracket) i++;
  else {
    for (;;) {
      ws();
      if (b[i] !== C.OpenBrace) return null;
      const start = i;
      let depth = 0;
      for (; i < n; i++) {
        const c = b[i];
        if (c === C.Quote) {
          // to the closing quote; a backslash escapes the byte after it (UTF-8 continuation bytes are ≥ 0x80)
          for (i++; i < n && b[i] !== C.Quote; i++) if (b[i] === C.Backslash) i++;
        } else if (c === C.OpenBrace || c === C.OpenBracket) depth++;
        else if ((c === C.CloseBrace || c === C.CloseBracket) && --depth === 0) break;
      }
      if (i >= n) return null;
      spans.push([start, ++i]);
      ws();
      if (b[i] === C.Comma) { i++; continue; }
      if (b[i] === C.CloseBracket) { i++; break; }
      return null;
    }
  }
  if (!expect(C.CloseBrace)) return null;
  ws();
  return i === n ? spans : null;
}

/** The pushed batch's body: parsed a group of events at a time when it is large and of the usual shape. */
export function parseEventsBody(buf: Buffer): unknown {
  if (buf.length < WHOLE_BYTES) return parseWhole(buf);
  const spans = eventSpans(buf);
  if (!spans) return parseWhole(buf);
  const events: unknown[] = [];
  try {
    for (let k = 0; k < spans.length;) {
      // the events of one group, with what separates them: as one JSON array
      let j = k + 1;
      while (j < spans.length && spans[j][1] - spans[k][0] <= GROUP_BYTES) j++;
      if (!isUtf8(buf.subarray(spans[k][0], spans[j - 1][1]))) throw notUtf8();
      const group = sjson.parse(`[${buf.toString('utf8', spans[k][0], spans[j - 1][1])}]`, null, OPTIONS) as unknown[];
      if (group.length !== j - k) return parseWhole(buf);
      for (const e of group) events.push(e);
      k = j;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    return parseWhole(buf);
  }
  return { events };
}
