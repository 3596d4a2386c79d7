import { z } from 'zod';
import { idSchema, isoDateSchema, text, timestampSchema } from './common';
import { localizedTextSchema } from './errors';
import { materialStateSchema } from './cases';
import { materialFieldTypes, reviewPointSchema } from '../knowledge/format';

/** A knowledge entry a verdict or an answer relies on: enough to cite it and to open it. */
export const citationSchema = z.object({
  entryId: z.string(),
  version: z.number().int(),
  kind: z.enum(['policy', 'qa']),
  title: z.string(),
  effectiveFrom: isoDateSchema,
  snippet: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const reviewVerdictSchema = z.enum(['pass', 'fail']);
export type ReviewVerdict = z.infer<typeof reviewVerdictSchema>;

/** What a review concludes (可受理 / 需补正 / 不予受理). */
export const reviewOutcomeSchema = z.enum(['accept', 'correction', 'reject']);
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;

/** What the engine found for a point before the clerk decides: a rule's result or the model's. */
export const reviewSuggestionSchema = z.object({
  source: z.enum(['rule', 'model']),
  /** `error`: the rule could not be evaluated; `unsure`: the model could not tell. */
  verdict: z.enum(['pass', 'fail', 'error', 'unsure']),
  reason: localizedTextSchema,
  /** Entries the model cited (checked against the passages it was given). */
  cited: z.array(z.string()),
  at: timestampSchema,
});
export type ReviewSuggestion = z.infer<typeof reviewSuggestionSchema>;

export const reviewDecisionSchema = z.object({
  verdict: reviewVerdictSchema,
  note: z.string().nullable(),
  /** The clerk decided against the rule's or the model's suggestion. */
  overrode: z.boolean(),
  decidedBy: z.string(),
  decidedAt: timestampSchema,
  /** The knowledge passages shown beside the point when it was decided. */
  passages: z.array(citationSchema.pick({ entryId: true, version: true })),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const reviewPointStateSchema = z.object({
  code: z.string(),
  title: z.string(),
  kind: reviewPointSchema.shape.kind,
  materialCode: z.string().nullable(),
  guidance: z.string(),
  correction: z.string().nullable(),
  legalBasis: z.string(),
  severity: z.enum(['correctable', 'blocking']),
  /** The point's own revision number within the matter version. */
  pointVersion: z.number().int(),
  suggestion: reviewSuggestionSchema.nullable(),
  decision: reviewDecisionSchema.nullable(),
  /** Knowledge entries retrieved for this point (the model reads them; the clerk can too). */
  passages: z.array(citationSchema),
});
export type ReviewPointState = z.infer<typeof reviewPointStateSchema>;

export const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const reviewMaterialSchema = z.object({
  code: z.string(),
  name: z.string(),
  required: z.union([z.boolean(), z.string()]),
  state: materialStateSchema,
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(materialFieldTypes),
      required: z.boolean(),
      personal: z.boolean(),
      value: fieldValueSchema,
    }),
  ),
});
export type ReviewMaterial = z.infer<typeof reviewMaterialSchema>;

export const reviewStatusSchema = z.enum(['not_started', 'in_progress', 'concluded']);

export const reviewSchema = z.object({
  caseId: idSchema,
  caseReference: z.string(),
  matter: z.object({ code: z.string(), name: z.string(), version: z.number().int() }),
  status: reviewStatusSchema,
  /** 1 for the first review; a new round starts when corrected materials come back. */
  round: z.number().int(),
  startedBy: z.string().nullable(),
  startedAt: timestampSchema.nullable(),
  materials: z.array(reviewMaterialSchema),
  /** In order: grouped by material as the matter lists them, then points about the whole case. */
  points: z.array(reviewPointStateSchema),
  progress: z.object({ decided: z.number().int(), total: z.number().int() }),
  /** What the decisions so far lead to; null while any point is undecided. */
  suggestedOutcome: reviewOutcomeSchema.nullable(),
  outcome: reviewOutcomeSchema.nullable(),
  concludedAt: timestampSchema.nullable(),
  /** Whether a local model can be asked about `model` points; otherwise they are manual. */
  modelReady: z.boolean(),
});
export type Review = z.infer<typeof reviewSchema>;

export const caseIdInputSchema = z.object({ caseId: idSchema }).strict();

export const saveFieldsInputSchema = z
  .object({
    caseId: idSchema,
    materialCode: z.string().trim().min(1).max(64),
    /** Field key → value; null clears a field. Checked against the field's type by the engine. */
    values: z.record(z.string().min(1).max(64), fieldValueSchema),
  })
  .strict();

export const decideInputSchema = z
  .object({
    caseId: idSchema,
    pointCode: z.string().trim().min(1).max(64),
    verdict: reviewVerdictSchema,
    note: text(500).optional(),
  })
  .strict();

/** Asks the local model about one `model` point. */
export const pointInputSchema = z
  .object({ caseId: idSchema, pointCode: z.string().trim().min(1).max(64) })
  .strict();

export const noticeItemSchema = z.object({
  pointCode: z.string(),
  title: z.string(),
  material: z.string().nullable(),
  /** What the applicant must bring or correct. */
  whatToDo: z.string(),
  /** Why: the legal basis of the point. */
  basis: z.string(),
  /** The clerk's own note on this item, printed too. */
  note: z.string().nullable(),
  blocking: z.boolean(),
});

/** 一次性告知书: frozen when issued, so a reprint is the same document. */
export const correctionNoticeSchema = z.object({
  number: z.string(),
  outcome: z.enum(['correction', 'reject']),
  caseReference: z.string(),
  /** The day the application was received (the case opened). */
  receivedOn: isoDateSchema,
  round: z.number().int(),
  issuedAt: timestampSchema,
  issuedOn: isoDateSchema,
  issuedBy: z.string(),
  hall: z.object({ name: z.string(), contact: z.string() }),
  applicant: z.object({ name: z.string(), idMasked: z.string() }),
  matter: z.object({
    code: z.string(),
    name: z.string(),
    version: z.number().int(),
    department: z.string(),
    promisedDays: z.number().int(),
  }),
  items: z.array(noticeItemSchema),
  /** Working days the applicant has to bring what is missing, and the date that makes. */
  correctionDays: z.number().int(),
  correctionDueBy: isoDateSchema.nullable(),
  /** The law that obliges the hall to say everything at once. */
  noticeBasis: z.string(),
});
export type CorrectionNotice = z.infer<typeof correctionNoticeSchema>;

export const concludeResultSchema = z.object({
  review: reviewSchema,
  notice: correctionNoticeSchema.nullable(),
});

/** A value known from the applicant's earlier cases, offered for an empty field of this one. */
export const prefillSchema = z.array(
  z.object({
    materialCode: z.string(),
    materialName: z.string(),
    fieldKey: z.string(),
    label: z.string(),
    value: fieldValueSchema,
    /** Where it comes from: an earlier case's reference, or the applicant's registration. */
    source: z.string(),
    at: timestampSchema,
  }),
);
export type Prefill = z.infer<typeof prefillSchema>;
