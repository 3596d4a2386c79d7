import { z } from 'zod';
import { applicantInputSchema, materialStateSchema } from '@shared/api/cases';
import type { ErrorIssue } from '@shared/api/errors';
import { fieldValueSchema } from '@shared/api/review';
import { bilingual } from '@shared/api/validation';
import { parseYamlAs } from '@shared/knowledge/parse';
import { isIsoDate } from '@shared/domain/iso-date';

/** The evaluation-set format (docs/evaluation-format.md); the harness refuses other versions. */
export const DEV_SET_FORMAT_VERSION = 1;

const isoDate = z
  .string()
  .refine(isIsoDate, bilingual('日期应写作 YYYY-MM-DD', 'Dates are written YYYY-MM-DD'));
const code = z.string().trim().min(1).max(64);

const questionSchema = z
  .object({
    id: code,
    // knowledge.search accepts at most 200 characters: a longer question could not be searched.
    question: z.string().trim().min(1).max(200),
    matterCode: code.optional(),
    expectedEntryIds: z.array(code),
    note: z.string().optional(),
  })
  .strict();

const materialSchema = z
  .object({
    state: materialStateSchema,
    // Not checked against field types here: planted defects are deliberately wrong values.
    fields: z.record(z.string().min(1).max(64), fieldValueSchema).optional(),
  })
  .strict();

const caseSchema = z
  .object({
    id: code,
    matterCode: code,
    description: z.string().trim().min(1),
    today: isoDate,
    createdAt: isoDate.optional(),
    applicant: applicantInputSchema,
    materials: z.record(code, materialSchema),
    expectedFailures: z.array(code),
  })
  .strict();

export const devSetSchema = z
  .object({
    formatVersion: z.literal(DEV_SET_FORMAT_VERSION),
    name: z.string().trim().min(1),
    knowledgeBase: z.string().trim().min(1),
    questionDate: isoDate,
    questions: z.array(questionSchema),
    cases: z.array(caseSchema),
  })
  .strict()
  .superRefine((set, ctx) => {
    // Ids are how runs are compared item by item: a duplicate would make two items one.
    for (const key of ['questions', 'cases'] as const) {
      const seen = new Set<string>();
      for (const [index, item] of set[key].entries()) {
        if (seen.has(item.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [key, index, 'id'],
            ...bilingual(`编号重复：${item.id}`, `Duplicate id: ${item.id}`),
          });
        }
        seen.add(item.id);
      }
    }
  });

export type DevSet = z.output<typeof devSetSchema>;
export type DevSetQuestion = DevSet['questions'][number];
export type DevSetCase = DevSet['cases'][number];

export type DevSetParseResult = { ok: true; devSet: DevSet } | { ok: false; issues: ErrorIssue[] };

/**
 * Reads an evaluation set as YAML 1.2 (so `2026-03-10` stays a string, like knowledge files) and
 * validates it, naming the line, column and field path of every problem.
 */
export function parseDevSet(text: string): DevSetParseResult {
  const parsed = parseYamlAs(text, devSetSchema);
  return parsed.ok ? { ok: true, devSet: parsed.value } : parsed;
}
