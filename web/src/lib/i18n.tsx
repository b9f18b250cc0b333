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
  /** A code's label from a table of [zh, en] pairs, falling back to the code. */
  label: (table: Record<string, readonly [string, string]>, code: string | null | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('xq.lang') === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(() => {
    const i = lang === 'en' ? 1 : 0;
    return {
      lang,
      setLang: (l) => { localStorage.setItem('xq.lang', l); setLangState(l); document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN'; },
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
