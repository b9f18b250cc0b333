import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('is a version-7 UUID carrying the instant, and ids sort by the instant they were made', () => {
    const at = Date.parse('2026-12-01T04:00:00Z');
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    const ids = [at + 2, at, at + 1000, at + 1].map((t) => newId(t));
    expect([...ids].sort()).toEqual([ids[1], ids[3], ids[0], ids[2]]);
    expect(new Set(Array.from({ length: 1000 }, () => newId(at))).size).toBe(1000);
  });
});
