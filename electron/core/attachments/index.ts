import { ApiError } from '@shared/api';
import type { Handlers } from '../rpc/dispatcher';
import type { AttachmentStore } from './attachment-store';

export { AttachmentStore, ATTACHMENT_FOLDER } from './attachment-store';

export function attachmentHandlers(
  attachments: AttachmentStore,
): Pick<
  Handlers,
  'attachments.add' | 'attachments.list' | 'attachments.get' | 'attachments.remove'
> {
  return {
    'attachments.add': (input, { user }) => {
      if (!user) throw new ApiError('UNAUTHENTICATED');
      // Leaders add evidence of findings and rectifications; a case's scans are the window's.
      if (input.caseId !== undefined && user.role === 'leader')
        throw new ApiError('FORBIDDEN', { path: ['caseId'] });
      const content = Buffer.from(input.contentBase64, 'base64');
      return attachments.add({
        owner: {
          caseId: input.caseId,
          findingId: input.findingId,
          rectificationId: input.rectificationId,
        },
        materialCode: input.materialCode,
        fileName: input.fileName,
        mediaType: input.mediaType,
        content,
        addedBy: user.id,
      });
    },
    'attachments.list': (input) => attachments.list(input),
    'attachments.get': (input) => {
      const { attachment, content } = attachments.read(input.id);
      return { ...attachment, contentBase64: content.toString('base64') };
    },
    'attachments.remove': (input) => {
      attachments.remove(input.id);
      return { ok: true };
    },
  };
}
