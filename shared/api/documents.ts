import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { fieldValueSchema } from './review';

/** The standard application form (申请书) of a case: what is filled in and what is missing. */
export const applicationFormSchema = z.object({
  caseId: idSchema,
  title: z.string(),
  hallName: z.string(),
  reference: z.string(),
  matter: z.object({ code: z.string(), name: z.string(), department: z.string() }),
  applicant: z.object({
    kind: z.enum(['person', 'enterprise']),
    name: z.string(),
    idLabel: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    legalRepresentative: z.string().nullable(),
  }),
  /** The material the form is (usually M01 申请书), whose fields it prints. */
  material: z.object({ code: z.string(), name: z.string() }).nullable(),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      value: fieldValueSchema,
      required: z.boolean(),
    }),
  ),
  /** Required fields still empty: shown before printing. */
  missing: z.array(z.string()),
  date: isoDateSchema,
  /** Which DOCX template fills it: the matter's own, or the standard one. */
  template: z.string(),
});
export type ApplicationForm = z.infer<typeof applicationFormSchema>;

export const applicationDocxSchema = z.object({
  fileName: z.string(),
  /** The .docx file, base64. */
  base64: z.string(),
  missing: z.array(z.string()),
});
