import type { FormInstance } from 'antd';
import { ApiError, errorCodes, type ErrorCode, type ErrorIssue } from '@shared/api/errors';
import type { LocalizedText } from '@shared/api/errors';
import { en } from '@shared/i18n/en';
import type { Language } from '@shared/i18n';
import { zhCN } from '@shared/i18n/zh-CN';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

function isLocalized(value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null) return false;
  const { zh, en: english } = value as { zh?: unknown; en?: unknown };
  return typeof zh === 'string' && typeof english === 'string';
}

/**
 * Any rejection as an `ApiError`. Errors that crossed a structured-clone boundary (the desktop
 * bridge) may arrive as plain objects or as an `Error` whose message starts with the code.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const value = error as { code?: unknown; localized?: unknown; message?: unknown };
    const localized = isLocalized(value.localized) ? value.localized : value.message;
    if (isErrorCode(value.code)) {
      const raw = error as { path?: unknown; issues?: unknown };
      return new ApiError(value.code, {
        ...(isLocalized(localized) ? { message: localized } : {}),
        ...(Array.isArray(raw.path) ? { path: raw.path as (string | number)[] } : {}),
        ...(Array.isArray(raw.issues) ? { issues: raw.issues as ErrorIssue[] } : {}),
      });
    }
    if (error instanceof Error) {
      const code = /^([A-Z_]+):/.exec(error.message)?.[1];
      if (isErrorCode(code)) return new ApiError(code);
    }
  }
  return new ApiError('INTERNAL', {
    message: { zh: zhCN.errors.unknown, en: en.errors.unknown },
  });
}

export function pickText(text: LocalizedText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}

/** The message to show for a failed call, in the current language. */
export function errorMessage(error: unknown, language: Language): string {
  return pickText(toApiError(error).localized, language);
}

/**
 * Why the engine no longer accepts this tab's session, or `undefined` when it still does.
 * The engine answers SESSION_EXPIRED only for an idle session.
 */
export function sessionLossOf(error: unknown): 'idle' | 'expired' | undefined {
  const { code } = toApiError(error);
  if (code === 'SESSION_EXPIRED') return 'idle';
  if (code === 'UNAUTHENTICATED') return 'expired';
  return undefined;
}

function fieldIssues(error: ApiError): ErrorIssue[] {
  if (error.code === 'INVALID_INPUT' && error.issues && error.issues.length > 0)
    return error.issues;
  return error.path.length > 0 ? [{ path: error.path, message: error.localized }] : [];
}

const key = (path: readonly (string | number)[]): string => path.map(String).join('.');

/**
 * Puts an engine error on the form: each issue's message under the field whose name is the
 * issue's path. Returns the message still to show above the form, or `undefined` when every
 * issue found its field.
 */
export function showErrorOnForm(
  form: FormInstance,
  error: unknown,
  language: Language,
): string | undefined {
  const apiError = toApiError(error);
  const registered = new Map(form.getFieldsError().map(({ name }) => [key(name), name] as const));
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  let unplaced = false;
  const issues = fieldIssues(apiError);
  for (const issue of issues) {
    const name = registered.get(key(issue.path));
    if (!name) {
      unplaced = true;
      continue;
    }
    const entry = byField.get(key(name)) ?? { name, errors: [] };
    entry.errors.push(pickText(issue.message, language));
    byField.set(key(name), entry);
  }
  form.setFields([...byField.values()]);
  return unplaced || issues.length === 0 ? pickText(apiError.localized, language) : undefined;
}
