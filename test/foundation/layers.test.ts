import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of DESIGN.md hold: domain/ does no I/O and imports no layer; store/ imports neither
 * services/ nor anything above; services/ never imports http/, engine/ or cli/; and SQL is
 * written only in store/. The files that still run SQL outside store/ are listed below by
 * name: the list may only shrink (a file leaving it must leave it for good).
 */
const SRC = path.resolve(import.meta.dirname, '../../src');

const SQL_OUTSIDE_STORE_STILL = new Set([
  'services/admin/grant.service.ts',
  'services/cases/case-read.service.ts',
  'services/cases/evidence.service.ts',
  'services/cases/public-progress.service.ts',
  'services/cases/workbench.service.ts',
  'services/catalog/adjustment.service.ts',
  'services/catalog/catalog-transfer.service.ts',
  'services/catalog/catalog-upkeep.ts',
  'services/catalog/item-writer.ts',
  'services/demo/index.ts',
  'services/demo/supervision.demo.ts',
  'services/supervision/alert.service.ts',
  'services/supervision/case-supervision.ts',
  'services/supervision/complaint.service.ts',
  'services/supervision/order.service.ts',
  'services/supervision/register.ts',
  'services/supervision/rule-context.ts',
  'services/supervision/settings.ts',
  'services/supervision/stats.service.ts',
  'services/supervision/sweep-cases.ts',
  'services/supervision/sweep-other.ts',
  'services/supervision/zero-case.service.ts',
]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(SRC, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

/** The top-level folder of src/ each relative import of `file` reaches. */
function layersImported(file: string): string[] {
  const text = fs.readFileSync(path.join(SRC, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)) {
    const target = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), m[1])).split(path.sep);
    out.push(target.length > 1 ? target[0] : target[0].replace(/\.js$/, ''));
  }
  return out;
}

/** SQL in a file: a call whose first argument starts a statement, or a statement's text anywhere. */
const SQL_CALL = /\.(?:query|exec)\s*(?:<[^>]*>)?\(\s*[`'"]\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|LOCK|TRUNCATE|SAVEPOINT|RELEASE|ROLLBACK)\b/i;
const SQL_TEXT = /\b(?:SELECT\b[^`'"]*\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+[a-z_]+\s+SET)\b/;
const hasSql = (text: string) => SQL_CALL.test(text) || SQL_TEXT.test(text);

describe('layers', () => {
  const all = sources(SRC);

  it('domain/ imports no other layer and does no I/O', () => {
    const bad = all.filter((f) => f.startsWith('domain/')).flatMap((f) => {
      const text = fs.readFileSync(path.join(SRC, f), 'utf8');
      const layers = layersImported(f).filter((l) => l !== 'domain' && l !== 'errors');
      const io = /from '(?:node:)?(?:fs|net|http|https|child_process)'|from 'pg'|@electric-sql\/pglite|process\.env|Date\.now\(\)/.test(text);
      return [...layers.map((l) => `${f} imports ${l}/`), ...(io ? [`${f} does I/O`] : [])];
    });
    expect(bad).toEqual([]);
  });

  it('store/ imports neither services/ nor anything above it', () => {
    const bad = all.filter((f) => f.startsWith('store/'))
      .flatMap((f) => layersImported(f).filter((l) => ['services', 'http', 'engine', 'cli', 'app', 'modules'].includes(l)).map((l) => `${f} imports ${l}/`));
    expect(bad).toEqual([]);
  });

  it('services/ never imports http/, engine/ or cli/', () => {
    const bad = all.filter((f) => f.startsWith('services/'))
      .flatMap((f) => layersImported(f).filter((l) => ['http', 'engine', 'cli', 'app'].includes(l)).map((l) => `${f} imports ${l}/`));
    expect(bad).toEqual([]);
  });

  it('SQL is written in store/ only (and the list of files still outside only shrinks)', () => {
    const withSql = all.filter((f) => !f.startsWith('store/') && hasSql(fs.readFileSync(path.join(SRC, f), 'utf8')));
    expect(withSql.filter((f) => !SQL_OUTSIDE_STORE_STILL.has(f))).toEqual([]);
    // a file that no longer runs SQL leaves the list
    expect([...SQL_OUTSIDE_STORE_STILL].filter((f) => !withSql.includes(f))).toEqual([]);
  });
});
