import { z } from 'zod';
import { idSchema, text, timestampSchema } from './common';
import { bilingual } from './validation';

/**
 * Scans and photos kept with a case, and evidence photos of a walk's finding or of a
 * rectification's progress: images and PDFs, 10 MiB at most each.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const attachmentMediaTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;

export const attachmentSchema = z.object({
  id: idSchema,
  caseId: idSchema.nullable(),
  findingId: idSchema.nullable(),
  rectificationId: idSchema.nullable(),
  materialCode: z.string().nullable(),
  fileName: z.string(),
  mediaType: z.enum(attachmentMediaTypes),
  sizeBytes: z.number().int().min(0),
  addedAt: timestampSchema,
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** What an attachment belongs to: exactly one of a case, a finding or a rectification. */
const ownerFields = {
  caseId: idSchema.optional(),
  findingId: idSchema.optional(),
  rectificationId: idSchema.optional(),
};

function oneOwner(input: { caseId?: number; findingId?: number; rectificationId?: number }) {
  return (
    [input.caseId, input.findingId, input.rectificationId].filter((id) => id !== undefined)
      .length === 1
  );
}

const oneOwnerMessage = {
  path: ['caseId'],
  ...bilingual(
    '请指明附件属于哪个办件、问题或整改（只能一个）',
    'Name exactly one case, finding or rectification',
  ),
};

export const addAttachmentInputSchema = z
  .object({
    ...ownerFields,
    materialCode: z.string().trim().min(1).max(20).optional(),
    fileName: text(200),
    mediaType: z.enum(attachmentMediaTypes),
    /** The file, base64; its decoded size is checked against MAX_ATTACHMENT_BYTES. */
    contentBase64: z
      .string()
      .min(1)
      .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  })
  .strict()
  .refine(oneOwner, oneOwnerMessage);

export const listAttachmentsInputSchema = z
  .object(ownerFields)
  .strict()
  .refine(oneOwner, oneOwnerMessage);
export type AttachmentOwner = z.output<typeof listAttachmentsInputSchema>;
export const attachmentIdInputSchema = z.object({ id: idSchema }).strict();

export const attachmentContentSchema = attachmentSchema.extend({ contentBase64: z.string() });
