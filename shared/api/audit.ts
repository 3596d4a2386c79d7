import { z } from 'zod';
import { idSchema, isoDateSchema, timestampSchema } from './common';
import { localizedTextSchema } from './errors';

export const auditOutcomeSchema = z.enum(['success', 'failure', 'denied']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** One row of the audit trail. Subjects are record ids (`case:12`), never personal data. */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: timestampSchema,
  userId: z.number().int().nullable(),
  actor: z.string(),
  terminal: z.string(),
  action: z.string(),
  subject: z.string(),
  outcome: auditOutcomeSchema,
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const filterText = z.string().trim().min(1).max(64);

export const searchAuditInputSchema = z
  .object({
    /** Beijing calendar days, inclusive. */
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    actor: filterText.optional(),
    /** An action or its prefix: `personalData` finds reads and reveals. */
    action: filterText.optional(),
    subject: filterText.optional(),
    outcome: auditOutcomeSchema.optional(),
    /** Paging: entries older than this sequence number. */
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type SearchAuditInput = z.input<typeof searchAuditInputSchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Entries matching the filter in all. */
  total: z.number().int().min(0),
  /** Pass as `beforeSeq` for the next page; null on the last one. */
  nextBeforeSeq: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditProblemKindSchema = z.enum([
  /** A row's fields no longer match its hash. */
  'edited',
  /** Sequence numbers jump: rows were deleted. */
  'missing',
  /** A row does not chain to the one before it. */
  'unlinked',
  /** The append-only triggers were removed. */
  'unprotected',
]);

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().min(0),
  /** The newest row's sequence number and hash: what the hub keeps to detect a cut tail. */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  problems: z.array(
    z.object({
      seq: z.number().int().nullable(),
      kind: auditProblemKindSchema,
      message: localizedTextSchema,
    }),
  ),
  checkedAt: timestampSchema,
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const printedDocumentSchema = z.enum(['correctionNotice', 'applicationForm']);

export const recordPrintInputSchema = z
  .object({ document: printedDocumentSchema, caseId: idSchema })
  .strict();
