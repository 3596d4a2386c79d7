import { z } from 'zod';
import { enrolmentCodeSchema } from '../hub/protocol';
import { text, timestampSchema } from './common';
import { localizedTextSchema } from './errors';

/** The terminal's link to the hub, as the status bar and the sync screen show it. */
export const syncStates = [
  /** No hub configured: the terminal works alone. */
  'not_enrolled',
  'idle',
  'syncing',
  /** The hub could not be reached: work goes on, and sync retries with backoff. */
  'offline',
  /** The hub refused (bad data, a conflict in the sequence): a person must look. */
  'error',
  /** The hub revoked this terminal: it stays offline until enrolled again. */
  'revoked',
] as const;
export const syncStateSchema = z.enum(syncStates);
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncProblemSchema = z.object({ code: z.string(), message: localizedTextSchema });
export type SyncProblem = z.infer<typeof syncProblemSchema>;

export const syncStatusSchema = z.object({
  state: syncStateSchema,
  hubUrl: z.string().nullable(),
  terminal: z
    .object({
      id: z.string(),
      name: z.string(),
      hallId: z.string(),
      hallName: z.string(),
      enrolledAt: timestampSchema,
    })
    .nullable(),
  /** Local writes the hub has not acknowledged. */
  pending: z.number().int(),
  lastSuccessAt: timestampSchema.nullable(),
  lastAttemptAt: timestampSchema.nullable(),
  nextAttemptAt: timestampSchema.nullable(),
  problem: syncProblemSchema.nullable(),
  /** Conflicts the hub recorded for this hall and nobody has settled yet. */
  openConflicts: z.number().int(),
  /** How far this PC's clock is from the hub's (positive: ahead), when known. */
  clockSkewSeconds: z.number().nullable(),
  /** Where the credentials are kept: the OS keyring, or a file only this user can read. */
  credentialProtection: z.enum(['safeStorage', 'file']),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const enrolInputSchema = z
  .object({
    hubUrl: z.url({ protocol: /^https?$/ }).max(300),
    code: enrolmentCodeSchema,
    terminalName: text(80),
  })
  .strict();

export const setHubUrlInputSchema = z
  .object({ hubUrl: z.url({ protocol: /^https?$/ }).max(300) })
  .strict();

export const syncRunSchema = z.object({
  id: z.number().int(),
  trigger: z.enum(['auto', 'manual', 'package']),
  startedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
  pushed: z.number().int(),
  pulled: z.number().int(),
  outcome: z.enum(['ok', 'failed', 'offline']).nullable(),
  problem: syncProblemSchema.nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const syncHistoryInputSchema = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const syncConflictSchema = z.object({
  id: z.number().int(),
  entity: z.string(),
  entityKey: z.string(),
  field: z.string().nullable(),
  reason: z.string(),
  theirs: z.unknown(),
  ours: z.unknown(),
  detectedAt: timestampSchema,
  resolvedAt: timestampSchema.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const exportedPackageSchema = z.object({
  fileName: z.string(),
  /** The package file's text (JSON), to save to a USB stick. */
  content: z.string(),
  mutations: z.number().int(),
});
export type ExportedPackage = z.infer<typeof exportedPackageSchema>;

export const importPackageInputSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    content: z
      .string()
      .min(1)
      .max(64 * 1024 * 1024),
  })
  .strict();

export const packageImportSchema = z.object({
  /** Local writes the hub acknowledged with this package. */
  acknowledged: z.number().int(),
  /** Changes applied from the hub's streams. */
  pulled: z.number().int(),
  /** Streams skipped because this terminal had already synced past them. */
  skippedStreams: z.array(z.string()),
});
export type PackageImport = z.infer<typeof packageImportSchema>;
