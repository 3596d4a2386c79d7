import { z } from 'zod';
import { idSchema, text, timestampSchema } from './common';

/** Scans and photos a clerk keeps with a case: images and PDFs, 10 MiB at most each. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const attachmentMediaTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;

export const attachmentSchema = z.object({
  id: idSchema,
  caseId: idSchema,
  materialCode: z.string().nullable(),
  fileName: z.string(),
  mediaType: z.enum(attachmentMediaTypes),
  sizeBytes: z.number().int().min(0),
  addedAt: timestampSchema,
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const addAttachmentInputSchema = z
  .object({
    caseId: idSchema,
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
  .strict();

export const listAttachmentsInputSchema = z.object({ caseId: idSchema }).strict();
export const attachmentIdInputSchema = z.object({ id: idSchema }).strict();

export const attachmentContentSchema = attachmentSchema.extend({ contentBase64: z.string() });
