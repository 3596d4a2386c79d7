import { useTranslation } from 'react-i18next';
import { defaultConsoleLanguage, isConsoleLanguage, type ConsoleLanguage } from '../i18n';

/** The current UI language, narrowed to the two the console ships. */
export function useConsoleLanguage(): ConsoleLanguage {
  const { i18n } = useTranslation();
  return isConsoleLanguage(i18n.language) ? i18n.language : defaultConsoleLanguage;
}
