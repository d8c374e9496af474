// Our own small dictionary: Simplified Chinese first, English on request (remembered in
// localStorage), with antd's locale following the same choice.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCNImport from 'antd/locale/zh_CN.js';
import enUSImport from 'antd/locale/en_US.js';
import { defaultExport } from '../lib/interop.ts';
import { ApiError } from '../api/client.ts';
import { zh } from './zh.ts';
import { en } from './en.ts';

export type Language = 'zh' | 'en';
export type TextKey = keyof typeof zh;
export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

const storageKey = 'dundian.language';
const dictionaries: Record<Language, Record<TextKey, string>> = { zh, en };
const antdLocales = { zh: defaultExport(zhCNImport), en: defaultExport(enUSImport) };

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Fills `{name}` placeholders of one text. */
export function formatText(text: string, values?: Record<string, string | number>): string {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** Has this key a text (for keys built from data, such as audit actions)? */
  hasText(key: string): key is TextKey;
  /** The API error's message in the current language. */
  errorText(error: unknown): string;
}

const I18nContext = createContext<I18nValue | undefined>(undefined);

/** Who asks the system for less motion gets none: dialogs, drawers and lists appear and go at once. */
const prefersReducedMotion = typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Provides the language, the texts and antd's matching locale to everything below it. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dictionary = dictionaries[language];
    return {
      language,
      setLanguage,
      t: (key, values) => formatText(dictionary[key] ?? key, values),
      hasText: (key: string): key is TextKey => key in dictionary,
      errorText: (error: unknown) => {
        if (error instanceof ApiError) {
          const problems = error.details.map((problem) => `${problem.field}: ${language === 'zh' ? problem.message : problem.messageEn}`);
          const main = language === 'zh' ? error.messageZh : error.messageEn;
          if (problems.length === 0) return main;
          return language === 'zh' ? `${main}（${problems.join('；')}）` : `${main} (${problems.join('; ')})`;
        }
        return language === 'zh' ? '发生未知错误' : 'Something went wrong';
      },
    };
  }, [language, setLanguage]);
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={antdLocales[language]} theme={{ token: { colorPrimary: '#c62f2f', borderRadius: 6, motion: !prefersReducedMotion } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

/** The current language and its helpers. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}
