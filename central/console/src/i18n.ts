import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en } from './locales/en';
import { zhCN, type ConsoleMessages } from './locales/zh-cn';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: ConsoleMessages };
  }
}

/** The console's languages: Simplified Chinese first. */
export const consoleLanguages = ['zh-CN', 'en'] as const;
export type ConsoleLanguage = (typeof consoleLanguages)[number];
export const defaultConsoleLanguage: ConsoleLanguage = 'zh-CN';

export function isConsoleLanguage(value: unknown): value is ConsoleLanguage {
  return typeof value === 'string' && (consoleLanguages as readonly string[]).includes(value);
}

const resources: Record<ConsoleLanguage, { translation: ConsoleMessages }> = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};

const languageKey = 'bangban-hub.console.language';

function applyLanguage(instance: I18n, language: ConsoleLanguage): void {
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
  document.title = instance.t('app.title');
}

/**
 * The console's own i18next instance (its strings are not the desktop app's): the chosen
 * language is remembered in this browser.
 */
export async function createConsoleI18n(storage: Storage): Promise<I18n> {
  const stored = storage.getItem(languageKey);
  const language = isConsoleLanguage(stored) ? stored : defaultConsoleLanguage;
  const instance = createInstance();
  instance.use(initReactI18next);
  await instance.init({
    resources,
    lng: language,
    fallbackLng: defaultConsoleLanguage,
    interpolation: { escapeValue: false },
    returnNull: false,
    // An advertisement in the administrator's browser console is noise next to real errors.
    showSupportNotice: false,
  });
  applyLanguage(instance, language);
  instance.on('languageChanged', (next) => {
    if (!isConsoleLanguage(next)) return;
    storage.setItem(languageKey, next);
    applyLanguage(instance, next);
  });
  return instance;
}
