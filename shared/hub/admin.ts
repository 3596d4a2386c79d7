import { z } from 'zod';
import { hallIdSchema, terminalIdSchema } from './protocol';

/** What the hub's administrators send and see (the hub console and its API). */

export const adminSignInSchema = z.object({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(128),
});
export const adminSessionSchema = z.object({
  token: z.string(),
  username: z.string(),
  displayName: z.string(),
  expiresAt: z.iso.datetime(),
});
export type AdminSession = z.infer<typeof adminSessionSchema>;

export const hallSchema = z.object({
  id: hallIdSchema,
  name: z.string(),
  terminals: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Hall = z.infer<typeof hallSchema>;
export const createHallSchema = z.object({
  id: hallIdSchema,
  name: z.string().trim().min(1).max(80),
});

export const createEnrolmentCodeSchema = z.object({
  hallId: hallIdSchema,
  note: z.string().trim().max(80).default(''),
  /** How long the code stays valid; a day unless said otherwise. */
  validHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
});
export const enrolmentCodeIssuedSchema = z.object({
  /** Shown once, grouped for reading aloud: `ABCDE-FGHJK`. */
  code: z.string(),
  hallId: hallIdSchema,
  expiresAt: z.iso.datetime(),
});
export const enrolmentCodeRowSchema = z.object({
  hallId: hallIdSchema,
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().nullable(),
  usedByTerminal: z.string().nullable(),
  state: z.enum(['open', 'used', 'expired']),
});
export type EnrolmentCodeRow = z.infer<typeof enrolmentCodeRowSchema>;

export const terminalRowSchema = z.object({
  id: terminalIdSchema,
  hallId: hallIdSchema,
  hallName: z.string(),
  name: z.string(),
  hostname: z.string(),
  appVersion: z.string(),
  enrolledAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokedBy: z.string().nullable(),
  lastSeq: z.number().int(),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type TerminalRow = z.infer<typeof terminalRowSchema>;
export const terminalParamsSchema = z.object({ id: terminalIdSchema });

export const hubRecordEntities = [
  'knowledge_gap',
  'walk',
  'finding',
  'rectification',
  'unresolved_report',
  'case',
  'unit',
  'user',
] as const;
export const recordsQuerySchema = z.object({
  entity: z.enum(hubRecordEntities),
  hallId: hallIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const hubRecordSchema = z.object({
  entity: z.string(),
  key: z.string(),
  hallId: hallIdSchema,
  hallName: z.string(),
  terminalId: z.string(),
  data: z.json(),
  updatedAt: z.iso.datetime(),
});
export type HubRecord = z.infer<typeof hubRecordSchema>;

export const conflictRowSchema = z.object({
  id: z.number().int(),
  hallId: hallIdSchema,
  entity: z.string(),
  entityKey: z.string(),
  terminalId: z.string(),
  field: z.string().nullable(),
  reason: z.string(),
  theirs: z.json(),
  ours: z.json(),
  detectedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type ConflictRow = z.infer<typeof conflictRowSchema>;
export const conflictsQuerySchema = z.object({
  hallId: hallIdSchema.optional(),
  open: z.enum(['true', 'false']).optional(),
});
export const resolveConflictSchema = z.object({ resolution: z.string().trim().min(1).max(500) });
export const conflictParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const publishKnowledgeSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  content: z
    .string()
    .min(1)
    .max(32 * 1024 * 1024),
});
export const publicationSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  publishedBy: z.string(),
  publishedAt: z.iso.datetime(),
  matters: z.number().int(),
  policies: z.number().int(),
  qa: z.number().int(),
});
export type Publication = z.infer<typeof publicationSchema>;

export const publishCalendarSchema = z.object({
  /** A year's holiday arrangement, in the calendar file format (resources/calendar). */
  arrangement: z.unknown(),
});
export const calendarPublicationSchema = z.object({
  year: z.number().int(),
  source: z.string(),
  holidays: z.number().int(),
  makeUpWorkdays: z.number().int(),
  publishedAt: z.iso.datetime(),
});
export type CalendarPublication = z.infer<typeof calendarPublicationSchema>;

/** A model file the hub offers to terminals (registered with `bangban-hub model add`). */
export const hubModelSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string(),
  fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.gguf$/),
  purpose: z.enum(['chat', 'embedding']),
  sizeBytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  licence: z.string(),
  minimumRamGiB: z.number().positive(),
  contextLength: z.number().int().positive(),
});
export type HubModel = z.infer<typeof hubModelSchema>;
export const hubModelRowSchema = hubModelSchema.extend({ addedAt: z.iso.datetime() });
export type HubModelRow = z.infer<typeof hubModelRowSchema>;
export const modelParamsSchema = z.object({ id: hubModelSchema.shape.id });

export const importPackageSchema = z.object({
  /** The package file's text, as the terminal wrote it to the USB stick. */
  content: z
    .string()
    .min(1)
    .max(64 * 1024 * 1024),
});
export const packageImportResultSchema = z.object({
  terminalId: z.string(),
  terminalName: z.string(),
  hallName: z.string(),
  mutations: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int(),
  conflicts: z.number().int(),
  lastSeq: z.number().int(),
  /**
   * The package did not continue what the hub holds (the hub was restored from a backup): nothing
   * was applied; the reply tells the terminal, whose next package carries what is missing.
   */
  needsResend: z.boolean(),
  /** The package to carry back to the terminal: the hub's updates, signed. */
  reply: z.string(),
  replyFileName: z.string(),
});
export type PackageImportResult = z.infer<typeof packageImportResultSchema>;
