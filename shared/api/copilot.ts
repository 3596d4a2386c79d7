import { z } from 'zod';
import { idSchema, isoDateSchema, text, timestampSchema } from './common';
import { citationSchema } from './review';

export const askInputSchema = z
  .object({
    question: text(300),
    /** Asked beside a case: retrieval prefers that case's matter. */
    caseId: idSchema.optional(),
    /** Continues a conversation: earlier questions give context to a short follow-up. */
    conversationId: idSchema.optional(),
  })
  .strict();

/** One sentence of an extractive answer and the citation (index into `citations`) it comes from. */
export const answerSentenceSchema = z.object({ text: z.string(), citation: z.number().int() });

export const answerSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  question: z.string(),
  /** `no_basis`: retrieval support was below the threshold; nothing is guessed. */
  status: z.enum(['answered', 'no_basis']),
  /** Sentences taken verbatim from the best entries, each cited. */
  extract: z.array(answerSentenceSchema),
  citations: z.array(citationSchema),
  /** How well the best entry covers the question's words (0–1); below the threshold: no basis. */
  support: z.number(),
  /** Set when this question became a knowledge gap (no basis, or marked unhelpful). */
  gapId: idSchema.nullable(),
  /** When the gap must be answered (5 working days), to tell the clerk. */
  gapDueBy: isoDateSchema.nullable(),
  helpful: z.boolean().nullable(),
  askedAt: timestampSchema,
  /** The local model's fluent answer, when one was generated; citations checked after. */
  generated: z
    .object({
      text: z.string(),
      sentences: z.array(
        z.object({
          text: z.string(),
          /** Indexes into `citations`. */
          citations: z.array(z.number().int()),
          /** A claim with no valid citation: shown flagged, not as knowledge. */
          uncited: z.boolean(),
        }),
      ),
      /** Citation numbers the model wrote that match no retrieved entry. */
      invalidCitations: z.array(z.number().int()),
      timeToFirstTokenMs: z.number(),
      tokensPerSecond: z.number(),
    })
    .nullable(),
});
export type Answer = z.infer<typeof answerSchema>;

export const conversationInputSchema = z.object({ conversationId: idSchema }).strict();

export const feedbackInputSchema = z
  .object({ answerId: idSchema, helpful: z.boolean(), comment: text(300).optional() })
  .strict();

export const gapStatusSchema = z.enum(['open', 'closed']);

export const knowledgeGapSchema = z.object({
  id: idSchema,
  question: z.string(),
  reason: z.enum(['no_basis', 'unhelpful']),
  comment: z.string().nullable(),
  matterCode: z.string().nullable(),
  matterName: z.string().nullable(),
  caseReference: z.string().nullable(),
  raisedBy: z.string(),
  raisedAt: timestampSchema,
  /** 5 working days after it was raised (holiday calendar); null if the calendar lacks the dates. */
  dueBy: isoDateSchema.nullable(),
  overdue: z.boolean(),
  status: gapStatusSchema,
  /** How many times the same question came up while the gap was open. */
  occurrences: z.number().int(),
  closedBy: z.string().nullable(),
  closedAt: timestampSchema.nullable(),
  resolution: z
    .object({ entryId: z.string(), version: z.number().int(), note: z.string().nullable() })
    .nullable(),
});
export type KnowledgeGap = z.infer<typeof knowledgeGapSchema>;

export const listGapsInputSchema = z
  .object({ status: gapStatusSchema.optional(), overdueOnly: z.boolean().default(false) })
  .strict();

const entryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** Closing a gap: point at an entry in the knowledge base, or write the answer as a new Q&A. */
export const closeGapInputSchema = z
  .object({
    gapId: idSchema,
    resolution: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('link'), entryId: entryCode }).strict(),
      z
        .object({
          kind: z.literal('write'),
          question: text(300),
          answer: text(5000),
          sources: z.array(text(300)).min(1).max(10),
          matters: z.array(entryCode).max(20).default([]),
        })
        .strict(),
    ]),
    note: text(500).optional(),
  })
  .strict();

export const generateInputSchema = z.object({ answerId: idSchema }).strict();

/** A piece of a streamed answer, sent to the window that asked. */
export const answerTokenSchema = z.object({ answerId: idSchema, text: z.string() });
