import {
  ApiError,
  type Citation,
  type CorrectionNotice,
  type FieldValue,
  type KnowledgeHit,
  type ParsedInput,
  type Prefill,
  type Review,
  type ReviewOutcome,
  type ReviewDecision,
  type ReviewPointState,
  type ReviewSuggestion,
} from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import { maskCitizenId, maskFieldValue, maskUscc } from '@shared/domain/masking';
import { CalendarOutOfRangeError, type WorkingDayCalendar } from '@shared/domain/working-days';
import type { MaterialDocument, ReviewPointDocument } from '@shared/knowledge/format';
import type { SignedInUser } from '../auth/auth-service';
import type { CaseRecord, CaseRepository } from '../cases/case-repository';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import { citationOf } from '../knowledge/knowledge-index';
import type { KnowledgeRepository, StoredMatter } from '../knowledge/knowledge-repository';
import type { SettingsStore } from '../settings/settings-store';
import { checkFieldValue } from '@shared/knowledge/field-values';
import { adviceRequest, readAdvice, type AdviceRequest } from './model-advice';
import type { RuleData } from './named-operations';
import type { ModelSuggestionRecord, ReviewRecord, ReviewRepository } from './review-repository';
import type { RuleEvaluator } from './rule-evaluator';

/** The local model as the review needs it: whether it can answer, and a JSON completion. */
export interface ReviewModel {
  readonly ready: boolean;
  readonly modelName: string;
  completeJson(request: AdviceRequest): Promise<{ json: unknown }>;
}

/** Finds knowledge passages for a query, limited to a matter when one is given. */
export type PassageFinder = (query: string, matterCode: string | undefined) => KnowledgeHit[];

/** The law that obliges a hall to list everything missing at once. */
const NOTICE_BASIS = '《中华人民共和国行政许可法》第三十二条';
const PASSAGES_PER_POINT = 3;

/**
 * The guided review of a case: the matter's review points in order, each with the rule's or the
 * model's suggestion and the clerk's decision, concluding in an outcome and, where anything
 * failed, the one-time correction notice.
 */
export class ReviewService {
  /** Passages per matter version and point: retrieval is pure for a given knowledge state. */
  private readonly passageCache = new Map<string, Citation[]>();

  constructor(
    private readonly db: Db,
    private readonly reviews: ReviewRepository,
    private readonly cases: CaseRepository,
    private readonly knowledge: KnowledgeRepository,
    private readonly settings: SettingsStore,
    private readonly evaluator: RuleEvaluator,
    private readonly findPassages: PassageFinder,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar | undefined,
    private readonly model: ReviewModel | undefined,
    private readonly passageText: (citation: Citation) => string,
  ) {}

  /** Knowledge changed (an import): passages must be retrieved again. */
  forgetPassages(): void {
    this.passageCache.clear();
  }

  /**
   * The review as a viewer may see it: clerks and admins, who serve the applicant, see what was
   * read off the materials; other roles see personal fields masked.
   */
  get(caseId: number, viewer: SignedInUser): Review {
    const review = this.current(caseId);
    if (viewer.role === 'clerk' || viewer.role === 'admin') return review;
    return {
      ...review,
      materials: review.materials.map((material) => ({
        ...material,
        fields: material.fields.map((field) =>
          field.personal && typeof field.value === 'string'
            ? { ...field, value: maskFieldValue(field.type, field.value) }
            : field,
        ),
      })),
    };
  }

  private current(caseId: number): Review {
    const { record, matter } = this.caseAndMatter(caseId);
    return this.compose(record, matter, this.reviews.latestReview(caseId));
  }

  start(caseId: number, user: SignedInUser): Review {
    const { record, matter } = this.caseAndMatter(caseId);
    const latest = this.reviews.latestReview(caseId);
    if (latest && latest.outcome === null) return this.compose(record, matter, latest);
    if (latest && latest.outcome !== 'correction') {
      throw new ApiError('CONFLICT', {
        message: {
          zh: '该办件的预审已有结论（可受理或不予受理），不能重新开始',
          en: 'This case’s review is concluded (accepted or rejected) and cannot restart',
        },
        path: ['caseId'],
      });
    }
    const at = this.clock.now().toISOString();
    const round = (latest?.round ?? 0) + 1;
    inTransaction(this.db, () => {
      this.reviews.insertReview(caseId, round, matter.id, user.id, at);
      this.cases.setStatus(caseId, 'reviewing', at);
      this.cases.insertEvent(caseId, {
        actorId: user.id,
        kind: 'review_started',
        data: { round },
        at,
      });
      appendOutbox(this.db, {
        entity: 'review',
        entityId: `${record.reference}/${String(round)}`,
        operation: 'start',
        payload: { reference: record.reference, round, matterVersion: matter.version },
        at,
      });
    });
    return this.current(caseId);
  }

  saveFields(input: ParsedInput<'review.saveFields'>, user: SignedInUser): Review {
    const { record, matter } = this.caseAndMatter(input.caseId);
    const material = matter.document.materials.find((each) => each.code === input.materialCode);
    if (!material) throw new ApiError('NOT_FOUND', { path: ['materialCode'] });
    const values = checkedValues(material, input.values);
    const at = this.clock.now().toISOString();
    inTransaction(this.db, () => {
      for (const [key, value] of Object.entries(values)) {
        this.reviews.saveField(input.caseId, material.code, key, value, user.id, at);
      }
      this.cases.touchCase(input.caseId, at);
      appendOutbox(this.db, {
        entity: 'case_fields',
        entityId: `${record.reference}/${material.code}`,
        operation: 'update',
        payload: { reference: record.reference, materialCode: material.code, values },
        at,
      });
    });
    return this.current(input.caseId);
  }

  /**
   * Pre-fill: for each empty field, the newest value the same applicant gave under the same key
   * in an earlier case (keys are shared across matters: creditCode, operatorName …), and an
   * enterprise's own credit code. Offered to the clerk with its source, never saved here.
   */
  prefill(caseId: number): Prefill {
    const { record, matter } = this.caseAndMatter(caseId);
    const current = this.reviews.fields(caseId);
    const earlier = this.reviews.earlierFieldValues(record.applicantId, caseId);
    const offers: Prefill = [];
    for (const material of matter.document.materials) {
      for (const field of material.fields) {
        if ((current.get(material.code)?.[field.key] ?? null) !== null) continue;
        const found = earlier.find((row) => row.fieldKey === field.key && row.value !== null);
        const ownCode =
          field.type === 'uscc' && record.applicant.kind === 'enterprise'
            ? { value: record.applicant.idNumber, source: '申请人登记信息', at: record.createdAt }
            : undefined;
        const offer = found
          ? { value: found.value, source: found.reference, at: found.at }
          : ownCode;
        if (!offer) continue;
        offers.push({
          materialCode: material.code,
          materialName: material.name,
          fieldKey: field.key,
          label: field.label,
          ...offer,
        });
      }
    }
    return offers;
  }

  decide(input: ParsedInput<'review.decide'>, user: SignedInUser): Review {
    const { record, matter } = this.caseAndMatter(input.caseId);
    const review = this.openReview(input.caseId);
    const point = this.compose(record, matter, review).points.find(
      (each) => each.code === input.pointCode,
    );
    if (!point) throw new ApiError('NOT_FOUND', { path: ['pointCode'] });
    const suggested = point.suggestion?.verdict;
    const overrode = (suggested === 'pass' || suggested === 'fail') && suggested !== input.verdict;
    const note = input.note ?? null;
    if (overrode && note === null) {
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: `与${point.kind === 'rule' ? '规则' : '模型'}的判断不同，请写明理由`,
          en: `You differ from the ${point.kind === 'rule' ? 'rule' : 'model'}; say why in a note`,
        },
        path: ['note'],
      });
    }
    if (input.verdict === 'fail' && point.correction === null && note === null) {
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: '该要点没有预设的补正内容，请写明申请人需要补正什么',
          en: 'This point has no standard correction text; say what the applicant must do',
        },
        path: ['note'],
      });
    }
    const at = this.clock.now().toISOString();
    const passages = point.passages.map(({ entryId, version }) => ({ entryId, version }));
    inTransaction(this.db, () => {
      this.reviews.insertDecision({
        reviewId: review.id,
        pointCode: point.code,
        pointVersion: point.pointVersion,
        matterVersion: matter.version,
        verdict: input.verdict,
        note,
        suggestion: point.suggestion,
        overrode,
        passages,
        userId: user.id,
        at,
      });
      this.cases.touchCase(input.caseId, at);
      appendOutbox(this.db, {
        entity: 'review_decision',
        entityId: `${record.reference}/${String(review.round)}/${point.code}`,
        operation: 'decide',
        payload: {
          reference: record.reference,
          round: review.round,
          pointCode: point.code,
          pointVersion: point.pointVersion,
          matterVersion: matter.version,
          verdict: input.verdict,
          note,
          overrode,
          passages,
          decidedBy: user.username,
        },
        at,
      });
    });
    return this.current(input.caseId);
  }

  /**
   * Asks the local model about one `model` point. Its verdict is recorded as a suggestion only:
   * the clerk confirms or overrides it with a note.
   */
  async suggest(input: ParsedInput<'review.suggest'>): Promise<Review> {
    const { record, matter } = this.caseAndMatter(input.caseId);
    const review = this.openReview(input.caseId);
    const state = this.compose(record, matter, review);
    const point = state.points.find((each) => each.code === input.pointCode);
    if (!point) throw new ApiError('NOT_FOUND', { path: ['pointCode'] });
    if (point.kind !== 'model') {
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: '只有“模型”类要点可以询问本地模型',
          en: 'Only model points are put to the local model',
        },
        path: ['pointCode'],
      });
    }
    if (!this.model?.ready) throw new ApiError('MODEL_UNAVAILABLE');
    const completion = await this.model.completeJson(adviceRequest(state, point, this.passageText));
    const advice = readAdvice(completion.json, point);
    // The review may have moved on while the model was thinking: store only if still open.
    const still = this.reviews.latestReview(input.caseId);
    if (still?.id !== review.id || still.outcome !== null) return this.current(input.caseId);
    inTransaction(this.db, () => {
      this.reviews.insertModelSuggestion(review.id, point.code, {
        ...advice,
        model: this.model?.modelName ?? 'unknown',
        at: this.clock.now().toISOString(),
      });
    });
    return this.current(input.caseId);
  }

  conclude(
    caseId: number,
    user: SignedInUser,
  ): { review: Review; notice: CorrectionNotice | null } {
    const { record, matter } = this.caseAndMatter(caseId);
    const review = this.openReview(caseId);
    const state = this.compose(record, matter, review);
    const outcome = state.suggestedOutcome;
    if (outcome === null) {
      throw new ApiError('CONFLICT', {
        message: {
          zh: `还有 ${String(state.progress.total - state.progress.decided)} 个审查要点未作判断`,
          en: `${String(state.progress.total - state.progress.decided)} review points are still undecided`,
        },
        path: ['caseId'],
      });
    }
    const now = this.clock.now();
    const at = now.toISOString();
    const notice =
      outcome === 'accept' ? null : this.composeNotice(record, matter, state, outcome, user, now);
    inTransaction(this.db, () => {
      this.reviews.concludeReview(review.id, outcome, user.id, at);
      this.cases.setStatus(caseId, caseStatusFor[outcome], at);
      this.cases.insertEvent(caseId, {
        actorId: user.id,
        kind: 'review_concluded',
        data: { round: review.round, outcome, notice: notice?.number ?? null },
        at,
      });
      if (notice) this.reviews.insertNotice(review.id, caseId, notice, user.id, at);
      appendOutbox(this.db, {
        entity: 'review',
        entityId: `${record.reference}/${String(review.round)}`,
        operation: 'conclude',
        payload: { reference: record.reference, round: review.round, outcome, notice },
        at,
      });
    });
    return { review: this.current(caseId), notice };
  }

  notice(caseId: number): CorrectionNotice {
    if (!this.cases.caseById(caseId)) throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    const notice = this.reviews.latestNotice(caseId);
    if (!notice) {
      throw new ApiError('NOT_FOUND', {
        message: { zh: '该办件没有出具过一次性告知书', en: 'No correction notice for this case' },
        path: ['caseId'],
      });
    }
    return notice;
  }

  /** The data rules read (docs/knowledge-format.md §5.1); the review screen shows the same. */
  private ruleData(record: CaseRecord, matter: StoredMatter): Omit<RuleData, symbol> {
    const states = new Map(this.cases.materials(record.id).map((row) => [row.materialCode, row]));
    const fields = this.reviews.fields(record.id);
    const applicant = record.applicant;
    return {
      applicant: {
        ...applicant,
        ...(applicant.kind === 'enterprise' ? { uscc: applicant.idNumber } : {}),
      },
      materials: Object.fromEntries(
        matter.document.materials.map((material) => {
          const state = states.get(material.code)?.state ?? 'pending';
          const values = fields.get(material.code) ?? {};
          return [
            material.code,
            {
              received: state === 'received',
              state,
              fields: Object.fromEntries(
                material.fields.map((field) => [field.key, values[field.key] ?? null]),
              ),
            },
          ];
        }),
      ),
      case: {
        reference: record.reference,
        createdAt: businessDate(new Date(record.createdAt)),
        matterCode: matter.code,
      },
      today: businessDate(this.clock.now()),
    };
  }

  private caseAndMatter(caseId: number): { record: CaseRecord; matter: StoredMatter } {
    const record = this.cases.caseById(caseId);
    if (!record) throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    const matter = this.knowledge.matterById(record.matterId);
    if (!matter) throw new Error(`Case ${String(caseId)} refers to a missing matter`);
    return { record, matter };
  }

  private openReview(caseId: number): ReviewRecord {
    const review = this.reviews.latestReview(caseId);
    if (!review || review.outcome !== null) {
      throw new ApiError('CONFLICT', {
        message: {
          zh: '请先开始预审',
          en: 'Start the review first',
        },
        path: ['caseId'],
      });
    }
    return review;
  }

  private compose(
    record: CaseRecord,
    matter: StoredMatter,
    review: ReviewRecord | undefined,
  ): Review {
    const data = this.ruleData(record, matter);
    const decisions = review
      ? this.reviews.decisions(review.id)
      : new Map<string, ReviewDecision>();
    const modelSuggestions = review
      ? this.reviews.modelSuggestions(review.id)
      : new Map<string, ModelSuggestionRecord>();
    const at = this.clock.now().toISOString();
    const points = orderedPoints(matter).map((point): ReviewPointState => {
      let suggestion: ReviewSuggestion | null = null;
      if (point.kind === 'rule') {
        const result = this.evaluator.evaluate(point.rule, data);
        suggestion = {
          source: 'rule',
          verdict: result.outcome,
          reason:
            result.outcome === 'error'
              ? result.reason
              : result.outcome === 'pass'
                ? { zh: `符合：${point.title}`, en: `Met: ${point.title}` }
                : {
                    zh: `不符合：${point.title}。依据：${point.legalBasis}`,
                    en: `Not met: ${point.title}. Basis: ${point.legalBasis}`,
                  },
          cited: [],
          at,
        };
      } else if (point.kind === 'model') {
        const model = modelSuggestions.get(point.code);
        if (model) {
          suggestion = {
            source: 'model',
            verdict: model.verdict,
            reason: { zh: model.reason, en: model.reason },
            cited: model.cited,
            at: model.at,
          };
        }
      }
      return {
        code: point.code,
        title: point.title,
        kind: point.kind,
        materialCode: point.material ?? null,
        guidance: point.guidance,
        correction: point.correction ?? null,
        legalBasis: point.legalBasis,
        severity: point.severity,
        pointVersion: point.version,
        suggestion,
        decision: decisions.get(point.code) ?? null,
        passages: this.passagesFor(matter, point),
      };
    });
    const decided = points.filter((point) => point.decision !== null).length;
    return {
      caseId: record.id,
      caseReference: record.reference,
      matter: { code: matter.code, name: matter.name, version: matter.version },
      status: !review ? 'not_started' : review.outcome === null ? 'in_progress' : 'concluded',
      round: review?.round ?? 0,
      startedBy: review?.startedBy ?? null,
      startedAt: review?.startedAt ?? null,
      // The same states and values the rules just read, so screen and verdicts cannot disagree.
      materials: matter.document.materials.map((material) => {
        const read = data.materials[material.code];
        return {
          code: material.code,
          name: material.name,
          required: material.required,
          state: read?.state ?? 'pending',
          fields: material.fields.map((field) => ({
            key: field.key,
            label: field.label,
            type: field.type,
            required: field.required,
            personal: field.personal,
            value: read?.fields[field.key] ?? null,
          })),
        };
      }),
      points,
      progress: { decided, total: points.length },
      suggestedOutcome: decided === points.length ? outcomeOf(points) : null,
      outcome: review?.outcome ?? null,
      concludedAt: review?.concludedAt ?? null,
      modelReady: this.model?.ready ?? false,
    };
  }

  private passagesFor(matter: StoredMatter, point: ReviewPointDocument): Citation[] {
    const key = `${String(matter.id)}/${point.code}`;
    const cached = this.passageCache.get(key);
    if (cached) return cached;
    const query = `${point.title} ${point.legalBasis}`;
    const inMatter = this.findPassages(query, matter.code);
    const hits = inMatter.length > 0 ? inMatter : this.findPassages(query, undefined);
    const passages = hits.slice(0, PASSAGES_PER_POINT).map(citationOf);
    this.passageCache.set(key, passages);
    return passages;
  }

  private composeNotice(
    record: CaseRecord,
    matter: StoredMatter,
    review: Review,
    outcome: 'correction' | 'reject',
    user: SignedInUser,
    now: Date,
  ): CorrectionNotice {
    const settings = this.settings.read();
    const issuedOn = businessDate(now);
    const materialNames = new Map(
      matter.document.materials.map((material) => [material.code, material.name]),
    );
    const applicant = record.applicant;
    return {
      number: this.reviews.nextNoticeNumber(issuedOn),
      outcome,
      caseReference: record.reference,
      receivedOn: businessDate(new Date(record.createdAt)),
      round: review.round,
      issuedAt: now.toISOString(),
      issuedOn,
      issuedBy: user.displayName,
      hall: { name: settings.hallName, contact: settings.hallContact },
      applicant: {
        name: applicant.name,
        idMasked:
          applicant.kind === 'person'
            ? maskCitizenId(applicant.idNumber)
            : maskUscc(applicant.idNumber),
      },
      matter: {
        code: matter.code,
        name: matter.name,
        version: matter.version,
        department: matter.department,
        promisedDays: matter.promisedDays,
      },
      items: review.points
        .filter((point) => point.decision?.verdict === 'fail')
        .map((point) => ({
          pointCode: point.code,
          title: point.title,
          material:
            point.materialCode === null ? null : (materialNames.get(point.materialCode) ?? null),
          whatToDo: point.correction ?? point.decision?.note ?? point.title,
          basis: point.legalBasis,
          note: point.correction === null ? null : (point.decision?.note ?? null),
          blocking: point.severity === 'blocking',
        })),
      correctionDays: settings.correctionDays,
      correctionDueBy: this.addWorkingDays(issuedOn, settings.correctionDays),
      noticeBasis: NOTICE_BASIS,
    };
  }

  private addWorkingDays(from: string, days: number): string | null {
    if (!this.calendar) return null;
    try {
      return this.calendar.addWorkingDays(from, days);
    } catch (error) {
      if (error instanceof CalendarOutOfRangeError) return null;
      throw error;
    }
  }
}

const caseStatusFor = {
  accept: 'accepted',
  correction: 'correction',
  reject: 'rejected',
} as const satisfies Record<ReviewOutcome, string>;

/** A blocking failure means the application cannot be accepted; any other failure, a correction. */
function outcomeOf(points: ReviewPointState[]): ReviewOutcome {
  const failed = points.filter((point) => point.decision?.verdict === 'fail');
  if (failed.some((point) => point.severity === 'blocking')) return 'reject';
  return failed.length > 0 ? 'correction' : 'accept';
}

/** Points grouped by material in the matter's material order, then those about the whole case. */
function orderedPoints(matter: StoredMatter): ReviewPointDocument[] {
  const points = matter.document.reviewPoints;
  const materialOrder = new Map(
    matter.document.materials.map((material, index) => [material.code, index]),
  );
  const rank = (point: ReviewPointDocument): number =>
    point.material === undefined
      ? materialOrder.size
      : (materialOrder.get(point.material) ?? materialOrder.size);
  return points
    .map((point, index) => ({ point, index }))
    .sort((a, b) => rank(a.point) - rank(b.point) || a.index - b.index)
    .map(({ point }) => point);
}

/** Values for one material, each checked against its field's type; unknown keys are refused. */
function checkedValues(
  material: MaterialDocument,
  values: Record<string, FieldValue>,
): Record<string, FieldValue> {
  const fields = new Map(material.fields.map((field) => [field.key, field]));
  const checked: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = fields.get(key);
    if (!field) throw new ApiError('INVALID_INPUT', { path: ['values', key] });
    const result = checkFieldValue(field.type, value);
    if (!result.ok) {
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: `${field.label}：${result.problem.zh}`,
          en: `${field.label}: ${result.problem.en}`,
        },
        path: ['values', key],
      });
    }
    checked[key] = result.value;
  }
  return checked;
}
