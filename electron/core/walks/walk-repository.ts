import type { WalkChannel, WalkStage, WalkStatus } from '@shared/api';
import type { Db } from '../db/connection';

export interface WalkRecord {
  id: number;
  uid: string;
  unitId: number;
  unitName: string;
  leaderId: number;
  leaderName: string;
  leaderUsername: string;
  matterCode: string;
  matterName: string;
  hall: string;
  caseId: number | null;
  caseReference: string | null;
  status: WalkStatus;
  plannedDate: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  year: number;
  leaderRating: number | null;
  feedbackSatisfaction: number | null;
  feedbackComment: string | null;
  feedbackDeclined: boolean;
  summary: string | null;
  summaryReviewedBy: string | null;
  findingCount: number;
  openRectifications: number;
  overdueRectifications: number;
}

/** A stage as stored: only the edges the leader timed or edited (the case supplies others). */
export interface StoredStage {
  walkId: number;
  stage: WalkStage;
  startedAt: string | null;
  endedAt: string | null;
  startSource: 'timer' | 'edited' | 'case' | null;
  endSource: 'timer' | 'edited' | 'case' | null;
  channel: WalkChannel | null;
  observations: string | null;
  rating: number | null;
}

export interface WalkFilter {
  year?: number | undefined;
  unitId?: number | undefined;
  leaderId?: number | undefined;
  matterCode?: string | undefined;
  status?: WalkStatus | undefined;
}

const walkColumns = `
  w.id, w.uid, w.unit_id AS unitId, un.name AS unitName, w.leader_id AS leaderId,
  u.display_name AS leaderName, u.username AS leaderUsername, w.matter_code AS matterCode,
  w.matter_name AS matterName, w.hall, w.case_id AS caseId, c.reference AS caseReference,
  w.status, w.planned_date AS plannedDate, w.started_at AS startedAt,
  w.finished_at AS finishedAt, w.year, w.leader_rating AS leaderRating,
  w.feedback_satisfaction AS feedbackSatisfaction, w.feedback_comment AS feedbackComment,
  w.feedback_declined AS feedbackDeclined, w.summary, rv.display_name AS summaryReviewedBy,
  (SELECT count(*) FROM findings f WHERE f.walk_id = w.id) AS findingCount,
  (SELECT count(*) FROM rectifications r JOIN findings f ON f.id = r.finding_id
    WHERE f.walk_id = w.id AND r.state <> 'closed') AS openRectifications,
  (SELECT count(*) FROM rectifications r JOIN findings f ON f.id = r.finding_id
    WHERE f.walk_id = w.id AND r.state IN ('pending', 'in_progress') AND r.due_date < @today)
    AS overdueRectifications`;

const walkJoins = `
  FROM walks w
  JOIN units un ON un.id = w.unit_id
  JOIN users u ON u.id = w.leader_id
  LEFT JOIN cases c ON c.id = w.case_id
  LEFT JOIN users rv ON rv.id = w.summary_reviewed_by`;

type WalkRow = Omit<WalkRecord, 'feedbackDeclined'> & { feedbackDeclined: number };

function toWalk(row: WalkRow): WalkRecord {
  return { ...row, feedbackDeclined: row.feedbackDeclined === 1 };
}

/** SQL for walks, their stages, notes and history; callers own the transactions. */
export class WalkRepository {
  constructor(private readonly db: Db) {}

  insert(walk: {
    uid: string;
    unitId: number;
    leaderId: number;
    matterCode: string;
    matterName: string;
    hall: string;
    caseId: number | null;
    status: 'scheduled' | 'in_progress';
    plannedDate: string | null;
    startedAt: string | null;
    year: number;
    createdBy: number;
    at: string;
  }): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO walks (uid, unit_id, leader_id, matter_code, matter_name, hall, case_id,
           status, planned_date, started_at, year, created_by, created_at, updated_at)
         VALUES (@uid, @unitId, @leaderId, @matterCode, @matterName, @hall, @caseId, @status,
           @plannedDate, @startedAt, @year, @createdBy, @at, @at)`,
      )
      .run(walk);
    return Number(lastInsertRowid);
  }

  byId(id: number, today: string): WalkRecord | undefined {
    const row = this.db
      .prepare(`SELECT ${walkColumns} ${walkJoins} WHERE w.id = @id`)
      .get({ id, today }) as WalkRow | undefined;
    return row && toWalk(row);
  }

  list(filter: WalkFilter, today: string): WalkRecord[] {
    return (
      this.db
        .prepare(
          `SELECT ${walkColumns} ${walkJoins}
           WHERE (@year IS NULL OR w.year = @year)
             AND (@unitId IS NULL OR w.unit_id = @unitId)
             AND (@leaderId IS NULL OR w.leader_id = @leaderId)
             AND (@matterCode IS NULL OR w.matter_code = @matterCode)
             AND (@status IS NULL OR w.status = @status)
           ORDER BY w.status IN ('in_progress', 'paused') DESC,
             coalesce(w.started_at, w.planned_date) DESC, w.id DESC`,
        )
        .all({
          year: filter.year ?? null,
          unitId: filter.unitId ?? null,
          leaderId: filter.leaderId ?? null,
          matterCode: filter.matterCode ?? null,
          status: filter.status ?? null,
          today,
        }) as WalkRow[]
    ).map(toWalk);
  }

  /** The walks that count towards coverage of a year (cancelled ones never do). */
  forCoverage(
    year: number,
    unitId: number | undefined,
  ): {
    unitId: number;
    leaderId: number;
    matterCode: string;
    status: WalkStatus;
    startedAt: string | null;
    plannedDate: string | null;
  }[] {
    return this.db
      .prepare(
        `SELECT unit_id AS unitId, leader_id AS leaderId, matter_code AS matterCode, status,
                started_at AS startedAt, planned_date AS plannedDate
         FROM walks
         WHERE year = @year AND status <> 'cancelled' AND (@unitId IS NULL OR unit_id = @unitId)`,
      )
      .all({ year, unitId: unitId ?? null }) as ReturnType<WalkRepository['forCoverage']>;
  }

  /** Finished walks of a year with what stage durations need. */
  finishedOfYear(
    year: number,
    unitId: number | undefined,
    matterCode: string | undefined,
  ): { id: number; matterCode: string; matterName: string; caseId: number | null }[] {
    return this.db
      .prepare(
        `SELECT id, matter_code AS matterCode, matter_name AS matterName, case_id AS caseId
         FROM walks
         WHERE year = @year AND status = 'finished'
           AND (@unitId IS NULL OR unit_id = @unitId)
           AND (@matterCode IS NULL OR matter_code = @matterCode)`,
      )
      .all({ year, unitId: unitId ?? null, matterCode: matterCode ?? null }) as ReturnType<
      WalkRepository['finishedOfYear']
    >;
  }

  setStatus(
    id: number,
    status: WalkStatus,
    at: string,
    extra: { startedAt?: string; finishedAt?: string; year?: number; caseId?: number | null } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE walks SET status = @status, updated_at = @at,
           started_at = coalesce(@startedAt, started_at),
           finished_at = coalesce(@finishedAt, finished_at),
           year = coalesce(@year, year),
           case_id = CASE WHEN @setCase THEN @caseId ELSE case_id END
         WHERE id = @id`,
      )
      .run({
        id,
        status,
        at,
        startedAt: extra.startedAt ?? null,
        finishedAt: extra.finishedAt ?? null,
        year: extra.year ?? null,
        setCase: Number(extra.caseId !== undefined),
        caseId: extra.caseId ?? null,
      });
  }

  setOutcome(
    id: number,
    outcome: {
      leaderRating: number;
      feedback: { satisfaction: number; comment: string | null } | null;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE walks SET leader_rating = @leaderRating, feedback_satisfaction = @satisfaction,
           feedback_comment = @comment, feedback_declined = @declined WHERE id = @id`,
      )
      .run({
        id,
        leaderRating: outcome.leaderRating,
        satisfaction: outcome.feedback?.satisfaction ?? null,
        comment: outcome.feedback?.comment ?? null,
        declined: Number(outcome.feedback === null),
      });
  }

  setSummary(id: number, summary: string, reviewedBy: number, at: string): void {
    this.db
      .prepare('UPDATE walks SET summary = ?, summary_reviewed_by = ?, updated_at = ? WHERE id = ?')
      .run(summary, reviewedBy, at, id);
  }

  stages(walkIds: readonly number[]): StoredStage[] {
    if (walkIds.length === 0) return [];
    // The ids travel as one JSON array parameter, never spliced into the SQL.
    return this.db
      .prepare(
        `SELECT walk_id AS walkId, stage, started_at AS startedAt, ended_at AS endedAt,
                start_source AS startSource, end_source AS endSource, channel, observations, rating
         FROM walk_stages WHERE walk_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(walkIds)) as StoredStage[];
  }

  saveStage(stage: StoredStage): void {
    this.db
      .prepare(
        `INSERT INTO walk_stages (walk_id, stage, started_at, ended_at, start_source, end_source,
           channel, observations, rating)
         VALUES (@walkId, @stage, @startedAt, @endedAt, @startSource, @endSource, @channel,
           @observations, @rating)
         ON CONFLICT (walk_id, stage) DO UPDATE SET
           started_at = excluded.started_at, ended_at = excluded.ended_at,
           start_source = excluded.start_source, end_source = excluded.end_source,
           channel = excluded.channel, observations = excluded.observations,
           rating = excluded.rating`,
      )
      .run(stage);
  }

  touch(id: number, at: string): void {
    this.db.prepare('UPDATE walks SET updated_at = ? WHERE id = ?').run(at, id);
  }

  insertEvent(
    walkId: number,
    event: { actorId: number; kind: string; data: Record<string, unknown>; at: string },
  ): void {
    this.db
      .prepare('INSERT INTO walk_events (walk_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?)')
      .run(walkId, event.at, event.actorId, event.kind, JSON.stringify(event.data));
  }

  events(walkId: number): {
    id: number;
    at: string;
    actor: string;
    kind: string;
    data: Record<string, unknown>;
  }[] {
    return (
      this.db
        .prepare(
          `SELECT e.id, e.at, u.display_name AS actor, e.kind, e.data
           FROM walk_events e JOIN users u ON u.id = e.actor_id
           WHERE e.walk_id = ? ORDER BY e.id`,
        )
        .all(walkId) as { id: number; at: string; actor: string; kind: string; data: string }[]
    ).map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> }));
  }

  insertNote(
    walkId: number,
    note: { text: string; afterFinish: boolean; authorId: number; at: string },
  ): void {
    this.db
      .prepare(
        'INSERT INTO walk_notes (walk_id, text, after_finish, author_id, at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(walkId, note.text, Number(note.afterFinish), note.authorId, note.at);
  }

  notes(
    walkId: number,
  ): { id: number; at: string; author: string; text: string; afterFinish: boolean }[] {
    return (
      this.db
        .prepare(
          `SELECT n.id, n.at, u.display_name AS author, n.text, n.after_finish AS afterFinish
           FROM walk_notes n JOIN users u ON u.id = n.author_id
           WHERE n.walk_id = ? ORDER BY n.id`,
        )
        .all(walkId) as {
        id: number;
        at: string;
        author: string;
        text: string;
        afterFinish: number;
      }[]
    ).map((row) => ({ ...row, afterFinish: row.afterFinish === 1 }));
  }

  /** A case's creation and the transitions that give a linked walk its stage times. */
  caseTransitions(caseIds: readonly number[]): {
    caseId: number;
    createdAt: string;
    kind: string;
    at: string | null;
    data: string | null;
  }[] {
    if (caseIds.length === 0) return [];
    return this.db
      .prepare(
        `SELECT c.id AS caseId, c.created_at AS createdAt, e.kind, e.at, e.data
         FROM cases c LEFT JOIN case_events e
           ON e.case_id = c.id AND e.kind IN ('review_started', 'review_concluded', 'completed')
         WHERE c.id IN (SELECT value FROM json_each(?))
         ORDER BY c.id, e.id`,
      )
      .all(JSON.stringify(caseIds)) as ReturnType<WalkRepository['caseTransitions']>;
  }

  walksOfCase(caseId: number): number[] {
    return (
      this.db.prepare('SELECT id FROM walks WHERE case_id = ?').all(caseId) as { id: number }[]
    ).map((row) => row.id);
  }

  unlinkCase(walkId: number): void {
    this.db.prepare('UPDATE walks SET case_id = NULL WHERE id = ?').run(walkId);
  }

  caseMatter(caseId: number): { reference: string; matterCode: string } | undefined {
    return this.db
      .prepare(
        `SELECT c.reference, m.code AS matterCode FROM cases c JOIN matters m ON m.id = c.matter_id
         WHERE c.id = ?`,
      )
      .get(caseId) as { reference: string; matterCode: string } | undefined;
  }
}
