import { HubCallError } from '../api/hub-api';
import type { ConsoleLanguage } from '../i18n';

/** Any rejection as a typed hub error, so every failure is shown the same way. */
export function toCallError(error: unknown): HubCallError {
  if (error instanceof HubCallError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new HubCallError('INTERNAL', {
    zh: `控制台出现意外错误：${detail}`,
    en: `Unexpected console error: ${detail}`,
  });
}

export function errorText(error: unknown, language: ConsoleLanguage): string {
  const { localized } = toCallError(error);
  return language === 'en' ? localized.en : localized.zh;
}

/**
 * Where in the request the hub found the mistake, without the transport part: `body.content.
 * matters.0.code` reads as `matters › 0 › code` for a knowledge file.
 */
export function errorPathText(path: readonly (string | number)[]): string {
  const rest = ['body', 'query', 'params'].includes(String(path[0])) ? path.slice(1) : path;
  const inFile = ['content', 'arrangement'].includes(String(rest[0])) && rest.length > 1;
  return (inFile ? rest.slice(1) : rest).map(String).join(' › ');
}
