import { z } from 'zod';
import { idSchema, text, timestampSchema } from './common';

const countsSchema = z.object({
  added: z.number().int(),
  superseded: z.number().int(),
  unchanged: z.number().int(),
});

export const importSummarySchema = z.object({
  importId: idSchema,
  fileName: z.string(),
  sha256: z.string(),
  matters: countsSchema,
  policies: countsSchema,
  qa: countsSchema,
  durationMs: z.number(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importKnowledgeInputSchema = z
  .object({
    fileName: text(200),
    /** The file's text (JSON or YAML), at most 20 MB. */
    content: z
      .string()
      .min(1)
      .max(20 * 1024 * 1024),
    /** Validate and report without writing anything. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export const importRecordSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  sha256: z.string(),
  importedAt: timestampSchema,
  importedBy: z.string(),
  summary: importSummarySchema.omit({ importId: true, fileName: true, sha256: true }),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

export const importProgressSchema = z.object({
  fileName: z.string(),
  phase: z.enum(['parsing', 'validating', 'writing', 'indexing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;
