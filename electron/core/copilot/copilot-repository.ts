import type { Answer, KnowledgeGap } from '@shared/api';
import type { Db } from '../db/connection';

export interface StoredAnswer {
  id: number;
  conversationId: number;
  caseId: number | null;
  question: string;
  status: Answer['status'];
  support: number;
  body: Pick<Answer, 'extract' | 'citations'> & { generated?: Answer['generated'] };
  helpful: boolean | null;
  gapId: number | null;
  gapDueBy: string | null;
  askedBy: number;
  askedAt: string;
}

export interface NewGap {
  question: string;
  questionKey: string;
  reason: KnowledgeGap['reason'];
  comment: string | null;
  matterCode: string | null;
  caseId: number | null;
  userId: number;
  at: string;
  dueBy: string | null;
}

interface AnswerRow {
  id: number;
  conversation_id: number;
  case_id: number | null;
  question: string;
  status: Answer['status'];
  support: number;
  answer: string;
  helpful: number | null;
  gap_id: number | null;
  gap_due_by: string | null;
  asked_by: number;
  asked_at: string;
}

interface GapRow {
  id: number;
  question: string;
  reason: KnowledgeGap['reason'];
  comment: string | null;
  matter_code: string | null;
  matter_name: string | null;
  case_reference: string | null;
  raised_by: string;
  raised_at: string;
  due_by: string | null;
  status: KnowledgeGap['status'];
  occurrences: number;
  closed_by: string | null;
  closed_at: string | null;
  resolution_entry_id: string | null;
  resolution_version: number | null;
  resolution_note: string | null;
}

const answerColumns = `a.id, a.conversation_id, c.case_id, a.question, a.status, a.support, a.answer,
  a.helpful, a.gap_id, (SELECT g.due_by FROM knowledge_gaps g WHERE g.id = a.gap_id) AS gap_due_by,
  a.asked_by, a.asked_at`;

const gapColumns = `g.id, g.question, g.reason, g.comment, g.matter_code,
  (SELECT m.name FROM matters m WHERE m.code = g.matter_code ORDER BY m.version DESC LIMIT 1) AS matter_name,
  (SELECT cs.reference FROM cases cs WHERE cs.id = g.case_id) AS case_reference,
  ru.display_name AS raised_by, g.raised_at, g.due_by, g.status, g.occurrences,
  cu.display_name AS closed_by, g.closed_at, g.resolution_entry_id, g.resolution_version,
  g.resolution_note`;

/** SQL for copilot conversations, answers and knowledge gaps; callers own the transactions. */
export class CopilotRepository {
  constructor(private readonly db: Db) {}

  insertConversation(caseId: number | null, userId: number, at: string): number {
    const row = this.db
      .prepare(
        'INSERT INTO copilot_conversations (case_id, user_id, started_at) VALUES (?, ?, ?) RETURNING id',
      )
      .get(caseId, userId, at) as { id: number };
    return row.id;
  }

  conversationOwner(id: number): { userId: number; caseId: number | null } | undefined {
    return this.db
      .prepare(
        'SELECT user_id AS userId, case_id AS caseId FROM copilot_conversations WHERE id = ?',
      )
      .get(id) as { userId: number; caseId: number | null } | undefined;
  }

  insertAnswer(answer: Omit<StoredAnswer, 'id' | 'helpful' | 'caseId' | 'gapDueBy'>): number {
    const row = this.db
      .prepare(
        `INSERT INTO copilot_answers (conversation_id, question, status, support, answer, gap_id,
           asked_by, asked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        answer.conversationId,
        answer.question,
        answer.status,
        answer.support,
        JSON.stringify(answer.body),
        answer.gapId,
        answer.askedBy,
        answer.askedAt,
      ) as { id: number };
    return row.id;
  }

  answer(id: number): StoredAnswer | undefined {
    const row = this.db
      .prepare(
        `SELECT ${answerColumns} FROM copilot_answers a
         JOIN copilot_conversations c ON c.id = a.conversation_id WHERE a.id = ?`,
      )
      .get(id) as AnswerRow | undefined;
    return row && toAnswer(row);
  }

  answers(conversationId: number): StoredAnswer[] {
    const rows = this.db
      .prepare(
        `SELECT ${answerColumns} FROM copilot_answers a
         JOIN copilot_conversations c ON c.id = a.conversation_id
         WHERE a.conversation_id = ? ORDER BY a.id`,
      )
      .all(conversationId) as AnswerRow[];
    return rows.map(toAnswer);
  }

  setBody(answerId: number, body: StoredAnswer['body']): void {
    this.db
      .prepare('UPDATE copilot_answers SET answer = ? WHERE id = ?')
      .run(JSON.stringify(body), answerId);
  }

  setFeedback(answerId: number, helpful: boolean, comment: string | null, gapId: number | null) {
    this.db
      .prepare(
        'UPDATE copilot_answers SET helpful = ?, feedback_comment = ?, gap_id = coalesce(?, gap_id) WHERE id = ?',
      )
      .run(helpful ? 1 : 0, comment, gapId, answerId);
  }

  /** Records a gap, or counts one more occurrence of the same open question; returns its id. */
  raiseGap(gap: NewGap): number {
    const existing = this.db
      .prepare("SELECT id FROM knowledge_gaps WHERE question_key = ? AND status = 'open'")
      .get(gap.questionKey) as { id: number } | undefined;
    if (existing) {
      this.db
        .prepare(
          `UPDATE knowledge_gaps SET occurrences = occurrences + 1,
             comment = coalesce(?, comment) WHERE id = ?`,
        )
        .run(gap.comment, existing.id);
      return existing.id;
    }
    const row = this.db
      .prepare(
        `INSERT INTO knowledge_gaps (question, question_key, reason, comment, matter_code, case_id,
           raised_by, raised_at, due_by, status)
         VALUES (@question, @questionKey, @reason, @comment, @matterCode, @caseId, @userId, @at,
           @dueBy, 'open')
         RETURNING id`,
      )
      .get(gap) as { id: number };
    return row.id;
  }

  gap(id: number): GapRow | undefined {
    return this.db
      .prepare(
        `SELECT ${gapColumns} FROM knowledge_gaps g
         JOIN users ru ON ru.id = g.raised_by LEFT JOIN users cu ON cu.id = g.closed_by
         WHERE g.id = ?`,
      )
      .get(id) as GapRow | undefined;
  }

  /** Open gaps first, by due date (overdue at the top), then closed ones, latest first. */
  gaps(status: KnowledgeGap['status'] | undefined): GapRow[] {
    return this.db
      .prepare(
        `SELECT ${gapColumns} FROM knowledge_gaps g
         JOIN users ru ON ru.id = g.raised_by LEFT JOIN users cu ON cu.id = g.closed_by
         WHERE (@status IS NULL OR g.status = @status)
         ORDER BY g.status = 'closed', CASE WHEN g.status = 'open' THEN g.due_by END,
                  g.closed_at DESC, g.id`,
      )
      .all({ status: status ?? null }) as GapRow[];
  }

  closeGap(
    id: number,
    resolution: { entryId: string; version: number; note: string | null },
    userId: number,
    at: string,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE knowledge_gaps SET status = 'closed', closed_by = ?, closed_at = ?,
             resolution_entry_id = ?, resolution_version = ?, resolution_note = ?
           WHERE id = ? AND status = 'open'`,
        )
        .run(userId, at, resolution.entryId, resolution.version, resolution.note, id).changes === 1
    );
  }
}

function toAnswer(row: AnswerRow): StoredAnswer {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    caseId: row.case_id,
    question: row.question,
    status: row.status,
    support: row.support,
    body: JSON.parse(row.answer) as StoredAnswer['body'],
    helpful: row.helpful === null ? null : row.helpful === 1,
    gapId: row.gap_id,
    gapDueBy: row.gap_due_by,
    askedBy: row.asked_by,
    askedAt: row.asked_at,
  };
}

export function toGap(row: GapRow, today: string): KnowledgeGap {
  return {
    id: row.id,
    question: row.question,
    reason: row.reason,
    comment: row.comment,
    matterCode: row.matter_code,
    matterName: row.matter_name,
    caseReference: row.case_reference,
    raisedBy: row.raised_by,
    raisedAt: row.raised_at,
    dueBy: row.due_by,
    overdue: row.status === 'open' && row.due_by !== null && row.due_by < today,
    status: row.status,
    occurrences: row.occurrences,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
    resolution:
      row.resolution_entry_id === null || row.resolution_version === null
        ? null
        : {
            entryId: row.resolution_entry_id,
            version: row.resolution_version,
            note: row.resolution_note,
          },
  };
}
