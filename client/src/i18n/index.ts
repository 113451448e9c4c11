// i18n runtime: t(key), current language, persisted switch. Pure at import time: storage is looked up
// lazily (and defensively), so this module is usable from node tests and from the browser alike.
import { catalogues, type MessageKey } from './messages.js';

export type { MessageKey } from './messages.js';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh';
export const STORAGE_KEY = 'beatAtlas.lang';

/** BCP 47 tags for <html lang>. */
export const HTML_LANG: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type Params = Readonly<Record<string, string | number>>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(catalogues.zh, value);
}

/** Replaces {name} placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Pure lookup: falls back to zh, then to the key itself. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogues[lang][key] ?? catalogues.zh[key] ?? key;
  return interpolate(text, params);
}

export interface I18n {
  readonly lang: Lang;
  t(key: MessageKey, params?: Params): string;
  setLang(lang: Lang): void;
  /** Called after every change of language; returns an unsubscribe function. */
  onChange(listener: (lang: Lang) => void): () => void;
}

function browserStorage(): StorageLike | null {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage ?? null;
  } catch {
    // Access can throw (privacy mode, sandboxed iframes).
    return null;
  }
}

export function createI18n(getStorage: () => StorageLike | null = browserStorage): I18n {
  let current: Lang | null = null;
  const listeners = new Set<(lang: Lang) => void>();

  const read = (): Lang => {
    if (current) return current;
    let stored: string | null = null;
    try {
      stored = getStorage()?.getItem(STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    current = isLang(stored) ? stored : DEFAULT_LANG;
    return current;
  };

  return {
    get lang() {
      return read();
    },
    t(key, params) {
      return translate(read(), key, params);
    },
    setLang(lang) {
      if (!isLang(lang)) throw new TypeError(`unsupported language: ${String(lang)}`);
      const changed = read() !== lang;
      current = lang;
      try {
        getStorage()?.setItem(STORAGE_KEY, lang);
      } catch {
        // Persisting is best effort.
      }
      if (changed) for (const listener of [...listeners]) listener(lang);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The application-wide instance (browser localStorage). */
export const i18n: I18n = createI18n();

export function t(key: MessageKey, params?: Params): string {
  return i18n.t(key, params);
}
