import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { defaultLanguage, isLanguage, resources, type Language, type Messages } from '@shared/i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const languageKey = 'bangban.language';

function dayjsLocale(language: Language): string {
  return language === 'zh-CN' ? 'zh-cn' : 'en';
}

/** One i18next instance for the app; the chosen language is remembered on this machine. */
export async function createI18n(storage: Storage): Promise<I18n> {
  const stored = storage.getItem(languageKey);
  const language: Language = isLanguage(stored) ? stored : defaultLanguage;
  const instance = createInstance();
  instance.use(initReactI18next);
  await instance.init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  dayjs.locale(dayjsLocale(language));
  instance.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    storage.setItem(languageKey, next);
    dayjs.locale(dayjsLocale(next));
    document.documentElement.lang = next;
    document.title = instance.t('app.name');
  });
  document.documentElement.lang = language;
  return instance;
}

export function currentLanguage(instance: I18n): Language {
  return isLanguage(instance.language) ? instance.language : defaultLanguage;
}
