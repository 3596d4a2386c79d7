import { randomUUID } from 'node:crypto';
import {
  ApiError,
  type FindingCategory,
  type LocalizedText,
  type ParsedInput,
  type WalkDetail,
  type WalkStage,
  type WalkStageRecord,
  type WalkSummaryRow,
} from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import { walkYear } from '@shared/domain/walk-coverage';
import type { SignedInUser } from '../auth/auth-service';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';
import type { FindingService } from './finding-service';
import { categoryNames, stageNames } from './walk-labels';
import { caseStageEdges, effectiveStages, runningStage, transitionsOf } from './stage-times';
import { catalogueByCode, type UnitService } from './unit-service';
import type { StoredStage, WalkRecord, WalkRepository } from './walk-repository';

/**
 * A leader's walk through the six stages of a matter with an applicant: planned, started, timed
 * stage by stage (or from a linked case), paused and resumed, finished with the applicant's
 * feedback and then locked, so later words are appended notes, never edits.
 */
export class WalkService {
  constructor(
    private readonly db: Db,
    private readonly walks: WalkRepository,
    private readonly units: UnitService,
    private readonly findings: FindingService,
    private readonly knowledge: KnowledgeRepository,
    private readonly clock: Clock,
  ) {}

  list(input: ParsedInput<'walks.list'>, user: SignedInUser): WalkSummaryRow[] {
    return this.walks
      .list({ ...input, leaderId: input.mine ? user.id : input.leaderId }, this.today())
      .map(toSummary);
  }

  get(walkId: number): WalkDetail {
    const walk = this.record(walkId);
    const stages = this.stagesOf(walk);
    const findings = this.findings.list({ walkId });
    return {
      ...toSummary(walk),
      stages,
      feedback:
        walk.feedbackSatisfaction === null
          ? null
          : { satisfaction: walk.feedbackSatisfaction, comment: walk.feedbackComment },
      leaderRating: walk.leaderRating,
      summary: walk.summary,
      summaryReviewedBy: walk.summaryReviewedBy,
      findings,
      rectifications: this.findings.rectificationsOfWalk(walkId),
      notes: this.walks.notes(walkId),
      events: this.walks.events(walkId).map((event) => ({
        id: event.id,
        at: event.at,
        actor: event.actor,
        kind: event.kind,
        summary: describeEvent(event.kind, event.data),
      })),
      runningStage: walk.status === 'finished' ? null : runningStage(stages),
    };
  }

  schedule(input: ParsedInput<'walks.schedule'>, user: SignedInUser): WalkDetail {
    const leaderId = input.leaderId ?? user.id;
    if (user.role === 'leader' && leaderId !== user.id)
      throw new ApiError('FORBIDDEN', {
        message: { zh: '领导只能为自己安排走流程', en: 'Leaders schedule their own walks' },
        path: ['leaderId'],
      });
    this.requireTeamMember(
      input.unitId,
      leaderId,
      input.leaderId === undefined ? 'unitId' : 'leaderId',
    );
    const matterName = this.matterName(input.matterCode);
    if (input.plannedDate < this.today())
      throw new ApiError('INVALID_INPUT', {
        message: { zh: '计划日期不能早于今天', en: 'The planned day cannot be in the past' },
        path: ['plannedDate'],
      });
    const at = this.now();
    const id = inTransaction(this.db, () => {
      const walkId = this.walks.insert({
        uid: randomUUID(),
        unitId: input.unitId,
        leaderId,
        matterCode: input.matterCode,
        matterName,
        hall: input.hall,
        caseId: null,
        status: 'scheduled',
        plannedDate: input.plannedDate,
        startedAt: null,
        year: walkYear({ startedAt: null, plannedDate: input.plannedDate }),
        createdBy: user.id,
        at,
      });
      this.walks.insertEvent(walkId, {
        actorId: user.id,
        kind: 'scheduled',
        data: { plannedDate: input.plannedDate, hall: input.hall },
        at,
      });
      this.share(walkId, 'schedule', at);
      return walkId;
    });
    return this.get(id);
  }

  cancel(walkId: number, user: SignedInUser): WalkDetail {
    const walk = this.record(walkId);
    if (user.role === 'leader') this.requireOwnWalk(walk, user);
    if (walk.status !== 'scheduled')
      throw conflict('只能取消尚未开始的走流程', 'Only a walk not yet started can be cancelled');
    return this.transition(walk, user, 'cancelled', 'cancelled');
  }

  start(input: ParsedInput<'walks.start'>, user: SignedInUser): WalkDetail {
    const now = this.now();
    const caseId = input.caseId;
    if (input.walkId !== undefined) {
      const walk = this.record(input.walkId);
      this.requireOwnWalk(walk, user);
      if (walk.status !== 'scheduled')
        throw conflict('该走流程已经开始或已结束', 'This walk has already started or ended');
      if (caseId !== undefined) this.requireCaseOfMatter(caseId, walk.matterCode);
      inTransaction(this.db, () => {
        this.walks.setStatus(walk.id, 'in_progress', now, {
          startedAt: now,
          year: walkYear({ startedAt: now, plannedDate: null }),
          ...(caseId !== undefined && { caseId }),
        });
        this.walks.insertEvent(walk.id, {
          actorId: user.id,
          kind: 'started',
          data: { caseId: caseId ?? null },
          at: now,
        });
        this.share(walk.id, 'start', now);
      });
      return this.get(walk.id);
    }
    // The schema requires these three when no scheduled walk is named.
    const unitId = input.unitId ?? 0;
    const matterCode = input.matterCode ?? '';
    this.requireTeamMember(unitId, user.id, 'unitId');
    const matterName = this.matterName(matterCode);
    if (caseId !== undefined) this.requireCaseOfMatter(caseId, matterCode);
    const id = inTransaction(this.db, () => {
      const walkId = this.walks.insert({
        uid: randomUUID(),
        unitId,
        leaderId: user.id,
        matterCode,
        matterName,
        hall: input.hall ?? '',
        caseId: caseId ?? null,
        status: 'in_progress',
        plannedDate: null,
        startedAt: now,
        year: walkYear({ startedAt: now, plannedDate: null }),
        createdBy: user.id,
        at: now,
      });
      this.walks.insertEvent(walkId, {
        actorId: user.id,
        kind: 'started',
        data: { caseId: caseId ?? null },
        at: now,
      });
      this.share(walkId, 'start', now);
      return walkId;
    });
    return this.get(id);
  }

  /** The one-tap timer. Starting a stage ends the one the timer was running. */
  timeStage(input: ParsedInput<'walks.timeStage'>, user: SignedInUser): WalkDetail {
    const walk = this.underWay(input.walkId, user);
    const stages = this.stagesOf(walk);
    const target = stageOf(stages, input.stage);
    const stored = this.storedStages(walk.id);
    const at = this.now();
    inTransaction(this.db, () => {
      if (input.edge === 'start') {
        if (target.startedAt !== null)
          throw conflict(
            `“${stageNames[input.stage].zh}”已开始`,
            `${stageNames[input.stage].en} has already started`,
          );
        const running = runningStage(stages);
        const runningRow = running && stored.get(running);
        if (running && runningRow?.startSource === 'timer' && runningRow.endedAt === null) {
          this.walks.saveStage({ ...runningRow, endedAt: at, endSource: 'timer' });
        }
        this.walks.saveStage({
          ...(stored.get(input.stage) ?? emptyStage(walk.id, input.stage)),
          startedAt: at,
          startSource: 'timer',
        });
      } else {
        if (target.startedAt === null)
          throw conflict(
            `“${stageNames[input.stage].zh}”尚未开始`,
            `${stageNames[input.stage].en} has not started`,
          );
        if (target.endedAt !== null)
          throw conflict(
            `“${stageNames[input.stage].zh}”已结束`,
            `${stageNames[input.stage].en} has already ended`,
          );
        this.walks.saveStage({
          ...(stored.get(input.stage) ?? emptyStage(walk.id, input.stage)),
          endedAt: at,
          endSource: 'timer',
        });
      }
      this.walks.touch(walk.id, at);
      this.walks.insertEvent(walk.id, {
        actorId: user.id,
        kind: input.edge === 'start' ? 'stage_started' : 'stage_ended',
        data: { stage: input.stage },
        at,
      });
      this.share(walk.id, 'time', at);
    });
    return this.get(walk.id);
  }

  editStage(input: ParsedInput<'walks.editStage'>, user: SignedInUser): WalkDetail {
    const walk = this.underWay(input.walkId, user);
    const before = stageOf(this.stagesOf(walk), input.stage);
    const stored = this.storedStages(walk.id).get(input.stage) ?? emptyStage(walk.id, input.stage);
    const next: StoredStage = { ...stored };
    const changes: Record<string, unknown> = {};
    if (input.startedAt !== undefined) {
      const value = input.startedAt === null ? null : new Date(input.startedAt).toISOString();
      next.startedAt = value;
      next.startSource = 'edited';
      changes.startedAt = { from: before.startedAt, to: value };
    }
    if (input.endedAt !== undefined) {
      const value = input.endedAt === null ? null : new Date(input.endedAt).toISOString();
      next.endedAt = value;
      next.endSource = 'edited';
      changes.endedAt = { from: before.endedAt, to: value };
    }
    if (input.channel !== undefined) next.channel = input.channel;
    if (input.observations !== undefined) next.observations = input.observations || null;
    if (input.rating !== undefined) next.rating = input.rating;
    const after = stageOf(effectiveStages([next], this.caseEdges(walk)), input.stage);
    const now = Date.parse(this.now());
    if (after.startedAt === null && after.endedAt !== null)
      throw new ApiError('INVALID_INPUT', {
        message: { zh: '有结束时间的环节须有开始时间', en: 'A stage with an end needs a start' },
        path: ['startedAt'],
      });
    if (
      after.startedAt !== null &&
      after.endedAt !== null &&
      Date.parse(after.endedAt) < Date.parse(after.startedAt)
    )
      throw new ApiError('INVALID_INPUT', {
        message: { zh: '结束时间不能早于开始时间', en: 'The end cannot be before the start' },
        path: ['endedAt'],
      });
    for (const [field, value] of [
      ['startedAt', after.startedAt],
      ['endedAt', after.endedAt],
    ] as const) {
      if (value !== null && Date.parse(value) > now + 60_000)
        throw new ApiError('INVALID_INPUT', {
          message: { zh: '时间不能晚于现在', en: 'The time cannot be in the future' },
          path: [field],
        });
    }
    const at = this.now();
    inTransaction(this.db, () => {
      this.walks.saveStage(next);
      this.walks.touch(walk.id, at);
      this.walks.insertEvent(walk.id, {
        actorId: user.id,
        kind: Object.keys(changes).length > 0 ? 'stage_times_edited' : 'stage_noted',
        data: { stage: input.stage, ...changes, reason: input.reason ?? null },
        at,
      });
      this.share(walk.id, 'edit', at);
    });
    return this.get(walk.id);
  }

  pause(walkId: number, user: SignedInUser): WalkDetail {
    const walk = this.record(walkId);
    this.requireOwnWalk(walk, user);
    if (walk.status !== 'in_progress')
      throw conflict('只有进行中的走流程可以暂停', 'Only a walk under way can be paused');
    return this.transition(walk, user, 'paused', 'paused');
  }

  resume(walkId: number, user: SignedInUser): WalkDetail {
    const walk = this.record(walkId);
    this.requireOwnWalk(walk, user);
    if (walk.status !== 'paused')
      throw conflict('只有已暂停的走流程可以继续', 'Only a paused walk can be resumed');
    return this.transition(walk, user, 'in_progress', 'resumed');
  }

  finish(input: ParsedInput<'walks.finish'>, user: SignedInUser): WalkDetail {
    const walk = this.record(input.walkId);
    this.requireOwnWalk(walk, user);
    if (walk.status !== 'in_progress' && walk.status !== 'paused')
      throw conflict('只有进行中或已暂停的走流程可以结束', 'Only a walk under way can be finished');
    const stages = this.stagesOf(walk);
    const open = stages.filter((stage) => stage.startedAt !== null && stage.endedAt === null);
    if (open.length > 0)
      throw conflict(
        `还有环节未结束：${open.map((stage) => stageNames[stage.stage].zh).join('、')}`,
        `Stages still open: ${open.map((stage) => stageNames[stage.stage].en).join(', ')}`,
      );
    if (!stages.some((stage) => stage.durationMinutes !== null))
      throw conflict('至少记录一个环节的起止时间后才能结束', 'Time at least one stage first');
    const at = this.now();
    inTransaction(this.db, () => {
      this.walks.setOutcome(walk.id, {
        leaderRating: input.leaderRating,
        feedback:
          input.feedback === null
            ? null
            : {
                satisfaction: input.feedback.satisfaction,
                comment: input.feedback.comment ?? null,
              },
      });
      this.walks.setStatus(walk.id, 'finished', at, { finishedAt: at });
      this.walks.insertEvent(walk.id, {
        actorId: user.id,
        kind: 'finished',
        data: { satisfaction: input.feedback?.satisfaction ?? null },
        at,
      });
      this.share(walk.id, 'finish', at);
    });
    return this.get(walk.id);
  }

  /** The one change a finished walk takes: an appended note, marked as written afterwards. */
  addNote(input: ParsedInput<'walks.addNote'>, user: SignedInUser): WalkDetail {
    const walk = this.record(input.walkId);
    if (user.role !== 'admin') this.requireOwnWalk(walk, user);
    if (walk.status === 'cancelled')
      throw conflict('已取消的走流程不能添加说明', 'A cancelled walk takes no notes');
    const at = this.now();
    inTransaction(this.db, () => {
      this.walks.insertNote(walk.id, {
        text: input.text,
        afterFinish: walk.status === 'finished',
        authorId: user.id,
        at,
      });
      this.walks.insertEvent(walk.id, {
        actorId: user.id,
        kind: walk.status === 'finished' ? 'note_after_finish' : 'note_added',
        data: {},
        at,
      });
      this.walks.touch(walk.id, at);
      this.share(walk.id, 'note', at, { note: input.text, author: user.username });
    });
    return this.get(walk.id);
  }

  addFinding(input: ParsedInput<'walks.addFinding'>, user: SignedInUser): WalkDetail {
    const walk = this.record(input.walkId);
    this.requireOwnWalk(walk, user);
    if (walk.status !== 'in_progress' && walk.status !== 'paused')
      throw conflict(
        '只能在进行中的走流程上记录问题；已结束的请追加补充说明',
        'Findings are recorded during a walk; add a note to a finished one',
      );
    const at = this.now();
    this.findings.raise({
      walkId: walk.id,
      unitId: walk.unitId,
      matterCode: walk.matterCode,
      matterName: walk.matterName,
      stage: input.stage,
      category: input.category,
      severity: input.severity,
      description: input.description,
      recurringOfId: input.recurringOfId,
      leaderId: user.id,
      year: walk.year,
      alsoInTransaction: () => {
        this.walks.insertEvent(walk.id, {
          actorId: user.id,
          kind: 'finding_added',
          data: { stage: input.stage, category: input.category },
          at,
        });
      },
    });
    return this.get(walk.id);
  }

  saveSummary(input: ParsedInput<'walks.saveSummary'>, user: SignedInUser): WalkDetail {
    const walk = this.record(input.walkId);
    this.requireOwnWalk(walk, user);
    const at = this.now();
    inTransaction(this.db, () => {
      this.walks.setSummary(walk.id, input.text, user.id, at);
      this.walks.insertEvent(walk.id, { actorId: user.id, kind: 'summary_saved', data: {}, at });
      this.share(walk.id, 'summary', at);
    });
    return this.get(walk.id);
  }

  /**
   * The retention purge removes a case: walks linked to it keep the stage times it gave them
   * (marked as from the case) and lose the link. Runs inside the purge's transaction.
   */
  releaseCase(caseId: number): void {
    for (const walkId of this.walks.walksOfCase(caseId)) {
      const walk = this.record(walkId);
      const stored = this.storedStages(walkId);
      for (const stage of this.stagesOf(walk)) {
        if (stage.startSource !== 'case' && stage.endSource !== 'case') continue;
        const row = stored.get(stage.stage) ?? emptyStage(walkId, stage.stage);
        this.walks.saveStage({
          ...row,
          ...(stage.startSource === 'case' && { startedAt: stage.startedAt, startSource: 'case' }),
          ...(stage.endSource === 'case' && { endedAt: stage.endedAt, endSource: 'case' }),
        });
      }
      this.walks.unlinkCase(walkId);
      this.share(walkId, 'unlinkCase', this.now());
    }
  }

  /** The walk's row; who may see or change it is the caller's check. */
  record(walkId: number): WalkRecord {
    const walk = this.walks.byId(walkId, this.today());
    if (!walk) throw new ApiError('NOT_FOUND', { path: ['walkId'] });
    return walk;
  }

  stagesOf(walk: WalkRecord): WalkStageRecord[] {
    return effectiveStages(this.walks.stages([walk.id]), this.caseEdges(walk));
  }

  private caseEdges(walk: WalkRecord): ReturnType<typeof caseStageEdges> | undefined {
    if (walk.caseId === null) return undefined;
    const rows = this.walks.caseTransitions([walk.caseId]);
    const createdAt = rows[0]?.createdAt;
    if (createdAt === undefined) return undefined;
    return caseStageEdges(createdAt, transitionsOf(rows));
  }

  private storedStages(walkId: number): Map<WalkStage, StoredStage> {
    return new Map(this.walks.stages([walkId]).map((stage) => [stage.stage, stage]));
  }

  private underWay(walkId: number, user: SignedInUser): WalkRecord {
    const walk = this.record(walkId);
    this.requireOwnWalk(walk, user);
    if (walk.status === 'paused')
      throw conflict('走流程已暂停，请先继续', 'The walk is paused: resume it first');
    if (walk.status === 'finished')
      throw conflict(
        '走流程已结束并锁定，只能追加补充说明',
        'The walk is finished and locked; add a note instead',
      );
    if (walk.status !== 'in_progress') throw conflict('走流程尚未开始', 'The walk has not started');
    return walk;
  }

  private transition(
    walk: WalkRecord,
    user: SignedInUser,
    status: 'paused' | 'in_progress' | 'cancelled',
    kind: string,
  ): WalkDetail {
    const at = this.now();
    inTransaction(this.db, () => {
      this.walks.setStatus(walk.id, status, at);
      this.walks.insertEvent(walk.id, { actorId: user.id, kind, data: {}, at });
      this.share(walk.id, kind, at);
    });
    return this.get(walk.id);
  }

  private requireOwnWalk(walk: WalkRecord, user: SignedInUser): void {
    if (walk.leaderId !== user.id)
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: `这是${walk.leaderName}的走流程，只有本人可以操作`,
          en: `This is ${walk.leaderName}'s walk; only they may change it`,
        },
        path: ['walkId'],
      });
  }

  private requireTeamMember(unitId: number, userId: number, field: string): void {
    const unit = this.units.record(unitId);
    if (!this.units.isLeader(unitId, userId))
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: `不在“${unit.name}”的领导班子名单中，请管理员先在“单位与领导”中添加`,
          en: `Not on the leadership team of ${unit.name}; an admin adds them under Units`,
        },
        path: [field],
      });
  }

  private requireCaseOfMatter(caseId: number, matterCode: string): void {
    const found = this.walks.caseMatter(caseId);
    if (!found) throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    if (found.matterCode !== matterCode)
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: `办件 ${found.reference} 不是该事项的办件`,
          en: `Case ${found.reference} is of another matter`,
        },
        path: ['caseId'],
      });
  }

  private matterName(code: string): string {
    const matter = catalogueByCode(this.knowledge, this.clock).get(code);
    if (!matter)
      throw new ApiError('NOT_FOUND', {
        message: { zh: '事项目录中没有该事项', en: 'No such matter in the catalogue' },
        path: ['matterCode'],
      });
    return matter.name;
  }

  /** The walk as the hub will know it (uids and usernames, never local ids). */
  private share(walkId: number, operation: string, at: string, extra: object = {}): void {
    const walk = this.walks.byId(walkId, this.today());
    if (!walk) return;
    appendOutbox(this.db, {
      entity: 'walk',
      entityId: walk.uid,
      operation,
      payload: {
        uid: walk.uid,
        unit: walk.unitName,
        leader: walk.leaderUsername,
        matterCode: walk.matterCode,
        hall: walk.hall,
        case: walk.caseReference,
        status: walk.status,
        plannedDate: walk.plannedDate,
        startedAt: walk.startedAt,
        finishedAt: walk.finishedAt,
        leaderRating: walk.leaderRating,
        feedback: { satisfaction: walk.feedbackSatisfaction, comment: walk.feedbackComment },
        summary: walk.summary,
        stages: this.stagesOf(walk),
        ...extra,
      },
      at,
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private today(): string {
    return businessDate(this.clock.now());
  }
}

function toSummary(walk: WalkRecord): WalkSummaryRow {
  return {
    id: walk.id,
    uid: walk.uid,
    status: walk.status,
    unitId: walk.unitId,
    unitName: walk.unitName,
    leaderId: walk.leaderId,
    leaderName: walk.leaderName,
    matterCode: walk.matterCode,
    matterName: walk.matterName,
    hall: walk.hall,
    plannedDate: walk.plannedDate,
    startedAt: walk.startedAt,
    finishedAt: walk.finishedAt,
    caseId: walk.caseId,
    caseReference: walk.caseReference,
    findingCount: walk.findingCount,
    openRectifications: walk.openRectifications,
    overdueRectifications: walk.overdueRectifications,
  };
}

function stageOf(stages: readonly WalkStageRecord[], stage: WalkStage): WalkStageRecord {
  const found = stages.find((each) => each.stage === stage);
  if (!found) throw new Error(`Stage ${stage} missing`);
  return found;
}

function emptyStage(walkId: number, stage: WalkStage): StoredStage {
  return {
    walkId,
    stage,
    startedAt: null,
    endedAt: null,
    startSource: null,
    endSource: null,
    channel: null,
    observations: null,
    rating: null,
  };
}

function conflict(zh: string, en: string): ApiError {
  return new ApiError('CONFLICT', { message: { zh, en } });
}

const eventNames: Record<string, LocalizedText> = {
  scheduled: { zh: '安排走流程', en: 'Scheduled' },
  started: { zh: '开始走流程', en: 'Started' },
  paused: { zh: '暂停', en: 'Paused' },
  resumed: { zh: '继续', en: 'Resumed' },
  finished: { zh: '结束走流程', en: 'Finished' },
  cancelled: { zh: '取消', en: 'Cancelled' },
  summary_saved: { zh: '保存报告摘要', en: 'Report summary saved' },
  note_added: { zh: '添加备注', en: 'Note added' },
  note_after_finish: { zh: '结束后追加补充说明', en: 'Note added after finishing' },
};

function describeEvent(kind: string, data: Record<string, unknown>): LocalizedText {
  const stage = stageNames[data.stage as WalkStage] as LocalizedText | undefined;
  if (kind === 'stage_started' && stage)
    return { zh: `${stage.zh}开始`, en: `${stage.en} started` };
  if (kind === 'stage_ended' && stage) return { zh: `${stage.zh}结束`, en: `${stage.en} ended` };
  if (kind === 'stage_times_edited' && stage) {
    const reason = typeof data.reason === 'string' ? data.reason : '';
    return {
      zh: `修改${stage.zh}时间（原因：${reason}）`,
      en: `${stage.en} times changed (reason: ${reason})`,
    };
  }
  if (kind === 'stage_noted' && stage)
    return { zh: `记录${stage.zh}情况`, en: `${stage.en} notes recorded` };
  if (kind === 'finding_added') {
    const category = categoryNames[data.category as FindingCategory] as LocalizedText | undefined;
    return {
      zh: `记录问题：${category?.zh ?? ''}${stage ? `（${stage.zh}环节）` : ''}`,
      en: `Finding: ${category?.en ?? ''}${stage ? ` (${stage.en})` : ''}`,
    };
  }
  const action = typeof data.action === 'string' ? data.action : '';
  if (kind === 'rectification_raised')
    return {
      zh: `发起整改：${action}（期限 ${String(data.dueDate)}）`,
      en: `Rectification raised: ${action} (due ${String(data.dueDate)})`,
    };
  if (kind === 'rectification_closed')
    return {
      zh: `整改验证有效，已办结：${action}`,
      en: `Rectification verified and closed: ${action}`,
    };
  if (kind === 'rectification_reopened')
    return {
      zh: `整改验证未通过，退回：${action}`,
      en: `Rectification not effective, reopened: ${action}`,
    };
  return eventNames[kind] ?? { zh: kind, en: kind };
}
