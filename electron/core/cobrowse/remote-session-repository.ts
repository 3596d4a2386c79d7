import type { CaseRef } from '@shared/hub/remote';
import type { Db } from '../db/connection';

export interface RemoteSessionRow {
  id: string;
  role: 'host' | 'expert';
  caseId: number | null;
  caseRef: CaseRef;
  helpRequestId: string | null;
  participantId: string;
  startedBy: number;
  startedAt: string;
  endedAt: string | null;
  endedBy: string | null;
  outcome: string | null;
}

export interface RemoteEventRow {
  at: string;
  kind: string;
  actor: string;
  data: Record<string, unknown>;
}

interface SessionDbRow {
  id: string;
  role: 'host' | 'expert';
  case_id: number | null;
  case_ref: string;
  help_request_id: string | null;
  participant_id: string;
  started_by: number;
  started_at: string;
  ended_at: string | null;
  ended_by: string | null;
  outcome: string | null;
}

/** The local record of remote sessions and what happened in them (one row per event). */
export class RemoteSessionRepository {
  constructor(private readonly db: Db) {}

  insert(session: Omit<RemoteSessionRow, 'endedAt' | 'endedBy' | 'outcome'>): void {
    this.db
      .prepare(
        `INSERT INTO remote_sessions (id, role, case_id, case_ref, help_request_id, participant_id,
           started_by, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.id,
        session.role,
        session.caseId,
        JSON.stringify(session.caseRef),
        session.helpRequestId,
        session.participantId,
        session.startedBy,
        session.startedAt,
      );
  }

  /** Ends a session once: a second end (the other side's, arriving later) changes nothing. */
  end(id: string, at: string, by: string, outcome: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE remote_sessions SET ended_at = ?, ended_by = ?, outcome = ?
            WHERE id = ? AND ended_at IS NULL`,
        )
        .run(at, by, outcome, id).changes === 1
    );
  }

  addEvent(sessionId: string, event: RemoteEventRow): void {
    this.db
      .prepare(
        `INSERT INTO remote_session_events (session_id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(sessionId, event.at, event.kind, event.actor, JSON.stringify(event.data));
  }

  get(id: string): RemoteSessionRow | undefined {
    const row = this.db.prepare('SELECT * FROM remote_sessions WHERE id = ?').get(id) as
      SessionDbRow | undefined;
    return row && toSession(row);
  }

  ofCase(caseId: number): RemoteSessionRow[] {
    return (
      this.db
        .prepare('SELECT * FROM remote_sessions WHERE case_id = ? ORDER BY started_at DESC, id')
        .all(caseId) as SessionDbRow[]
    ).map(toSession);
  }

  /** Sessions a stopped engine left open: they cannot go on without their in-memory keys. */
  unfinished(): RemoteSessionRow[] {
    return (
      this.db
        .prepare('SELECT * FROM remote_sessions WHERE ended_at IS NULL ORDER BY started_at')
        .all() as SessionDbRow[]
    ).map(toSession);
  }

  events(sessionId: string): RemoteEventRow[] {
    return (
      this.db
        .prepare(
          'SELECT at, kind, actor, data FROM remote_session_events WHERE session_id = ? ORDER BY id',
        )
        .all(sessionId) as { at: string; kind: string; actor: string; data: string }[]
    ).map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> }));
  }
}

function toSession(row: SessionDbRow): RemoteSessionRow {
  return {
    id: row.id,
    role: row.role,
    caseId: row.case_id,
    caseRef: JSON.parse(row.case_ref) as CaseRef,
    helpRequestId: row.help_request_id,
    participantId: row.participant_id,
    startedBy: row.started_by,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    outcome: row.outcome,
  };
}
