import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export { en } from './en';
export { zhCN, type MessageTree, type Messages } from './zh-CN';

/** The languages the renderer offers; Simplified Chinese first. */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** i18next resources: one `translation` namespace per language. */
export const resources: Record<Language, { translation: Messages }> = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
};
