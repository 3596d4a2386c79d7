import { randomUUID } from 'node:crypto';
import {
  ApiError,
  type Finding,
  type FindingCategory,
  type FindingSeverity,
  type ParsedInput,
  type Rectification,
  type UnresolvedReport,
  type WalkStage,
} from '@shared/api';
import { businessDate } from '@shared/domain/business-date';
import { CalendarOutOfRangeError, type WorkingDayCalendar } from '@shared/domain/working-days';
import type { SignedInUser } from '../auth/auth-service';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import { appendOutbox } from '../db/outbox';
import type { KnowledgeRepository } from '../knowledge/knowledge-repository';
import type {
  FindingFilter,
  FindingRecord,
  FindingRepository,
  RectificationRecord,
} from './finding-repository';
import { catalogueByCode, type UnitService } from './unit-service';
import type { WalkRepository } from './walk-repository';

/**
 * What walks and window reports find (难点堵点), and the rectifications (整改) that fix it:
 * owned by a unit and a person, due in working days, closed only once the leader who raised the
 * finding has checked the fix works.
 */
export class FindingService {
  constructor(
    private readonly db: Db,
    private readonly findings: FindingRepository,
    /** A walk's history also tells of its findings' rectifications. */
    private readonly walks: WalkRepository,
    private readonly units: UnitService,
    private readonly knowledge: KnowledgeRepository,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar | undefined,
  ) {}

  list(filter: FindingFilter): Finding[] {
    return this.findings.findings(filter);
  }

  /** Records a finding inside the caller's flow (its own transaction). */
  raise(finding: {
    walkId: number | null;
    unresolvedReportId?: number;
    unitId: number;
    matterCode: string | null;
    matterName: string;
    stage: WalkStage | null;
    category: FindingCategory;
    severity: FindingSeverity;
    description: string;
    recurringOfId: number | undefined;
    leaderId: number;
    /** The year it counts for: its walk's, or the year its report was filed. */
    year: number;
    /** The caller's own record of it, committed with the finding. */
    alsoInTransaction?: () => void;
  }): number {
    if (finding.recurringOfId !== undefined && !this.findings.finding(finding.recurringOfId))
      throw new ApiError('NOT_FOUND', { path: ['recurringOfId'] });
    const at = this.clock.now().toISOString();
    return inTransaction(this.db, () => {
      const id = this.findings.insertFinding({
        uid: randomUUID(),
        walkId: finding.walkId,
        unresolvedReportId: finding.unresolvedReportId ?? null,
        unitId: finding.unitId,
        matterCode: finding.matterCode,
        matterName: finding.matterName,
        stage: finding.stage,
        category: finding.category,
        severity: finding.severity,
        description: finding.description,
        leaderId: finding.leaderId,
        recurringOf: finding.recurringOfId ?? null,
        year: finding.year,
        at,
      });
      finding.alsoInTransaction?.();
      this.shareFinding(id, 'create', at);
      return id;
    });
  }

  markRecurring(input: ParsedInput<'findings.markRecurring'>, user: SignedInUser): Finding {
    const finding = this.finding(input.findingId, ['findingId']);
    if (user.role !== 'admin' && finding.leaderId !== user.id)
      throw new ApiError('FORBIDDEN', {
        message: { zh: '只有提出问题的领导可以标记', en: 'Only the leader who raised it may' },
        path: ['findingId'],
      });
    if (input.recurringOfId !== null) {
      this.finding(input.recurringOfId, ['recurringOfId']);
      if (this.findings.chainReaches(input.recurringOfId, finding.id))
        throw new ApiError('INVALID_INPUT', {
          message: { zh: '不能形成循环的重复关系', en: 'That would make a loop of repeats' },
          path: ['recurringOfId'],
        });
    }
    const at = this.clock.now().toISOString();
    inTransaction(this.db, () => {
      this.findings.setRecurringOf(finding.id, input.recurringOfId);
      this.shareFinding(finding.id, 'markRecurring', at);
    });
    return this.finding(finding.id, ['findingId']);
  }

  createRectification(
    input: ParsedInput<'rectifications.create'>,
    user: SignedInUser,
  ): Rectification {
    const finding = this.finding(input.findingId, ['findingId']);
    if (finding.leaderId !== user.id)
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: `整改由提出问题的领导（${finding.leaderName}）发起`,
          en: `Rectifications are raised by the leader who raised the finding (${finding.leaderName})`,
        },
        path: ['findingId'],
      });
    this.units.record(input.ownerUnitId);
    if (input.ownerUserId !== undefined && !this.findings.userExists(input.ownerUserId))
      throw new ApiError('NOT_FOUND', { path: ['ownerUserId'] });
    const today = this.today();
    const dueDate = this.dueDate(today, input.dueWorkingDays);
    const at = this.clock.now().toISOString();
    const id = inTransaction(this.db, () => {
      const rectificationId = this.findings.insertRectification({
        uid: randomUUID(),
        findingId: finding.id,
        action: input.action,
        ownerUnitId: input.ownerUnitId,
        ownerPerson: input.ownerPerson,
        ownerUserId: input.ownerUserId ?? null,
        dueWorkingDays: input.dueWorkingDays,
        dueDate,
        createdBy: user.id,
        at,
      });
      this.shareRectification(rectificationId, 'create', at);
      if (finding.walkId !== null)
        this.walks.insertEvent(finding.walkId, {
          actorId: user.id,
          kind: 'rectification_raised',
          data: { action: input.action, dueDate },
          at,
        });
      return rectificationId;
    });
    return this.rectification(id);
  }

  /** Leaders and admins see every rectification; anyone else only those they own. */
  rectifications(input: ParsedInput<'rectifications.list'>, user: SignedInUser): Rectification[] {
    const onlyOwn = input.mine || !seesAll(user);
    const rows = this.findings
      .rectifications({
        unitId: input.unitId,
        year: input.year,
        userId: onlyOwn ? user.id : undefined,
      })
      .map((row) => this.compose(row, []));
    const shown = input.status === undefined ? rows : rows.filter((r) => r.status === input.status);
    // Overdue first, then by due date; closed ones last.
    const rank = (r: Rectification) => (r.overdue ? 0 : r.state === 'closed' ? 2 : 1);
    shown.sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate));
    return this.withNotes(shown);
  }

  /** Rectifications of findings of a year, as dashboards count them. */
  rectificationRecords(year: number, unitId: number | undefined): RectificationRecord[] {
    return this.findings.rectifications({ year, unitId });
  }

  rectificationsOfWalk(walkId: number): Rectification[] {
    return this.withNotes(
      this.findings.rectifications({ walkId }).map((row) => this.compose(row, [])),
    );
  }

  rectification(id: number, user?: SignedInUser): Rectification {
    const row = this.findings.rectification(id);
    if (!row) throw new ApiError('NOT_FOUND', { path: ['id'] });
    if (user && !seesAll(user) && row.ownerUserId !== user.id)
      throw new ApiError('FORBIDDEN', { path: ['id'] });
    const [composed] = this.withNotes([this.compose(row, [])]);
    if (!composed) throw new Error('unreachable');
    return composed;
  }

  /**
   * Evidence of a finding comes from its leader while the walk is open; of a rectification, from
   * those who report on it while it is open.
   */
  requireEvidenceAccess(
    owner: { findingId: number } | { rectificationId: number },
    user: SignedInUser,
  ): void {
    if ('findingId' in owner) {
      const finding = this.finding(owner.findingId, ['findingId']);
      if (finding.leaderId !== user.id && user.role !== 'admin')
        throw new ApiError('FORBIDDEN', { path: ['findingId'] });
      if (finding.walkId !== null && this.findings.walkStatus(finding.walkId) === 'finished')
        throw conflict('走流程已结束并锁定', 'The walk is finished and locked');
      return;
    }
    const row = this.findings.rectification(owner.rectificationId);
    if (!row) throw new ApiError('NOT_FOUND', { path: ['rectificationId'] });
    if (!this.mayReport(row, user)) throw new ApiError('FORBIDDEN', { path: ['rectificationId'] });
    if (row.state === 'closed') throw conflict('整改已办结', 'The rectification is closed');
  }

  private mayReport(row: RectificationRecord, user: SignedInUser): boolean {
    return (
      user.role === 'admin' ||
      row.ownerUserId === user.id ||
      row.verifierId === user.id ||
      this.units.isLeader(row.ownerUnitId, user.id)
    );
  }

  /** Progress from the owner (or a leader of the owner unit, or the verifier). */
  report(input: ParsedInput<'rectifications.report'>, user: SignedInUser): Rectification {
    const row = this.findings.rectification(input.id);
    if (!row) throw new ApiError('NOT_FOUND', { path: ['id'] });
    if (!this.mayReport(row, user))
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: '只有整改责任人、责任单位领导或提出问题的领导可以报告进展',
          en: 'Only the owner, a leader of the owner unit or the raising leader may report',
        },
        path: ['id'],
      });
    // The leader who verifies a fix does not also declare it done: someone else must.
    if (input.kind === 'submit' && row.verifierId === user.id && row.ownerUserId !== user.id)
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: '提出问题的领导负责验证，整改完成须由责任人提交',
          en: 'The raising leader verifies; the owner submits the fix',
        },
        path: ['kind'],
      });
    if (row.state === 'to_verify')
      throw conflict('已提交验证，等待领导验证', 'Submitted: awaiting the leader’s verification');
    if (row.state === 'closed') throw conflict('整改已办结', 'The rectification is closed');
    const at = this.clock.now().toISOString();
    inTransaction(this.db, () => {
      this.findings.insertNote(row.id, {
        kind: input.kind === 'submit' ? 'submitted' : 'progress',
        text: input.text,
        authorId: user.id,
        at,
      });
      this.findings.setState(row.id, input.kind === 'submit' ? 'to_verify' : 'in_progress', at);
      this.shareRectification(row.id, input.kind, at, {
        note: input.text,
        noteKind: input.kind === 'submit' ? 'submitted' : 'progress',
        by: user.username,
      });
    });
    return this.rectification(row.id);
  }

  /** Only the leader who raised the finding closes its rectification, once the fix works. */
  verify(input: ParsedInput<'rectifications.verify'>, user: SignedInUser): Rectification {
    const row = this.findings.rectification(input.id);
    if (!row) throw new ApiError('NOT_FOUND', { path: ['id'] });
    if (row.verifierId !== user.id)
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: `须由提出问题的领导（${row.verifierName}）验证`,
          en: `Verified by the leader who raised the finding (${row.verifierName})`,
        },
        path: ['id'],
      });
    if (row.state !== 'to_verify')
      throw conflict('整改尚未提交验证', 'The rectification has not been submitted');
    const at = this.clock.now().toISOString();
    inTransaction(this.db, () => {
      this.findings.insertNote(row.id, {
        kind: input.effective ? 'verified' : 'ineffective',
        text: input.text,
        authorId: user.id,
        at,
      });
      this.findings.setState(row.id, input.effective ? 'closed' : 'in_progress', at);
      if (row.walkId !== null)
        this.walks.insertEvent(row.walkId, {
          actorId: user.id,
          kind: input.effective ? 'rectification_closed' : 'rectification_reopened',
          data: { action: row.action },
          at,
        });
      this.shareRectification(row.id, input.effective ? 'verify' : 'reject', at, {
        note: input.text,
        noteKind: input.effective ? 'verified' : 'ineffective',
        by: user.username,
      });
    });
    return this.rectification(row.id);
  }

  fileUnresolved(input: ParsedInput<'unresolved.file'>, user: SignedInUser): UnresolvedReport {
    this.units.record(input.unitId);
    let matterName = input.matterName;
    if (input.matterCode !== undefined) {
      const matter = catalogueByCode(this.knowledge, this.clock).get(input.matterCode);
      if (!matter) throw new ApiError('NOT_FOUND', { path: ['matterCode'] });
      matterName = matter.name;
    }
    if (input.caseId !== undefined && !this.findings.caseExists(input.caseId))
      throw new ApiError('NOT_FOUND', { path: ['caseId'] });
    const at = this.clock.now().toISOString();
    const uid = randomUUID();
    const id = inTransaction(this.db, () => {
      const reportId = this.findings.insertReport({
        uid,
        unitId: input.unitId,
        matterCode: input.matterCode ?? null,
        matterName: matterName ?? '',
        need: input.need,
        reason: input.reason,
        caseId: input.caseId ?? null,
        filedBy: user.id,
        at,
      });
      appendOutbox(this.db, {
        entity: 'unresolved_report',
        entityId: uid,
        operation: 'file',
        payload: {
          uid,
          unit: this.units.record(input.unitId).uid,
          matterCode: input.matterCode ?? null,
          matterName,
          need: input.need,
          reason: input.reason,
          filedBy: user.username,
        },
        at,
      });
      return reportId;
    });
    return this.unresolvedReport(id);
  }

  unresolved(input: ParsedInput<'unresolved.list'>): UnresolvedReport[] {
    return this.findings.reports(input);
  }

  takeOver(input: ParsedInput<'unresolved.takeOver'>, user: SignedInUser): Finding {
    const report = this.unresolvedReport(input.id);
    if (!this.units.isLeader(report.unitId, user.id))
      throw new ApiError('FORBIDDEN', {
        message: {
          zh: `由“${report.unitName}”的领导接手`,
          en: `Taken over by a leader of ${report.unitName}`,
        },
        path: ['id'],
      });
    if (report.findingId !== null)
      throw conflict(
        `${report.takenOverBy ?? ''}已接手该报告`,
        `${report.takenOverBy ?? 'Someone'} has taken this report over`,
      );
    const findingId = this.raise({
      walkId: null,
      unresolvedReportId: report.id,
      unitId: report.unitId,
      matterCode: report.matterCode,
      matterName: report.matterName,
      stage: null,
      category: input.category,
      severity: input.severity,
      description: `办不成事：${report.need}（原因：${report.reason}）`,
      recurringOfId: undefined,
      leaderId: user.id,
      year: Number(businessDate(new Date(report.filedAt)).slice(0, 4)),
    });
    return this.finding(findingId, ['id']);
  }

  private unresolvedReport(id: number): UnresolvedReport {
    const [report] = this.findings.reports({ id });
    if (!report) throw new ApiError('NOT_FOUND', { path: ['id'] });
    return report;
  }

  private finding(id: number, path: (string | number)[]): FindingRecord {
    const finding = this.findings.finding(id);
    if (!finding) throw new ApiError('NOT_FOUND', { path });
    return finding;
  }

  private compose(row: RectificationRecord, notes: Rectification['notes']): Rectification {
    const today = this.today();
    const overdue = isOpen(row.state) && row.dueDate < today;
    const { findingUid: _findingUid, matterCode: _matterCode, ...rest } = row;
    return {
      ...rest,
      status: overdue ? 'overdue' : row.state,
      overdue,
      workingDaysLeft: row.state === 'closed' ? null : this.workingDaysLeft(today, row.dueDate),
      notes,
    };
  }

  private withNotes(rows: Rectification[]): Rectification[] {
    const notes = new Map<number, Rectification['notes']>();
    for (const { rectificationId, ...note } of this.findings.notes(rows.map((row) => row.id))) {
      const list = notes.get(rectificationId);
      if (list) list.push(note);
      else notes.set(rectificationId, [note]);
    }
    return rows.map((row) => ({ ...row, notes: notes.get(row.id) ?? [] }));
  }

  private dueDate(today: string, workingDays: number): string {
    if (!this.calendar)
      throw new ApiError('INVALID_INPUT', {
        message: {
          zh: '节假日安排数据无法读取，不能按工作日计算期限',
          en: 'The holiday calendar could not be read, so working days cannot be counted',
        },
        path: ['dueWorkingDays'],
      });
    try {
      return this.calendar.addWorkingDays(today, workingDays);
    } catch (error) {
      if (!(error instanceof CalendarOutOfRangeError)) throw error;
      throw new ApiError('INVALID_INPUT', { message: error.localized, path: ['dueWorkingDays'] });
    }
  }

  /** Working days from today to the due date (negative once past); null beyond the calendar. */
  private workingDaysLeft(today: string, dueDate: string): number | null {
    if (!this.calendar) return null;
    try {
      // `|| 0`: a due date on the day before a weekend leaves "-0" working days on Sunday.
      return this.calendar.workingDaysBetween(today, dueDate) || 0;
    } catch (error) {
      if (error instanceof CalendarOutOfRangeError) return null;
      throw error;
    }
  }

  private shareFinding(id: number, operation: string, at: string): void {
    const finding = this.findings.finding(id);
    if (!finding) return;
    const walkUid = finding.walkId === null ? null : this.findings.walkUid(finding.walkId);
    const recurringOf =
      finding.recurringOfId === null ? null : this.findings.finding(finding.recurringOfId)?.uid;
    appendOutbox(this.db, {
      entity: 'finding',
      entityId: finding.uid,
      operation,
      payload: {
        uid: finding.uid,
        walk: walkUid,
        unit: this.units.record(finding.unitId).uid,
        matterCode: finding.matterCode,
        matterName: finding.matterName,
        stage: finding.stage,
        category: finding.category,
        severity: finding.severity,
        description: finding.description,
        recurringOf: recurringOf ?? null,
        unresolvedReport:
          finding.unresolvedReportId === null
            ? null
            : (this.findings.reports({ id: finding.unresolvedReportId })[0]?.uid ?? null),
        leader: this.findings.username(finding.leaderId),
        createdAt: finding.createdAt,
      },
      at,
    });
  }

  private shareRectification(id: number, operation: string, at: string, extra: object = {}): void {
    const row = this.findings.rectification(id);
    if (!row) return;
    appendOutbox(this.db, {
      entity: 'rectification',
      entityId: row.uid,
      operation,
      payload: {
        uid: row.uid,
        finding: row.findingUid,
        action: row.action,
        ownerUnit: this.units.record(row.ownerUnitId).uid,
        ownerPerson: row.ownerPerson,
        ownerUser: row.ownerUserId === null ? null : this.findings.username(row.ownerUserId),
        verifier: this.findings.username(row.verifierId),
        dueWorkingDays: row.dueWorkingDays,
        dueDate: row.dueDate,
        state: row.state,
        createdAt: row.createdAt,
        closedAt: row.closedAt,
        ...extra,
      },
      at,
    });
  }

  private today(): string {
    return businessDate(this.clock.now());
  }
}

function seesAll(user: SignedInUser): boolean {
  return user.role === 'leader' || user.role === 'admin';
}

function isOpen(state: string): boolean {
  return state === 'pending' || state === 'in_progress';
}

function conflict(zh: string, en: string): ApiError {
  return new ApiError('CONFLICT', { message: { zh, en } });
}
