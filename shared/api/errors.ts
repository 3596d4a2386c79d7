import { z } from 'zod';

/** Every error code the engine may answer with. The renderer shows `message.zh`, logs `code`. */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SETUP_DONE',
  'SETUP_REQUIRED',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'KNOWLEDGE_INVALID',
  'KNOWLEDGE_VERSION_CONFLICT',
  /** No local model is loaded (retrieval-only mode): the caller falls back. */
  'MODEL_UNAVAILABLE',
  'MODEL_FAILED',
  /** The store is encrypted and not unlocked yet: only the vault methods answer. */
  'STORE_LOCKED',
  /** The passphrase or key does not open the store. */
  'STORE_KEY_INVALID',
  /** The store's key cannot be found (key store or key file missing): restore it or a backup. */
  'STORE_KEY_MISSING',
  /** Too many attempts: wait before trying again. */
  'TRY_LATER',
  /** The disk is full: nothing was written; free space and try again. */
  'STORAGE_FULL',
  'INTERNAL',
  /** Raised by a transport, never by the engine: the request could not reach it or its answer was lost. */
  'ENGINE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const localizedTextSchema = z.object({ zh: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const errorIssueSchema = z.object({
  /** Field path inside the method input (or inside an imported file). */
  path: z.array(z.union([z.string(), z.number()])),
  message: localizedTextSchema,
  /** 1-based line and column, when the issue points into a text file. */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: localizedTextSchema,
  /** Path of the first offending field; empty when the error is not about one field. */
  path: z.array(z.union([z.string(), z.number()])),
  issues: z.array(errorIssueSchema).optional(),
});
export type ApiErrorValue = z.infer<typeof apiErrorSchema>;

const defaultMessages: Record<ErrorCode, LocalizedText> = {
  INVALID_INPUT: { zh: '输入内容有误', en: 'The input is invalid' },
  UNKNOWN_METHOD: { zh: '不存在的操作', en: 'Unknown method' },
  MALFORMED_REQUEST: { zh: '请求格式错误', en: 'Malformed request' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in first' },
  SESSION_EXPIRED: {
    zh: '登录已超时，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  FORBIDDEN: { zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  NOT_FOUND: { zh: '未找到对应记录', en: 'Record not found' },
  CONFLICT: { zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  MODEL_UNAVAILABLE: {
    zh: '未加载本地模型（仅检索模式）',
    en: 'No local model is loaded (retrieval-only mode)',
  },
  MODEL_FAILED: { zh: '本地模型未能完成', en: 'The local model could not finish' },
  SETUP_DONE: { zh: '系统已完成初始化', en: 'Setup has already been completed' },
  SETUP_REQUIRED: {
    zh: '请先完成初始化，创建管理员账号',
    en: 'Complete setup by creating the administrator first',
  },
  BAD_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  ACCOUNT_LOCKED: {
    zh: '连续登录失败次数过多，账号已锁定',
    en: 'Too many failed sign-ins: the account is locked',
  },
  ACCOUNT_DISABLED: { zh: '账号已停用，请联系管理员', en: 'The account is disabled' },
  KNOWLEDGE_INVALID: {
    zh: '知识文件有误，未导入任何内容',
    en: 'The knowledge file is invalid; nothing was imported',
  },
  KNOWLEDGE_VERSION_CONFLICT: {
    zh: '同一版本号的内容与已导入的不一致，请提高版本号',
    en: 'This version differs from the one already imported; raise the version number',
  },
  STORE_LOCKED: {
    zh: '数据库已加密锁定，请管理员输入数据库口令解锁',
    en: 'The store is encrypted and locked; an administrator must unlock it',
  },
  STORE_KEY_INVALID: {
    zh: '数据库口令或密钥不正确',
    en: 'The store passphrase or key is wrong',
  },
  STORE_KEY_MISSING: {
    zh: '找不到数据库密钥：请从备份恢复密钥文件，或从备份、中心恢复数据',
    en: 'The store key is missing: restore the key file, or restore the data from a backup or the hub',
  },
  TRY_LATER: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  STORAGE_FULL: {
    zh: '磁盘空间已满，本次操作没有保存：请清理磁盘或联系管理员后重试，已保存的数据不受影响',
    en: 'The disk is full and nothing was saved; free some space and try again. Saved data is safe',
  },
  INTERNAL: { zh: '系统内部错误，操作未生效', en: 'Internal error; nothing was changed' },
  ENGINE_UNAVAILABLE: {
    zh: '暂时连接不到帮办台引擎，请稍候重试',
    en: 'The Bangban Desk engine cannot be reached right now; please retry shortly',
  },
};

export function defaultErrorMessage(code: ErrorCode): LocalizedText {
  return defaultMessages[code];
}

/**
 * The exception form of an API error: thrown inside the engine, carried as a value in the
 * envelope, and re-thrown by the client so callers can `catch` it.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly localized: LocalizedText;
  readonly path: (string | number)[];
  readonly issues: ErrorIssue[] | undefined;

  constructor(
    code: ErrorCode,
    options: {
      message?: LocalizedText;
      path?: (string | number)[];
      issues?: ErrorIssue[];
    } = {},
  ) {
    const localized = options.message ?? defaultMessages[code];
    super(`${code}: ${localized.en}`);
    this.name = 'ApiError';
    this.code = code;
    this.localized = localized;
    this.path = options.path ?? [];
    this.issues = options.issues;
  }

  toValue(): ApiErrorValue {
    const value: ApiErrorValue = { code: this.code, message: this.localized, path: this.path };
    if (this.issues) value.issues = this.issues;
    return value;
  }

  static fromValue(value: ApiErrorValue): ApiError {
    return new ApiError(value.code, {
      message: value.message,
      path: value.path,
      ...(value.issues ? { issues: value.issues } : {}),
    });
  }
}
