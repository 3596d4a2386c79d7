import { z } from 'zod';
import { bilingual } from '../api/validation';
import { isKnownRuleOperator } from './rule-operators';

/**
 * The knowledge file format, version 1 (docs/knowledge-format.md). One file may carry matters,
 * policy documents and Q&A entries; each item is versioned by (code or id, version) and takes
 * effect on its `effectiveFrom` date.
 */
export const KNOWLEDGE_FORMAT = 'bangban-knowledge';
export const KNOWLEDGE_FORMAT_VERSION = 1;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('日期格式应为 YYYY-MM-DD', 'Use a YYYY-MM-DD date'))
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    bilingual('不是有效日期', 'Not a real date'),
  );
const line = (max: number) => z.string().trim().min(1).max(max);
const code = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    bilingual('编码只能包含字母、数字、_ . -', 'Codes use letters, digits, _ . -'),
  );
const version = z.number().int().min(1).max(100000);

export const materialFieldTypes = [
  'text',
  'longText',
  'date',
  'number',
  'boolean',
  'citizenId',
  'uscc',
  'phone',
  'address',
] as const;

export const materialFieldSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9]*$/, bilingual('字段键须为英文驼峰', 'Field keys are camelCase')),
    label: line(40),
    type: z.enum(materialFieldTypes),
    required: z.boolean().default(false),
    /** Marks personal data to be masked for display and on remote screens. */
    personal: z.boolean().default(false),
  })
  .strict();

export const materialSchema = z
  .object({
    code,
    name: line(80),
    /** `true`, `false`, or the condition under which it is required ("委托办理的"). */
    required: z.union([z.boolean(), line(120)]).default(true),
    form: z.enum(['original', 'copy', 'original_and_copy', 'electronic']).default('original'),
    copies: z.number().int().min(0).max(20).default(1),
    source: z.enum(['applicant', 'government', 'third_party']).default('applicant'),
    /** True when the hall can fetch it from a government data source (免提交). */
    sharedData: z.boolean().default(false),
    notes: z.string().trim().max(500).optional(),
    fields: z.array(materialFieldSchema).default([]),
  })
  .strict();

const jsonLogic: z.ZodType = z.unknown().superRefine((value, ctx) => {
  const unknownOperator = findUnknownOperator(value);
  if (unknownOperator !== undefined) {
    ctx.addIssue({
      code: 'custom',
      ...bilingual(
        `规则中使用了未知的运算符“${unknownOperator}”`,
        `The rule uses an unknown operator "${unknownOperator}"`,
      ),
    });
  }
});

/** Walks a JSONLogic expression; returns the first operator that is neither standard nor ours. */
function findUnknownOperator(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findUnknownOperator(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return keys.length === 0 ? '{}' : keys.join(',');
  const operator = keys[0] ?? '';
  if (!isKnownRuleOperator(operator)) return operator;
  return findUnknownOperator((value as Record<string, unknown>)[operator]);
}

export const reviewPointSchema = z
  .object({
    code,
    title: line(120),
    /** The material this point reads; omitted for points about the application as a whole. */
    material: code.optional(),
    kind: z.enum(['rule', 'model', 'manual']),
    /** JSONLogic over the case (kind `rule` only); see docs/knowledge-format.md for the data. */
    rule: jsonLogic.optional(),
    /** What the clerk or the model must check, in plain words. */
    guidance: line(1000),
    /** What the applicant must bring or fix when the point fails (goes on the correction notice). */
    correction: z.string().trim().max(500).optional(),
    legalBasis: line(300),
    severity: z.enum(['blocking', 'correctable']).default('correctable'),
    version: version.default(1),
    effectiveFrom: isoDate.optional(),
  })
  .strict()
  .superRefine((point, ctx) => {
    if (point.kind === 'rule' && point.rule === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rule'],
        ...bilingual('规则类审查要点必须给出 rule', 'A rule review point needs a rule'),
      });
    }
    if (point.kind !== 'rule' && point.rule !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rule'],
        ...bilingual('只有规则类审查要点可以有 rule', 'Only rule review points have a rule'),
      });
    }
  });

export const feeSchema = z
  .object({
    name: line(80),
    amountYuan: z.number().min(0),
    basis: z.string().trim().max(300).optional(),
  })
  .strict();

export const matterSchema = z
  .object({
    code,
    version,
    effectiveFrom: isoDate,
    name: line(80),
    /** Short names and colloquial names clerks type ("办食品证"). */
    aliases: z.array(line(40)).default([]),
    department: line(60),
    level: z.enum(['province', 'city', 'county', 'township', 'village']),
    subjectKind: z.enum(['person', 'enterprise', 'both']),
    highFrequency: z.boolean().default(false),
    /** Promised time limit in working days (承诺办结时限). */
    promisedDays: z.number().int().min(0).max(365),
    /** Statutory time limit in working days (法定办结时限). */
    legalDays: z.number().int().min(0).max(365).optional(),
    fees: z.array(feeSchema).default([]),
    conditions: z.array(line(500)).default([]),
    legalBasis: z.array(line(300)).min(1),
    /** For a "一件事" package: the matters it bundles (codes in this or earlier imports). */
    composedOf: z.array(code).default([]),
    materials: z.array(materialSchema).min(1),
    reviewPoints: z.array(reviewPointSchema).default([]),
  })
  .strict()
  .superRefine((matter, ctx) => {
    reportDuplicates(
      matter.materials.map((m) => m.code),
      ['materials'],
      ctx,
    );
    reportDuplicates(
      matter.reviewPoints.map((p) => p.code),
      ['reviewPoints'],
      ctx,
    );
    const materialCodes = new Set(matter.materials.map((m) => m.code));
    matter.reviewPoints.forEach((point, index) => {
      if (point.material !== undefined && !materialCodes.has(point.material)) {
        ctx.addIssue({
          code: 'custom',
          path: ['reviewPoints', index, 'material'],
          ...bilingual(
            `审查要点引用了不存在的材料“${point.material}”`,
            `The review point names a material "${point.material}" this matter does not have`,
          ),
        });
      }
    });
  });

export const policySchema = z
  .object({
    id: code,
    version,
    effectiveFrom: isoDate,
    expiresOn: isoDate.optional(),
    title: line(200),
    issuer: line(100),
    /** 文号, e.g. 国办发〔2024〕3号. */
    documentNumber: z.string().trim().max(60).optional(),
    matters: z.array(code).default([]),
    department: z.string().trim().max(60).optional(),
    body: line(20000),
  })
  .strict();

export const qaSchema = z
  .object({
    id: code,
    version,
    effectiveFrom: isoDate,
    expiresOn: isoDate.optional(),
    question: line(300),
    /** Other ways people ask the same question. */
    variants: z.array(line(300)).default([]),
    answer: line(5000),
    matters: z.array(code).default([]),
    department: z.string().trim().max(60).optional(),
    /** Where the answer comes from: policy ids or legal citations. */
    sources: z.array(line(300)).min(1),
    tags: z.array(line(30)).default([]),
  })
  .strict();

export const knowledgeFileSchema = z
  .object({
    format: z.literal(KNOWLEDGE_FORMAT),
    formatVersion: z.literal(KNOWLEDGE_FORMAT_VERSION),
    publisher: z.string().trim().max(100).optional(),
    publishedAt: isoDate.optional(),
    matters: z.array(matterSchema).default([]),
    policies: z.array(policySchema).default([]),
    qa: z.array(qaSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    reportDuplicates(
      file.matters.map((m) => `${m.code}@${m.version}`),
      ['matters'],
      ctx,
    );
    reportDuplicates(
      file.policies.map((p) => `${p.id}@${p.version}`),
      ['policies'],
      ctx,
    );
    reportDuplicates(
      file.qa.map((q) => `${q.id}@${q.version}`),
      ['qa'],
      ctx,
    );
  });

function reportDuplicates(keys: string[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  keys.forEach((key, index) => {
    if (seen.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index],
        ...bilingual(`重复的编码或版本“${key}”`, `Duplicate code or version "${key}"`),
      });
    }
    seen.add(key);
  });
}

export type KnowledgeFile = z.output<typeof knowledgeFileSchema>;
export type MatterDocument = z.output<typeof matterSchema>;
export type MaterialDocument = z.output<typeof materialSchema>;
export type ReviewPointDocument = z.output<typeof reviewPointSchema>;
export type PolicyDocument = z.output<typeof policySchema>;
export type QaDocument = z.output<typeof qaSchema>;
