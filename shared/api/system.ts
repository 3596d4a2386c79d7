import { z } from 'zod';
import { localizedTextSchema } from './errors';
import { timestampSchema } from './common';

export const engineModeSchema = z.enum(['desktop', 'browser']);

export const systemStatusSchema = z.object({
  engine: z.object({
    version: z.string(),
    mode: engineModeSchema,
    startedAt: timestampSchema,
    pid: z.number().int(),
  }),
  database: z.object({
    ok: z.boolean(),
    schemaVersion: z.number().int(),
    sizeBytes: z.number().int(),
    journalMode: z.string(),
  }),
  model: z.object({
    /** `none`: retrieval-only mode; `available`: a GGUF is installed but not loaded. */
    state: z.enum(['none', 'available', 'loading', 'loaded', 'error']),
    name: z.string().nullable(),
  }),
  network: z.object({
    state: z.enum(['offline', 'online', 'not_configured']),
    hubUrl: z.string().nullable(),
    /** Local writes the hub has not acknowledged yet. */
    pending: z.number().int(),
    lastSyncAt: timestampSchema.nullable(),
    problem: localizedTextSchema.nullable(),
  }),
  knowledge: z.object({
    matters: z.number().int(),
    entries: z.number().int(),
    lastImportAt: timestampSchema.nullable(),
  }),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

export const settingsSchema = z.object({
  hallName: z.string(),
  hallContact: z.string(),
  idleTimeoutMinutes: z.number().int().min(1).max(240),
  /** Working days an applicant has to bring what a correction notice asks for. */
  correctionDays: z.number().int().min(1).max(60),
  /**
   * Months a case is kept on this terminal after its last activity; older cases, with their
   * applicants' personal data, are purged (securely) once a day.
   */
  retentionMonths: z.number().int().min(6).max(360),
  /** The model file loaded at start, chosen in the model manager; null for retrieval only. */
  activeModel: z.string().nullable(),
  /** The embedding model file loaded at start; null for BM25-only search. */
  activeEmbeddingModel: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = z
  .object({
    hallName: z.string().trim().min(1).max(60),
    hallContact: z.string().trim().max(200),
    idleTimeoutMinutes: settingsSchema.shape.idleTimeoutMinutes,
    correctionDays: settingsSchema.shape.correctionDays,
    retentionMonths: settingsSchema.shape.retentionMonths,
  })
  .partial()
  .strict();

export const purgeReportSchema = z.object({
  id: z.number().int(),
  at: timestampSchema,
  /** Cases whose last activity was before this instant were removed. */
  cutoff: timestampSchema,
  retentionMonths: z.number().int(),
  trigger: z.enum(['scheduled', 'manual']),
  byUserId: z.number().int().nullable(),
  cases: z.number().int().min(0),
  applicants: z.number().int().min(0),
});
export type PurgeReport = z.infer<typeof purgeReportSchema>;
