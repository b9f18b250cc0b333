import { pinyin } from 'pinyin-pro';

/**
 * Search keys of an item name for the hall (电子政务大厅): its full pinyin ("shipin" finds
 * 食品…), its initials ("spjy"), and the common abbreviations it answers to (环评 for
 * 环境影响评价) with their pinyin and initials ("huanping", "hp"). Stored with the item row at
 * write time (power_items.search_keys) and searched by the same ILIKE as the Chinese words.
 * Pure: pinyin-pro carries its dictionary; no I/O.
 */

/** Bump when the rules below change: rows with an older revision are recomputed by the catalog upkeep. */
export const SEARCH_KEYS_REV = 1;

/**
 * Abbreviations citizens type (简称) → the full words item names use. An item whose name
 * contains a full word answers to its abbreviation. Documented in docs/hall.md.
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  环评: ['环境影响评价', '环境影响报告', '环境影响登记'],
  安评: ['安全评价', '安全预评价'],
  能评: ['节能评估', '节能审查'],
  水保: ['水土保持'],
  排污证: ['排污许可'],
  施工证: ['施工许可'],
  规划证: ['规划许可'],
  食品证: ['食品经营许可', '食品生产许可'],
  卫生证: ['卫生许可'],
  社保: ['社会保险'],
  医保: ['医疗保险', '医疗保障'],
  低保: ['最低生活保障'],
  公积金: ['住房公积金'],
  危化品: ['危险化学品'],
  驾照: ['机动车驾驶证'],
  户口: ['户籍'],
  环保: ['生态环境', '环境保护', '污染'],
  消防: ['消防安全', '消防设计', '消防验收'],
  营业执照: ['营业执照', '市场主体登记', '企业登记'],
};

const PINYIN_OPTS = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;

/** Full pinyin and initials of a text (letters and digits kept, lower case, no spaces). */
export function pinyinKeys(text: string): { full: string; initials: string } {
  const syllables = pinyin(text, PINYIN_OPTS).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => (/^[a-z]/.test(s) ? s[0] : s)).join('') };
}

/** The abbreviations a name answers to (those whose full word it contains, or the abbreviation itself). */
export function abbreviationsOf(name: string): string[] {
  return Object.entries(ABBREVIATIONS).filter(([abbr, fulls]) => name.includes(abbr) || fulls.some((f) => name.includes(f))).map(([abbr]) => abbr);
}

/** The search keys of an item name, space-separated. */
export function searchKeys(name: string): string {
  const own = pinyinKeys(name);
  const parts = [own.full, own.initials];
  for (const abbr of abbreviationsOf(name)) {
    const k = pinyinKeys(abbr);
    parts.push(abbr, k.full, k.initials);
  }
  return [...new Set(parts.filter(Boolean))].join(' ');
}

/**
 * A search word as the keys are written: a Latin word (pinyin or initials) in lower case
 * without apostrophes or tone marks; Chinese words as typed.
 */
export function normaliseSearchWord(word: string): string {
  const w = word.trim();
  if (/^[A-Za-z'’üÜ:]+$/.test(w)) return w.toLowerCase().replace(/['’]/g, '').replace(/ü|u:/g, 'v');
  return w;
}

/** The words to try for a search word: the word and, for an abbreviation, the full words it stands for. */
export function expandSearchWord(word: string): string[] {
  const w = normaliseSearchWord(word);
  return [w, ...(ABBREVIATIONS[w] ?? [])];
}
