import type { TFunction } from 'i18next';
import { attachmentMediaTypes, MAX_ATTACHMENT_BYTES } from '@shared/api/attachments';
import { ApiError } from '@shared/api/errors';
import { formatBytes } from './format';

export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

function isAttachmentMediaType(value: string): value is AttachmentMediaType {
  return (attachmentMediaTypes as readonly string[]).includes(value);
}

/**
 * A file the user picked, checked before it is read: its media type when it may be attached or
 * shared, or why not, naming it, in both languages like the engine's errors. A 40 MB scan should
 * not be read and sent only to be refused.
 */
export function checkPickedFile(
  file: Pick<File, 'name' | 'size' | 'type'>,
  t: TFunction,
): { mediaType: AttachmentMediaType } | { problem: ApiError } {
  const refuse = (key: 'attachments.wrongType' | 'attachments.tooBig') => {
    const values = { name: file.name, size: formatBytes(file.size) };
    return {
      problem: new ApiError('INVALID_INPUT', {
        message: { zh: t(key, { ...values, lng: 'zh-CN' }), en: t(key, { ...values, lng: 'en' }) },
        path: ['file'],
      }),
    };
  };
  if (!isAttachmentMediaType(file.type)) return refuse('attachments.wrongType');
  if (file.size > MAX_ATTACHMENT_BYTES) return refuse('attachments.tooBig');
  return { mediaType: file.type };
}
