import type { z } from 'zod';
import { en, zhCN } from 'zod/locales';
import { ApiError, type ErrorIssue, type LocalizedText } from './errors';

const zhErrors = zhCN().localeError;
const enErrors = en().localeError;

type ZodIssue = z.core.$ZodIssue;

/**
 * A schema's own message carries both languages, joined by a marker, so one issue reads well in
 * either whatever its kind (a `.min()` as much as a refinement). Zod's locales word the rest.
 */
const MARK = '\u0001';

function ownMessage(issue: ZodIssue): LocalizedText | undefined {
  if (!issue.message.startsWith(MARK)) return undefined;
  const [zh = '', english = ''] = issue.message.slice(1).split(MARK);
  return { zh, en: english };
}

function pathOf(issue: ZodIssue): (string | number)[] {
  return issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
}

/** Both-language issues for a failed parse. Parsing twice is cheap and keeps zod's own wording. */
export function describeIssues(schema: z.ZodType, input: unknown): ErrorIssue[] {
  const zh = schema.safeParse(input, { error: zhErrors });
  const english = schema.safeParse(input, { error: enErrors });
  if (zh.success || english.success) return [];
  return zh.error.issues.map((issue, index) => {
    const other = english.error.issues[index];
    return {
      path: pathOf(issue),
      message: ownMessage(issue) ?? { zh: issue.message, en: other?.message ?? issue.message },
    };
  });
}

/** Parses `input` or throws an `INVALID_INPUT` ApiError naming the first bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = describeIssues(schema, input);
  const first = issues[0];
  throw new ApiError('INVALID_INPUT', {
    message: first
      ? {
          zh: `输入内容有误：${formatPath(first.path)}${first.message.zh}`,
          en: `Invalid input: ${formatPath(first.path)}${first.message.en}`,
        }
      : undefined,
    path: first?.path ?? [],
    issues,
  });
}

function formatPath(path: (string | number)[]): string {
  return path.length === 0 ? '' : `${path.join('.')}: `;
}

/** A schema message in both languages, for any check: `.min(10, bilingual('…', '…'))`. */
export function bilingual(zh: string, english: string): { message: string } {
  return { message: `${MARK}${zh}${MARK}${english}` };
}
