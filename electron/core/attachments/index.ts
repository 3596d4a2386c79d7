import { ApiError, type AttachmentOwner } from '@shared/api';
import type { SignedInUser } from '../auth/auth-service';
import type { Handlers } from '../rpc/dispatcher';
import type { AttachmentStore } from './attachment-store';

export { AttachmentStore, ATTACHMENT_FOLDER } from './attachment-store';

/**
 * Who may add or remove evidence of a finding or a rectification: the feature that owns them
 * says (throws when not), so a locked walk or a closed rectification takes no new files.
 */
export type EvidenceGuard = (
  owner: { findingId: number } | { rectificationId: number },
  user: SignedInUser,
) => void;

function guardEvidence(owner: AttachmentOwner, user: SignedInUser, guard: EvidenceGuard): void {
  if (owner.findingId !== undefined) guard({ findingId: owner.findingId }, user);
  else if (owner.rectificationId !== undefined)
    guard({ rectificationId: owner.rectificationId }, user);
}

export function attachmentHandlers(
  attachments: AttachmentStore,
  guard: EvidenceGuard,
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
      guardEvidence(input, user, guard);
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
    'attachments.remove': (input, { user }) => {
      if (!user) throw new ApiError('UNAUTHENTICATED');
      const { findingId, rectificationId } = attachments.describe(input.id);
      guardEvidence(
        { findingId: findingId ?? undefined, rectificationId: rectificationId ?? undefined },
        user,
        guard,
      );
      attachments.remove(input.id);
      return { ok: true };
    },
  };
}
