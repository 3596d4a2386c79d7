import type {
  CorrectionNotice,
  FieldValue,
  ReviewDecision,
  ReviewOutcome,
  ReviewSuggestion,
  ReviewVerdict,
} from '@shared/api';
import type { Db } from '../db/connection';

export interface ReviewRecord {
  id: number;
  caseId: number;
  round: number;
  matterId: number;
  startedBy: string;
  startedAt: string;
  outcome: ReviewOutcome | null;
  concludedAt: string | null;
}

export interface NewDecision {
  reviewId: number;
  pointCode: string;
  pointVersion: number;
  matterVersion: number;
  verdict: ReviewVerdict;
  note: string | null;
  suggestion: ReviewSuggestion | null;
  overrode: boolean;
  passages: { entryId: string; version: number }[];
  userId: number;
  at: string;
}

export interface ModelSuggestionRecord {
  verdict: 'pass' | 'fail' | 'unsure';
  reason: string;
  cited: string[];
  model: string;
  at: string;
}

/** SQL for material fields, review rounds, decisions and notices; callers own the transactions. */
export class ReviewRepository {
  constructor(private readonly db: Db) {}

  fields(caseId: number): Map<string, Record<string, FieldValue>> {
    const rows = this.db
      .prepare('SELECT material_code, field_key, value FROM case_material_fields WHERE case_id = ?')
      .all(caseId) as { material_code: string; field_key: string; value: string }[];
    const byMaterial = new Map<string, Record<string, FieldValue>>();
    for (const row of rows) {
      const values = byMaterial.get(row.material_code) ?? {};
      values[row.field_key] = JSON.parse(row.value) as FieldValue;
      byMaterial.set(row.material_code, values);
    }
    return byMaterial;
  }

  /** Sets (or, for null, clears) one field value. */
  saveField(
    caseId: number,
    materialCode: string,
    key: string,
    value: FieldValue,
    userId: number,
    at: string,
  ): void {
    if (value === null) {
      this.db
        .prepare(
          'DELETE FROM case_material_fields WHERE case_id = ? AND material_code = ? AND field_key = ?',
        )
        .run(caseId, materialCode, key);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO case_material_fields (case_id, material_code, field_key, value, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id, material_code, field_key) DO UPDATE SET
           value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .run(caseId, materialCode, key, JSON.stringify(value), userId, at);
  }

  /** Field values of the applicant's other cases, newest first, with where they come from. */
  earlierFieldValues(
    applicantId: number,
    exceptCaseId: number,
  ): { fieldKey: string; value: FieldValue; reference: string; at: string }[] {
    const rows = this.db
      .prepare(
        `SELECT f.field_key, f.value, c.reference, f.updated_at FROM case_material_fields f
         JOIN cases c ON c.id = f.case_id
         WHERE c.applicant_id = ? AND c.id <> ? ORDER BY f.updated_at DESC, f.case_id DESC`,
      )
      .all(applicantId, exceptCaseId) as {
      field_key: string;
      value: string;
      reference: string;
      updated_at: string;
    }[];
    return rows.map((row) => ({
      fieldKey: row.field_key,
      value: JSON.parse(row.value) as FieldValue,
      reference: row.reference,
      at: row.updated_at,
    }));
  }

  latestReview(caseId: number): ReviewRecord | undefined {
    return this.db
      .prepare(
        `SELECT r.id, r.case_id AS caseId, r.round, r.matter_id AS matterId,
                u.display_name AS startedBy, r.started_at AS startedAt, r.outcome,
                r.concluded_at AS concludedAt
         FROM reviews r JOIN users u ON u.id = r.started_by
         WHERE r.case_id = ? ORDER BY r.round DESC LIMIT 1`,
      )
      .get(caseId) as ReviewRecord | undefined;
  }

  insertReview(caseId: number, round: number, matterId: number, userId: number, at: string): void {
    this.db
      .prepare(
        'INSERT INTO reviews (case_id, round, matter_id, started_by, started_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(caseId, round, matterId, userId, at);
  }

  concludeReview(reviewId: number, outcome: ReviewOutcome, userId: number, at: string): void {
    this.db
      .prepare(
        'UPDATE reviews SET outcome = ?, concluded_by = ?, concluded_at = ? WHERE id = ? AND outcome IS NULL',
      )
      .run(outcome, userId, at, reviewId);
  }

  insertDecision(decision: NewDecision): void {
    this.db
      .prepare(
        `INSERT INTO review_decisions (review_id, point_code, point_version, matter_version, verdict,
           note, suggestion, overrode, passages, decided_by, decided_at)
         VALUES (@reviewId, @pointCode, @pointVersion, @matterVersion, @verdict, @note, @suggestion,
           @overrode, @passages, @userId, @at)`,
      )
      .run({
        ...decision,
        suggestion: decision.suggestion && JSON.stringify(decision.suggestion),
        overrode: decision.overrode ? 1 : 0,
        passages: JSON.stringify(decision.passages),
      });
  }

  /** The latest decision on each point of a review. */
  decisions(reviewId: number): Map<string, ReviewDecision> {
    const rows = this.db
      .prepare(
        `SELECT d.point_code, d.verdict, d.note, d.overrode, d.passages, d.decided_at,
                u.display_name AS decided_by
         FROM review_decisions d JOIN users u ON u.id = d.decided_by
         WHERE d.id IN (SELECT max(id) FROM review_decisions WHERE review_id = ? GROUP BY point_code)`,
      )
      .all(reviewId) as {
      point_code: string;
      verdict: ReviewVerdict;
      note: string | null;
      overrode: number;
      passages: string;
      decided_at: string;
      decided_by: string;
    }[];
    return new Map(
      rows.map((row) => [
        row.point_code,
        {
          verdict: row.verdict,
          note: row.note,
          overrode: row.overrode === 1,
          decidedBy: row.decided_by,
          decidedAt: row.decided_at,
          passages: JSON.parse(row.passages) as ReviewDecision['passages'],
        },
      ]),
    );
  }

  insertModelSuggestion(reviewId: number, pointCode: string, record: ModelSuggestionRecord): void {
    this.db
      .prepare(
        `INSERT INTO review_suggestions (review_id, point_code, verdict, reason, cited, model, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        reviewId,
        pointCode,
        record.verdict,
        record.reason,
        JSON.stringify(record.cited),
        record.model,
        record.at,
      );
  }

  /** The latest model suggestion on each point of a review. */
  modelSuggestions(reviewId: number): Map<string, ModelSuggestionRecord> {
    const rows = this.db
      .prepare(
        `SELECT point_code, verdict, reason, cited, model, created_at FROM review_suggestions
         WHERE id IN (SELECT max(id) FROM review_suggestions WHERE review_id = ? GROUP BY point_code)`,
      )
      .all(reviewId) as {
      point_code: string;
      verdict: ModelSuggestionRecord['verdict'];
      reason: string;
      cited: string;
      model: string;
      created_at: string;
    }[];
    return new Map(
      rows.map((row) => [
        row.point_code,
        {
          verdict: row.verdict,
          reason: row.reason,
          cited: JSON.parse(row.cited) as string[],
          model: row.model,
          at: row.created_at,
        },
      ]),
    );
  }

  /** Notice numbers run per day like case references: GZ20261121-0001. */
  nextNoticeNumber(day: string): string {
    const prefix = `GZ${day.replaceAll('-', '')}-`;
    const row = this.db
      .prepare(
        `SELECT max(CAST(substr(number, ?) AS INTEGER)) AS last FROM correction_notices
         WHERE number >= ? AND number < ?`,
      )
      .get(prefix.length + 1, prefix, `${prefix}:`) as { last: number | null };
    return `${prefix}${String((row.last ?? 0) + 1).padStart(4, '0')}`;
  }

  insertNotice(
    reviewId: number,
    caseId: number,
    notice: CorrectionNotice,
    userId: number,
    at: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO correction_notices (number, review_id, case_id, document, issued_by, issued_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(notice.number, reviewId, caseId, JSON.stringify(notice), userId, at);
  }

  latestNotice(caseId: number): CorrectionNotice | undefined {
    const row = this.db
      .prepare('SELECT document FROM correction_notices WHERE case_id = ? ORDER BY id DESC LIMIT 1')
      .get(caseId) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as CorrectionNotice);
  }
}
