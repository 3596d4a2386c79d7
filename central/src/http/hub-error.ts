import type { HubError, HubErrorCode } from '@shared/hub/protocol';
import type { LocalizedText } from '@shared/api/errors';

const statusOf: Record<HubErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  TERMINAL_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ENROLMENT_CODE_INVALID: 400,
  IDEMPOTENCY_CONFLICT: 409,
  SEQUENCE_GAP: 409,
  PACKAGE_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  JOIN_CODE_INVALID: 400,
  SESSION_ENDED: 410,
  TRY_LATER: 429,
  INTERNAL: 500,
};

const defaultMessages: Record<HubErrorCode, LocalizedText> = {
  INVALID_INPUT: { zh: '请求内容有误', en: 'The request is invalid' },
  UNAUTHENTICATED: { zh: '未认证的终端或管理员', en: 'Not authenticated' },
  TERMINAL_REVOKED: {
    zh: '此终端已被中心吊销，请联系管理员重新注册',
    en: 'This terminal was revoked at the hub; ask an administrator to enrol it again',
  },
  FORBIDDEN: { zh: '无权访问此数据', en: 'Not allowed' },
  NOT_FOUND: { zh: '未找到', en: 'Not found' },
  CONFLICT: { zh: '与已有记录冲突', en: 'Conflicts with an existing record' },
  ENROLMENT_CODE_INVALID: {
    zh: '注册码无效、已使用或已过期',
    en: 'The enrolment code is unknown, used or expired',
  },
  IDEMPOTENCY_CONFLICT: {
    zh: '同一变更标识对应了不同内容，已拒绝',
    en: 'An idempotency key was reused with a different payload',
  },
  SEQUENCE_GAP: {
    zh: '变更序号不连续，须从中心期望的序号重新发送',
    en: 'The sequence has a gap: resend from the expected number',
  },
  PACKAGE_INVALID: {
    zh: '离线包签名或来源校验失败',
    en: 'The offline package failed its signature or origin check',
  },
  PAYLOAD_TOO_LARGE: { zh: '请求过大', en: 'The request is too large' },
  JOIN_CODE_INVALID: {
    zh: '加入码无效、已使用或已过期',
    en: 'The join code is unknown, used or expired',
  },
  SESSION_ENDED: { zh: '远程窗口已结束', en: 'The remote session has ended' },
  TRY_LATER: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { zh: '中心内部错误', en: 'Internal hub error' },
};

/** A typed refusal: becomes the JSON error body with the matching HTTP status. */
export class HubApiError extends Error {
  readonly status: number;
  readonly body: HubError;

  constructor(
    code: HubErrorCode,
    options: { message?: LocalizedText; path?: (string | number)[]; expectedSeq?: number } = {},
  ) {
    const message = options.message ?? defaultMessages[code];
    super(message.en);
    this.status = statusOf[code];
    this.body = {
      code,
      message,
      path: options.path ?? [],
      ...(options.expectedSeq === undefined ? {} : { expectedSeq: options.expectedSeq }),
    };
  }
}
