import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { DICT, type DictKey } from './dict';

export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** A dictionary word. */
  t: (key: DictKey) => string;
  /** An inline pair for page-specific text: Chinese first, English second. */
  L: (zh: string, en: string) => string;
  /** A code's label from a table of [zh, en] pairs (a third entry, such as a tag colour, is ignored), falling back to the code. */
  label: (table: Record<string, readonly [string, string, ...string[]]>, code: string | null | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);

let current: Lang = localStorage.getItem('xq.lang') === 'en' ? 'en' : 'zh';

/**
 * A server text (error or finding) as the reader's language shows it. The server writes
 * "中文 (English)" and prefixes field errors with the field's name ("evidence: …"); in
 * Chinese mode the English asides and the prefix are dropped, in English mode the text
 * stays whole (or its English form, when the server gave one).
 */
export function plain(text: string | null | undefined, en?: string | null): string {
  if (!text) return en && current === 'en' ? en : '';
  if (current === 'en') return en || text;
  return text
    .replace(/^(?:[a-z][A-Za-z0-9]*(?:[.[\]0-9]+[A-Za-z0-9]*)*:\s*)+/, '')
    .replace(/\s*[(（](?=[^()（）]*[a-z]{3})[\x20-\x7e’]*[)）]/g, '')
    .replace(/\s*[:：]\s*(?=[\x20-\x7e]*[a-z]{3})[\x20-\x7e]+$/, '')
    .trim();
}

/** An alert's message in the reader's language (the English form travels in its details). */
export const alertMessage = (a: { message?: string | null; messageEn?: string | null; details?: { messageEn?: string } | null }): string => plain(a.message, a.messageEn ?? a.details?.messageEn);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(current);
  const value = useMemo<I18n>(() => {
    const i = lang === 'en' ? 1 : 0;
    return {
      lang,
      setLang: (l) => { current = l; localStorage.setItem('xq.lang', l); setLangState(l); document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN'; },
      t: (key) => DICT[key]?.[i] ?? key,
      L: (zh, en) => (i ? en : zh),
      label: (table, code) => (code ? table[code]?.[i] ?? code : '—'),
    };
  }, [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const c = useContext(Ctx);
  if (!c) throw new Error('I18nProvider missing');
  return c;
}
