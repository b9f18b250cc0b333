/**
 * JSON with object keys sorted at every depth: the same value always gives the same text.
 * Written in one pass (no sorted copy of the value): it hashes every pushed event. Same
 * text as JSON.stringify of a key-sorted copy: undefined properties are left out,
 * undefined array elements are null, Dates are their ISO text, a `__proto__` key is dropped
 * and integer-like keys come first in numeric order (as JavaScript enumerates the copy's keys).
 */
export function canonicalJson(value: unknown): string {
  // most values handed in are already in canonical shape (parsed events list their keys in
  // order): then the native serialiser gives the same text, several times faster
  return isCanonical(value, 0) ? JSON.stringify(value) : write(value) ?? 'null';
}

/** Keys sorted at every depth, none integer-like or __proto__, no undefined, Date or non-finite number, not too deep. */
function isCanonical(v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object': {
      if (v === null) return true;
      if (depth > 32) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!isCanonical(v[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false; // Dates and class instances take the long way
      let prev = '';
      let first = true;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) return false;
        if ((!first && k <= prev) || k === '__proto__' || isIndexKey(k)) return false;
        if (!isCanonical((v as Record<string, unknown>)[k], depth + 1)) return false;
        prev = k;
        first = false;
      }
      return true;
    }
    default:
      return false;
  }
}

function write(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + (write(v[i]) ?? 'null');
        return out + ']';
      }
      if (v instanceof Date) return JSON.stringify(v.toISOString());
      const o = v as Record<string, unknown>;
      const keys = orderedKeys(o);
      let out = '{';
      for (const k of keys) {
        if (k === '__proto__') continue; // never a property of the copy the definition makes
        const x = write(o[k]);
        if (x === undefined) continue;
        out += (out.length > 1 ? ',' : '') + JSON.stringify(k) + ':' + x;
      }
      return out + '}';
    }
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt cannot be serialised');
    default:
      return undefined; // undefined, functions and symbols are left out, as JSON.stringify does
  }
}

const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (k: string) => INDEX_KEY.test(k) && Number(k) < 4294967295;

/**
 * The order in which the sorted copy's keys come out: JavaScript enumerates integer-like keys
 * first, in numeric order, then the others in the (sorted) order they were added.
 */
function orderedKeys(o: object): string[] {
  const keys = Object.keys(o).sort();
  if (!keys.some(isIndexKey)) return keys;
  const index = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...index, ...keys.filter((k) => !isIndexKey(k))];
}
