import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { ApiError, type ApplicationForm, type FieldValue } from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import type { CaseRepository } from '../cases/case-repository';
import type { Clock } from '../clock';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';
import type { ReviewRepository } from '../review/review-repository';
import type { SettingsStore } from '../settings/settings-store';

export const STANDARD_TEMPLATE = 'application-form.docx';

/**
 * Application forms (申请书) from case data: the applicant, and the fields read off the matter's
 * application-form material. A matter may bring its own Word template (`<matter code>.docx` in
 * the templates folder); otherwise the standard one is filled.
 */
export class ApplicationForms {
  constructor(
    private readonly cases: CaseRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly reviews: ReviewRepository,
    private readonly settings: SettingsStore,
    private readonly clock: Clock,
    private readonly templatesDir: string | undefined,
  ) {}

  compose(caseId: number): ApplicationForm {
    const record = this.cases.caseById(caseId);
    if (!record) throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    const matter = this.knowledge.matterById(record.matterId);
    if (!matter) throw new Error(`Case ${String(caseId)} refers to a missing matter`);
    const materials = matter.document.materials;
    // The form is the material named as one (申请书, 申请表, 登记表); else the first.
    const material =
      materials.find((each) => /申请书|申请表|登记表/.test(each.name)) ?? materials[0] ?? null;
    const values = material ? (this.reviews.fields(caseId).get(material.code) ?? {}) : {};
    const fields = (material?.fields ?? []).map((field) => ({
      key: field.key,
      label: field.label,
      value: values[field.key] ?? null,
      required: field.required,
    }));
    const applicant = record.applicant;
    return {
      caseId,
      title: `${matter.name}申请书`,
      hallName: this.settings.read().hallName,
      reference: record.reference,
      matter: { code: matter.code, name: matter.name, department: matter.department },
      applicant: {
        kind: applicant.kind,
        name: applicant.name,
        idLabel: applicant.kind === 'person' ? '公民身份号码' : '统一社会信用代码',
        idNumber: applicant.idNumber,
        phone: applicant.phone,
        address: applicant.address,
        legalRepresentative: applicant.legalRepresentative,
      },
      material: material && { code: material.code, name: material.name },
      fields,
      missing: fields.filter((field) => field.required && field.value === null).map((f) => f.label),
      date: businessDate(this.clock.now()),
      template: this.templateFor(matter.code).name,
    };
  }

  /** The form as a .docx: the template's tags filled, empty fields left as blank lines to write on. */
  docx(caseId: number): { fileName: string; base64: string; missing: string[] } {
    const form = this.compose(caseId);
    const template = this.templateFor(form.matter.code);
    if (template.path === undefined) {
      throw new ApiError('NOT_FOUND', {
        message: {
          zh: '找不到申请书模板（resources/templates）',
          en: 'No application form template (resources/templates)',
        },
        path: ['caseId'],
      });
    }
    const document = new Docxtemplater(new PizZip(readFileSync(template.path)), {
      paragraphLoop: true,
      linebreaks: true,
      // A tag the data lacks prints as a blank to fill in by hand, never as "undefined".
      nullGetter: () => '＿＿＿＿＿＿',
    });
    const blank = (value: FieldValue | null): string =>
      value === null
        ? '＿＿＿＿＿＿'
        : typeof value === 'boolean'
          ? value
            ? '是'
            : '否'
          : String(value);
    document.render({
      hallName: form.hallName,
      matterName: form.matter.name,
      matterCode: form.matter.code,
      department: form.matter.department,
      reference: form.reference,
      applicantName: form.applicant.name,
      applicantIdLabel: form.applicant.idLabel,
      applicantId: form.applicant.idNumber,
      phone: blank(form.applicant.phone),
      address: blank(form.applicant.address),
      hasLegalRepresentative: form.applicant.legalRepresentative !== null,
      legalRepresentative: form.applicant.legalRepresentative ?? '',
      fields: form.fields.map((field) => ({ label: field.label, value: blank(field.value) })),
      date: form.date,
    });
    const buffer = document.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
    return {
      fileName: `${form.reference}-${form.matter.name}申请书.docx`,
      base64: buffer.toString('base64'),
      missing: form.missing,
    };
  }

  private templateFor(matterCode: string): { name: string; path: string | undefined } {
    if (this.templatesDir === undefined) return { name: STANDARD_TEMPLATE, path: undefined };
    const own = join(this.templatesDir, `${matterCode}.docx`);
    if (existsSync(own)) return { name: `${matterCode}.docx`, path: own };
    const standard = join(this.templatesDir, STANDARD_TEMPLATE);
    return { name: STANDARD_TEMPLATE, path: existsSync(standard) ? standard : undefined };
  }
}
