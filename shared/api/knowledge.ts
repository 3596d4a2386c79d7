import { z } from 'zod';
import { idSchema, isoDateSchema, text, timestampSchema } from './common';

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

export const searchKnowledgeInputSchema = z
  .object({
    query: text(200),
    /** Only entries about this matter. */
    matterCode: z.string().trim().min(1).max(64).optional(),
    department: z.string().trim().min(1).max(60).optional(),
    /** Entries in effect on this date (default: today, Beijing time). */
    date: isoDateSchema.optional(),
    limit: z.number().int().min(1).max(50).default(8),
  })
  .strict();

/** One retrieved policy or Q&A entry, with what a citation needs (id, version, dates). */
export const knowledgeHitSchema = z.object({
  entryId: z.string(),
  version: z.number().int(),
  kind: z.enum(['policy', 'qa']),
  title: z.string(),
  snippet: z.string(),
  effectiveFrom: isoDateSchema,
  expiresOn: isoDateSchema.nullable(),
  matters: z.array(z.string()),
  department: z.string().nullable(),
  sources: z.array(z.string()),
  /**
   * BM25 relevance, higher is better; comparable within one search only. 0 for an entry that only
   * the vector search found.
   */
  score: z.number(),
  /**
   * Share (0–1) of the question's words known to the knowledge base that the entry contains
   * (synonyms count). Unlike BM25 it is comparable across searches: with `weightedCoverage` it
   * decides whether the knowledge base has a basis for an answer at all.
   */
  coverage: z.number(),
  /** The same share weighted by how rare each word is; words found nowhere weigh as common ones. */
  weightedCoverage: z.number(),
  /**
   * Present only where an embedding model's vectors took part in the search (hybrid ranking):
   * the entry's rank by BM25 and by vector similarity among the filtered candidates (1 = best;
   * null where that side did not find it), and their reciprocal rank fusion, which orders the
   * hits. Coverage above stays lexical either way.
   */
  lexicalRank: z.number().int().positive().nullable().optional(),
  vectorRank: z.number().int().positive().nullable().optional(),
  fusedScore: z.number().optional(),
});
export type KnowledgeHit = z.infer<typeof knowledgeHitSchema>;

export const getEntryInputSchema = z
  .object({
    entryId: z.string().trim().min(1).max(64),
    /** A cited version; the newest when omitted. */
    version: z.number().int().positive().optional(),
  })
  .strict();

/** One policy or Q&A entry in full: where a citation jumps to. */
export const knowledgeEntrySchema = z.object({
  entryId: z.string(),
  version: z.number().int(),
  newestVersion: z.number().int(),
  kind: z.enum(['policy', 'qa']),
  title: z.string(),
  /** The Q&A answer or the policy body. */
  text: z.string(),
  effectiveFrom: isoDateSchema,
  expiresOn: isoDateSchema.nullable(),
  issuer: z.string().nullable(),
  documentNumber: z.string().nullable(),
  matters: z.array(z.string()),
  department: z.string().nullable(),
  sources: z.array(z.string()),
});
export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;
