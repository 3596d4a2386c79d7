import { useTranslation } from 'react-i18next';
import { defaultLanguage, isLanguage, type Language } from '@shared/i18n';

/** The current UI language, narrowed to the ones we ship. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage;
}
