import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'village-wall.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'zh-CN';
}

/** Simplified Chinese first; English when the operator chose it on this machine before. */
export function initI18n(): void {
  const lng = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'zh-CN',
    // Resources are bundled, so there is nothing to wait for: the first render is already translated.
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
}

export function currentLanguage(): Language {
  return LANGUAGES.find((l) => l === i18next.language) ?? 'zh-CN';
}

export function switchLanguage(): void {
  const next: Language = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  void i18next.changeLanguage(next);
}
