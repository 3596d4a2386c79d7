import type { CaseDetail, RemoteChange, Review, SharedField, SharedWorkspace } from '@shared/api';
import type { CaseRef } from '@shared/hub/remote';
import { maskFieldValue } from '@shared/domain/masking';
import { ApiError } from '@shared/api/errors';
import type { SignedInUser } from '../auth/auth-service';
import type { CaseService } from '../cases/case-service';
import type { ReviewService } from '../review/review-service';

const APPLICANT_LABELS = {
  person: {
    name: '姓名',
    idNumber: '身份证号码',
    phone: '联系电话',
    address: '住址',
    legalRepresentative: '法定代表人',
  },
  enterprise: {
    name: '名称',
    idNumber: '统一社会信用代码',
    phone: '联系电话',
    address: '住所',
    legalRepresentative: '法定代表人',
  },
} as const;

type ApplicantKey = keyof (typeof APPLICANT_LABELS)['person'];
const APPLICANT_KEYS: ApplicantKey[] = [
  'name',
  'idNumber',
  'phone',
  'address',
  'legalRepresentative',
];

/**
 * The local case as a remote session shares it, and the door back into it. What leaves is
 * masked here, on the clerk's own machine: the case service already masks the applicant, and
 * personal fields read off the materials are masked by their type. Unmasked values come only
 * from `reveal`, which the session seals for the consented expert.
 */
export class CaseWorkspace {
  constructor(
    private readonly caseId: number,
    private readonly cases: CaseService,
    private readonly reviews: ReviewService,
  ) {}

  caseRef(): CaseRef {
    const detail = this.cases.get(this.caseId);
    return {
      caseId: detail.id,
      reference: detail.reference,
      matterCode: detail.matter.code,
      matterName: detail.matter.name,
      department: detail.matter.department,
    };
  }

  snapshot(clerk: SignedInUser, currentPoint: string | null): SharedWorkspace {
    const detail = this.cases.get(this.caseId);
    const review = this.reviews.get(this.caseId, clerk);
    const decisions = new Map(review.points.map((point) => [point.code, point.decision]));
    return {
      caseRef: this.caseRef(),
      caseStatus: detail.status,
      applicantKind: detail.applicant.kind,
      fields: [...applicantFields(detail.applicant), ...materialFields(review)],
      materials: detail.materials.map((material) => ({
        code: material.code,
        name: material.name,
        required: material.required,
        state: material.state,
        note: material.note,
      })),
      points: review.points.map((point) => ({
        code: point.code,
        title: point.title,
        materialCode: point.materialCode,
        guidance: point.guidance,
        verdict: decisions.get(point.code)?.verdict ?? null,
        note: decisions.get(point.code)?.note ?? null,
      })),
      currentPoint,
    };
  }

  /** The unmasked value of a personal field, for a consented reveal; null when it has none. */
  reveal(clerk: SignedInUser, key: string): string | null {
    const [scope, first, second] = key.split('.');
    if (scope === 'applicant') {
      const applicant = this.cases.reveal(this.caseId);
      const value = applicant[first as ApplicantKey] as string | null | undefined;
      return typeof value === 'string' ? value : null;
    }
    if (scope === 'material') {
      const material = this.reviews
        .get(this.caseId, clerk)
        .materials.find((candidate) => candidate.code === first);
      const field = material?.fields.find((candidate) => candidate.key === second);
      return field && field.value !== null ? String(field.value) : null;
    }
    return null;
  }

  /** Records an expert's change in the case, as the clerk who accepted it (or granted control). */
  apply(change: RemoteChange, clerk: SignedInUser): void {
    switch (change.kind) {
      case 'field':
        this.reviews.saveFields(
          {
            caseId: this.caseId,
            materialCode: change.materialCode,
            values: { [change.fieldKey]: change.value },
          },
          clerk,
        );
        return;
      case 'material':
        if (change.state === 'to_correct' && change.note === undefined)
          throw new ApiError('INVALID_INPUT', {
            message: { zh: '标记为需补正时须写明补正内容', en: 'Say what must be corrected' },
            path: ['change', 'note'],
          });
        this.cases.setMaterialState(
          {
            caseId: this.caseId,
            materialCode: change.materialCode,
            state: change.state,
            ...(change.note === undefined ? {} : { note: change.note }),
          },
          clerk,
        );
        return;
      case 'decision':
        this.reviews.decide(
          {
            caseId: this.caseId,
            pointCode: change.pointCode,
            verdict: change.verdict,
            ...(change.note === undefined ? {} : { note: change.note }),
          },
          clerk,
        );
        return;
    }
  }
}

function applicantFields(applicant: CaseDetail['applicant']): SharedField[] {
  const labels = APPLICANT_LABELS[applicant.kind];
  return APPLICANT_KEYS.filter(
    (key) =>
      applicant[key] !== null && !(key === 'legalRepresentative' && applicant.kind === 'person'),
  ).map((key) => ({
    key: `applicant.${key}`,
    label: labels[key],
    value: applicant[key],
    // An enterprise's name is public; everything else about the applicant is personal.
    personal: !(key === 'name' && applicant.kind === 'enterprise'),
    revealed: false,
  }));
}

function materialFields(review: Review): SharedField[] {
  return review.materials.flatMap((material) =>
    material.fields.map((field) => ({
      key: `material.${material.code}.${field.key}`,
      label: `${material.name} · ${field.label}`,
      value:
        field.personal && typeof field.value === 'string'
          ? maskFieldValue(field.type, field.value)
          : field.value,
      personal: field.personal,
      revealed: false,
    })),
  );
}
