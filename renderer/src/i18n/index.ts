/**
 * i18next set up with the two bundled resource files (zh-CN first, English second). No
 * back-end loading: everything ships in the bundle and works offline.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';

const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

export function createI18n(language: Language = 'zh-CN'): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

export function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = language.startsWith('zh') ? '咸宁新质生产力规划情景工作室' : 'Xianning Plan Scenario Studio';
}
