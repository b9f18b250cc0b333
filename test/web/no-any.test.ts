import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The web app is typed end to end (issue "The web app as its users expect it", part 6): no `any`
// in web/src. web/src/lib/api-types.ts is generated from the server's OpenAPI document and is
// checked by api-types.test.ts; it is scanned too (it has no `any` today).
const WEB_SRC = path.resolve(import.meta.dirname, '../../web/src');

/** `any` used as a type: `: any`, `as any`, `<any>`, `<any, …>`, `…, any>`, `any[]`, `| any`. */
const ANY_AS_TYPE = /(?::\s*any\b(?!-)|\bas\s+any\b|<\s*any\s*[,>]|,\s*any\s*>|\bany\s*\[\]|\|\s*any\b(?!-))/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** Lines of a source that use `any` as a type, comments left out. */
export function anyUses(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const code = raw.replace(/\/\/.*$/, '').replace(/\/\*.*?\*\//g, '');
    if (/^\s*\*/.test(code)) return; // inside a block comment
    if (ANY_AS_TYPE.test(code)) out.push({ line: i + 1, text: raw.trim() });
  });
  return out;
}

describe('web/src has no any', () => {
  it('finds each form of `any` as a type, and not the English word', () => {
    for (const bad of ['const x: any = 1;', 'f(y as any)', 'useState<any>(null)', 'Record<string, any>', 'Map<any, string>', 'let a: any[] = []', '(v: string | any) => v', 'fn(): Promise<any>']) {
      expect(anyUses(bad), bad).toHaveLength(1);
    }
    for (const fine of ["L('随时查询', 'Use it at any time.')", '// any caller may', '/** ends any but the current one */', 'const many: Company[] = []', 'anyOf(x)']) {
      expect(anyUses(fine), fine).toHaveLength(0);
    }
  });

  it('no source file in web/src uses any as a type', () => {
    const files = sources(WEB_SRC);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => anyUses(fs.readFileSync(f, 'utf8')).map((u) => `${path.relative(WEB_SRC, f)}:${u.line}: ${u.text}`));
    expect(found, 'declare an interface or use unknown and narrow it').toEqual([]);
  });
});
