import { z } from 'zod';
import { bilingual } from './validation';
import { idSchema, isoDateSchema, text, timestampSchema } from './common';
import { localizedTextSchema } from './errors';
import { parseCitizenId } from '../domain/citizen-id';
import { isPhoneNumber } from '../domain/phone';
import { parseUscc } from '../domain/uscc';

const phoneSchema = z
  .string()
  .trim()
  .refine(
    isPhoneNumber,
    bilingual(
      '请输入 11 位手机号或带区号的固定电话',
      'Enter an 11-digit mobile or a landline with area code',
    ),
  );

const citizenIdSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const result = parseCitizenId(value);
    if (result.ok) return;
    const messages = {
      length: bilingual(
        '身份证号码应为 18 位（或旧版 15 位）',
        'An ID number has 18 digits (or 15, old style)',
      ),
      format: bilingual(
        '身份证号码只能由数字和末位 X 组成',
        'Digits only, with an optional final X',
      ),
      birthDate: bilingual(
        '身份证号码中的出生日期无效',
        'The birth date inside the number is not valid',
      ),
      checkDigit: bilingual(
        '身份证号码校验位不正确，请核对',
        'The check character does not match; please re-check',
      ),
    };
    ctx.addIssue({ code: 'custom', ...messages[result.problem] });
  })
  .transform((value) => {
    const result = parseCitizenId(value);
    return result.ok ? result.value : value;
  });

const usccSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const result = parseUscc(value);
    if (result.ok) return;
    const messages = {
      length: bilingual('统一社会信用代码应为 18 位', 'A USCC has 18 characters'),
      alphabet: bilingual(
        '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
        'It contains a character the code never uses (I, O, Z, S, V)',
      ),
      checkCharacter: bilingual(
        '统一社会信用代码校验位不正确，请核对',
        'The check character does not match; please re-check',
      ),
      organisationCode: bilingual(
        '统一社会信用代码中的组织机构代码校验位不正确',
        'The organisation code inside it does not check out',
      ),
    };
    ctx.addIssue({ code: 'custom', ...messages[result.problem] });
  })
  .transform((value) => value.trim().toUpperCase());

export const personApplicantSchema = z
  .object({
    kind: z.literal('person'),
    name: text(40),
    idNumber: citizenIdSchema,
    phone: phoneSchema,
    address: text(200).optional(),
  })
  .strict();

export const enterpriseApplicantSchema = z
  .object({
    kind: z.literal('enterprise'),
    name: text(100),
    uscc: usccSchema,
    legalRepresentative: text(40),
    address: text(200),
    phone: phoneSchema.optional(),
  })
  .strict();

export const applicantInputSchema = z.discriminatedUnion('kind', [
  personApplicantSchema,
  enterpriseApplicantSchema,
]);
export type ApplicantInput = z.input<typeof applicantInputSchema>;

export const caseStatuses = [
  'intake',
  'reviewing',
  'correction',
  'accepted',
  'rejected',
  'completed',
] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const materialStates = ['pending', 'received', 'missing', 'to_correct'] as const;
export const materialStateSchema = z.enum(materialStates);
export type MaterialState = z.infer<typeof materialStateSchema>;

export const createCaseInputSchema = z
  .object({ matterId: idSchema, applicant: applicantInputSchema, note: text(500).optional() })
  .strict();

export const caseSortFields = [
  'createdAt',
  'updatedAt',
  'reference',
  'applicantName',
  'matterName',
  'status',
] as const;

export const listCasesInputSchema = z
  .object({
    /** Full-text search over reference, applicant and matter. */
    query: z.string().trim().max(60).default(''),
    status: caseStatusSchema.optional(),
    matterCode: z.string().trim().max(64).optional(),
    sort: z
      .object({ field: z.enum(caseSortFields), direction: z.enum(['asc', 'desc']) })
      .default({ field: 'createdAt', direction: 'desc' }),
    limit: z.number().int().min(1).max(20000).default(20000),
  })
  .strict();

export const caseRowSchema = z.object({
  id: idSchema,
  reference: z.string(),
  status: caseStatusSchema,
  matterCode: z.string(),
  matterName: z.string(),
  applicantKind: z.enum(['person', 'enterprise']),
  /** Masked for display (张*三); the full name is on the case detail. */
  applicantName: z.string(),
  /** Masked ID number or USCC. */
  applicantIdMasked: z.string(),
  materialsReceived: z.number().int(),
  materialsTotal: z.number().int(),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const caseListSchema = z.object({ total: z.number().int(), rows: z.array(caseRowSchema) });

export const caseMaterialSchema = z.object({
  code: z.string(),
  name: z.string(),
  required: z.union([z.boolean(), z.string()]),
  form: z.string(),
  copies: z.number().int(),
  notes: z.string().nullable(),
  state: materialStateSchema,
  note: z.string().nullable(),
  updatedAt: timestampSchema,
  updatedBy: z.string().nullable(),
});
export type CaseMaterial = z.infer<typeof caseMaterialSchema>;

export const caseEventSchema = z.object({
  id: idSchema,
  at: timestampSchema,
  actor: z.string(),
  kind: z.string(),
  /** Human-readable, both languages, composed by the engine from the event's data. */
  summary: z.object({ zh: z.string(), en: z.string() }),
});

export const applicantSchema = z.object({
  id: idSchema,
  kind: z.enum(['person', 'enterprise']),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  address: z.string().nullable(),
});

export const caseDetailSchema = z.object({
  id: idSchema,
  reference: z.string(),
  status: caseStatusSchema,
  note: z.string().nullable(),
  matter: z.object({
    id: idSchema,
    code: z.string(),
    name: z.string(),
    version: z.number().int(),
    department: z.string(),
    promisedDays: z.number().int(),
  }),
  applicant: applicantSchema,
  /**
   * The promised completion date counted in working days from the day the case was received;
   * null with the reason when the holiday calendar does not cover those dates.
   */
  deadline: z.object({
    from: isoDateSchema,
    dueBy: isoDateSchema.nullable(),
    unknownReason: localizedTextSchema.nullable(),
  }),
  materials: z.array(caseMaterialSchema),
  events: z.array(caseEventSchema),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const getCaseInputSchema = z.object({ id: idSchema }).strict();

export const completeCaseInputSchema = z
  .object({ caseId: idSchema, note: text(500).optional() })
  .strict();

export const setMaterialStateInputSchema = z
  .object({
    caseId: idSchema,
    materialCode: z.string().trim().min(1).max(64),
    state: materialStateSchema,
    note: text(500).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.state === 'to_correct' && input.note === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        ...bilingual('标记为需补正时请写明补正内容', 'Say what must be corrected'),
      });
    }
  });

export const lookupApplicantInputSchema = z
  .object({
    kind: z.enum(['person', 'enterprise']),
    /** Citizen ID number or USCC, as typed (case-insensitive). */
    idNumber: z.string().trim().min(15).max(20),
  })
  .strict();

/** What the hall already knows about an applicant, offered (never applied) on a new case. */
export const knownApplicantSchema = z.object({
  known: z.boolean(),
  applicant: z
    .object({
      name: z.string(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
      legalRepresentative: z.string().nullable(),
    })
    .nullable(),
  caseCount: z.number().int(),
  lastCaseAt: timestampSchema.nullable(),
});
export type KnownApplicant = z.infer<typeof knownApplicantSchema>;

export const suggestAddressesInputSchema = z
  .object({
    query: z.string().trim().max(60).default(''),
    limit: z.number().int().min(1).max(20).default(8),
  })
  .strict();
