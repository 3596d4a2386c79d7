import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { materialSchema, matterSchema, reviewPointSchema } from '../knowledge/format';

export const subjectKindSchema = z.enum(['person', 'enterprise', 'both']);

export const matterSummarySchema = z.object({
  id: idSchema,
  code: z.string(),
  version: z.number().int(),
  effectiveFrom: isoDateSchema,
  name: z.string(),
  department: z.string(),
  level: matterSchema.shape.level,
  subjectKind: subjectKindSchema,
  highFrequency: z.boolean(),
  promisedDays: z.number().int(),
  pinyinInitials: z.string(),
  materialCount: z.number().int(),
  reviewPointCount: z.number().int(),
});
export type MatterSummary = z.infer<typeof matterSummarySchema>;

export const matterMaterialSchema = materialSchema.extend({ position: z.number().int() });
export const matterReviewPointSchema = reviewPointSchema.extend({ position: z.number().int() });

export const matterDetailSchema = matterSummarySchema.extend({
  aliases: z.array(z.string()),
  legalDays: z.number().int().nullable(),
  fees: matterSchema.shape.fees,
  conditions: z.array(z.string()),
  legalBasis: z.array(z.string()),
  composedOf: z.array(z.string()),
  materials: z.array(matterMaterialSchema),
  reviewPoints: z.array(z.unknown()),
  /** Every imported version of this matter, newest first. */
  versions: z.array(
    z.object({ id: idSchema, version: z.number().int(), effectiveFrom: isoDateSchema }),
  ),
});
export type MatterDetail = z.infer<typeof matterDetailSchema>;

export const searchMattersInputSchema = z
  .object({
    /** Name, code, alias or pinyin initials; empty lists every matter in effect. */
    query: z.string().trim().max(60).default(''),
    subjectKind: z.enum(['person', 'enterprise']).optional(),
    highFrequencyOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const getMatterInputSchema = z.object({ id: idSchema }).strict();
