import {
  ApiError,
  type CaseDetail,
  type CaseRow,
  type KnownApplicant,
  type LocalizedText,
  type ParsedInput,
} from '@shared/api';
import { maskAddress, maskCitizenId, maskName, maskPhone, maskUscc } from '@shared/domain/masking';
import { parseCitizenId } from '@shared/domain/citizen-id';
import { CalendarOutOfRangeError, type WorkingDayCalendar } from '@shared/domain/working-days';
import type { SignedInUser } from '../auth/auth-service';
import { businessDate } from '@shared/domain/business-date';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';
import type { ApplicantSnapshot, CaseEventRecord, CaseRepository } from './case-repository';
import { caseSearchQuery, caseSearchText } from './search-text';

const materialStateNames: Record<string, LocalizedText> = {
  pending: { zh: '待核对', en: 'to check' },
  received: { zh: '已收取', en: 'received' },
  missing: { zh: '缺失', en: 'missing' },
  to_correct: { zh: '需补正', en: 'to be corrected' },
};

/** Opening cases for applicants and keeping their materials checklist and history. */
export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly cases: CaseRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar | undefined,
  ) {}

  create(input: ParsedInput<'cases.create'>, user: SignedInUser): CaseDetail {
    const now = this.clock.now();
    const matter = this.knowledge.matterById(input.matterId);
    if (!matter) throw new ApiError('NOT_FOUND', { path: ['matterId'] });
    if (!this.knowledge.isInEffect(matter.id, businessDate(now))) {
      throw new ApiError('CONFLICT', {
        message: {
          zh: '该事项版本已被更新或尚未生效，请重新选择事项',
          en: 'This matter version is superseded or not yet in effect; choose the matter again',
        },
        path: ['matterId'],
      });
    }
    if (matter.subjectKind !== 'both' && matter.subjectKind !== input.applicant.kind) {
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: `“${matter.name}”只受理${matter.subjectKind === 'person' ? '个人' : '企业'}申请`,
          en: `"${matter.name}" is only for ${matter.subjectKind === 'person' ? 'persons' : 'enterprises'}`,
        },
        path: ['applicant', 'kind'],
      });
    }
    const applicant = input.applicant;
    const at = now.toISOString();
    const snapshot: ApplicantSnapshot =
      applicant.kind === 'person'
        ? {
            kind: 'person',
            idNumber: applicant.idNumber,
            name: applicant.name,
            phone: applicant.phone,
            legalRepresentative: null,
            address: applicant.address ?? null,
          }
        : {
            kind: 'enterprise',
            idNumber: applicant.uscc,
            name: applicant.name,
            phone: applicant.phone ?? null,
            legalRepresentative: applicant.legalRepresentative,
            address: applicant.address,
          };
    const caseId = inTransaction(this.db, () => {
      const applicantId = this.cases.upsertApplicant(snapshot, at);
      const reference = this.cases.nextReference(businessDate(now));
      const id = this.cases.insertCase({
        reference,
        matterId: matter.id,
        applicantId,
        applicant: snapshot,
        note: input.note ?? null,
        createdBy: user.id,
        at,
      });
      this.cases.insertMaterials(
        id,
        matter.document.materials.map((material) => material.code),
        at,
      );
      this.cases.insertEvent(id, {
        actorId: user.id,
        kind: 'created',
        data: { matterCode: matter.code, matterVersion: matter.version },
        at,
      });
      this.cases.indexForSearch(
        id,
        caseSearchText([reference, applicant.name, matter.name, matter.code]),
      );
      appendOutbox(this.db, {
        entity: 'case',
        entityId: reference,
        operation: 'create',
        payload: {
          reference,
          matterCode: matter.code,
          matterVersion: matter.version,
          applicant: snapshot,
        },
        at,
      });
      return id;
    });
    return this.get(caseId);
  }

  /** What the hall knows of an applicant seen before: offered on a new case, never applied. */
  lookupApplicant(input: ParsedInput<'applicants.lookup'>): KnownApplicant {
    const given = input.idNumber.toUpperCase();
    const parsed = input.kind === 'person' ? parseCitizenId(given) : undefined;
    const idNumber = parsed?.ok ? parsed.value : given;
    const known = this.cases.knownApplicant(input.kind, idNumber);
    if (!known) return { known: false, applicant: null, caseCount: 0, lastCaseAt: null };
    return {
      known: true,
      applicant: {
        name: known.name,
        phone: known.phone,
        address: known.address,
        legalRepresentative: known.legalRepresentative,
      },
      caseCount: known.caseCount,
      lastCaseAt: known.lastCaseAt,
    };
  }

  suggestAddresses(input: ParsedInput<'addresses.suggest'>): string[] {
    return this.cases.frequentAddresses(input.query, input.limit);
  }

  list(input: ParsedInput<'cases.list'>): { total: number; rows: CaseRow[] } {
    const { total, rows } = this.cases.list(input, caseSearchQuery(input.query));
    return {
      total,
      rows: rows.map(({ applicantIdNumber, ...row }) => ({
        ...row,
        applicantName: maskName(row.applicantName),
        applicantIdMasked:
          row.applicantKind === 'person'
            ? maskCitizenId(applicantIdNumber)
            : maskUscc(applicantIdNumber),
      })),
    };
  }

  /**
   * One case, its applicant's personal data masked for every role: a screen over a clerk's
   * shoulder in a public hall shows no full ID number. `reveal` shows it, and is audited.
   */
  get(id: number): CaseDetail {
    const detail = this.detail(id);
    return { ...detail, applicant: maskApplicant(detail.applicant) };
  }

  /** The applicant in full; the dispatcher writes the reveal to the audit trail first. */
  reveal(id: number): CaseDetail['applicant'] {
    return this.detail(id).applicant;
  }

  private detail(id: number): CaseDetail {
    const record = this.cases.caseById(id);
    if (!record) throw new ApiError('NOT_FOUND', { path: ['id'] });
    const matter = this.knowledge.matterById(record.matterId);
    if (!matter) throw new Error(`Case ${id} refers to a missing matter`);
    const states = new Map(
      this.cases.materials(id).map((material) => [material.materialCode, material]),
    );
    return {
      id: record.id,
      reference: record.reference,
      status: record.status,
      note: record.note,
      matter: {
        id: matter.id,
        code: matter.code,
        name: matter.name,
        version: matter.version,
        department: matter.department,
        promisedDays: matter.promisedDays,
      },
      applicant: { id: record.applicantId, ...record.applicant },
      deadline: this.deadline(businessDate(new Date(record.createdAt)), matter.promisedDays),
      materials: matter.document.materials.map((material) => {
        const state = states.get(material.code);
        return {
          code: material.code,
          name: material.name,
          required: material.required,
          form: material.form,
          copies: material.copies,
          notes: material.notes ?? null,
          state: state?.state ?? 'pending',
          note: state?.note ?? null,
          updatedAt: state?.updatedAt ?? record.createdAt,
          updatedBy: state?.updatedBy ?? null,
        };
      }),
      events: this.cases.events(id).map((event) => ({
        id: event.id,
        at: event.at,
        actor: event.actor,
        kind: event.kind,
        summary: describeEvent(event, matter.document.materials),
      })),
      createdBy: record.createdByName,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  private deadline(from: string, promisedDays: number): CaseDetail['deadline'] {
    if (!this.calendar) {
      return {
        from,
        dueBy: null,
        unknownReason: {
          zh: '节假日安排数据无法读取',
          en: 'The holiday calendar could not be read',
        },
      };
    }
    try {
      return { from, dueBy: this.calendar.addWorkingDays(from, promisedDays), unknownReason: null };
    } catch (error) {
      if (!(error instanceof CalendarOutOfRangeError)) throw error;
      return { from, dueBy: null, unknownReason: error.localized };
    }
  }

  /** 办结: an accepted case is completed (the decision issued); walks time it from here. */
  complete(input: ParsedInput<'cases.complete'>, user: SignedInUser): CaseDetail {
    const record = this.cases.caseById(input.caseId);
    if (!record) throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    if (record.status !== 'accepted')
      throw new ApiError('CONFLICT', {
        message: {
          zh: '只有已受理的办件可以办结',
          en: 'Only an accepted case can be completed',
        },
        path: ['caseId'],
      });
    const at = this.clock.now().toISOString();
    const note = input.note ?? null;
    inTransaction(this.db, () => {
      this.cases.setStatus(input.caseId, 'completed', at);
      this.cases.insertEvent(input.caseId, {
        actorId: user.id,
        kind: 'completed',
        data: { note },
        at,
      });
      appendOutbox(this.db, {
        entity: 'case',
        entityId: record.reference,
        operation: 'complete',
        payload: { reference: record.reference, note },
        at,
      });
    });
    return this.get(input.caseId);
  }

  setMaterialState(input: ParsedInput<'cases.setMaterialState'>, user: SignedInUser): CaseDetail {
    const record = this.cases.caseById(input.caseId);
    if (!record) throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    const at = this.clock.now().toISOString();
    inTransaction(this.db, () => {
      const note = input.note ?? null;
      const changed = this.cases.setMaterialState(input.caseId, input.materialCode, {
        state: input.state,
        note,
        userId: user.id,
        at,
      });
      if (!changed) throw new ApiError('NOT_FOUND', { path: ['materialCode'] });
      this.cases.touchCase(input.caseId, at);
      this.cases.insertEvent(input.caseId, {
        actorId: user.id,
        kind: 'material_state',
        data: { materialCode: input.materialCode, state: input.state, note },
        at,
      });
      appendOutbox(this.db, {
        entity: 'case_material',
        entityId: `${record.reference}/${input.materialCode}`,
        operation: 'update',
        payload: {
          reference: record.reference,
          materialCode: input.materialCode,
          state: input.state,
          note,
        },
        at,
      });
    });
    return this.get(input.caseId);
  }
}

function maskApplicant(applicant: CaseDetail['applicant']): CaseDetail['applicant'] {
  const person = applicant.kind === 'person';
  return {
    ...applicant,
    name: person ? maskName(applicant.name) : applicant.name,
    idNumber: person ? maskCitizenId(applicant.idNumber) : maskUscc(applicant.idNumber),
    phone: applicant.phone === null ? null : maskPhone(applicant.phone),
    legalRepresentative:
      applicant.legalRepresentative === null ? null : maskName(applicant.legalRepresentative),
    address: applicant.address === null ? null : maskAddress(applicant.address),
  };
}

function describeEvent(
  event: CaseEventRecord,
  materials: { code: string; name: string }[],
): LocalizedText {
  const data = event.data;
  if (event.kind === 'created') {
    return {
      zh: `创建办件（事项第 ${String(data.matterVersion)} 版）`,
      en: `Case opened (matter version ${String(data.matterVersion)})`,
    };
  }
  if (event.kind === 'material_state') {
    const name =
      materials.find((material) => material.code === data.materialCode)?.name ??
      String(data.materialCode);
    const state = materialStateNames[String(data.state)] ?? {
      zh: String(data.state),
      en: String(data.state),
    };
    const note = typeof data.note === 'string' ? data.note : '';
    return {
      zh: `${name}：${state.zh}${note ? `（${note}）` : ''}`,
      en: `${name}: ${state.en}${note ? ` (${note})` : ''}`,
    };
  }
  if (event.kind === 'review_started') {
    return {
      zh: `开始第 ${String(data.round)} 轮预审`,
      en: `Review round ${String(data.round)} started`,
    };
  }
  if (event.kind === 'review_concluded') {
    const outcomes: Record<string, LocalizedText> = {
      accept: { zh: '予以受理', en: 'accepted' },
      correction: { zh: '需补正', en: 'correction needed' },
      reject: { zh: '不予受理', en: 'refused' },
    };
    const outcome = outcomes[String(data.outcome)] ?? {
      zh: String(data.outcome),
      en: String(data.outcome),
    };
    const notice = typeof data.notice === 'string' ? data.notice : '';
    return {
      zh: `第 ${String(data.round)} 轮预审结论：${outcome.zh}${notice ? `（告知书 ${notice}）` : ''}`,
      en: `Review round ${String(data.round)}: ${outcome.en}${notice ? ` (notice ${notice})` : ''}`,
    };
  }
  if (event.kind === 'completed') {
    const note = typeof data.note === 'string' ? data.note : '';
    return { zh: `办结${note ? `（${note}）` : ''}`, en: `Completed${note ? ` (${note})` : ''}` };
  }
  return { zh: event.kind, en: event.kind };
}
