import type { PurgeReport } from '@shared/api';
import type { AttachmentStore } from '../attachments';
import type { AuditLog } from '../audit';
import type { Clock } from '../clock';
import { inTransaction, type Db } from '../db/connection';
import type { SettingsStore } from '../settings/settings-store';

/** The instant `months` calendar months before `now` (the day clamped to the month's end). */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now);
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

interface PurgeRow {
  id: number;
  at: string;
  cutoff: string;
  retention_months: number;
  trigger: 'scheduled' | 'manual';
  by_user: number | null;
  cases: number;
  applicants: number;
}

/**
 * The retention rule: cases whose last activity is older than the configured months are removed
 * with everything that names their applicant (materials, fields, reviews, notices, history,
 * conversations, outbox copies), and applicants left without a case with them. secure_delete
 * zeroes the freed pages; the log is then checkpointed and truncated so no old page survives
 * there. Each run leaves a row in the purge report and an entry in the audit trail.
 */
export class RetentionService {
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly attachments: AttachmentStore,
    /** Records that outlive the case (walks) let go of it, inside the purge's transaction. */
    private readonly releaseCase: (caseId: number) => void = () => undefined,
  ) {}

  purge(
    trigger: 'scheduled' | 'manual',
    user: { id: number; username: string } | undefined,
  ): PurgeReport {
    const now = this.clock.now();
    const months = this.settings.read().retentionMonths;
    const cutoff = monthsBefore(now, months).toISOString();
    const removedFiles: number[] = [];
    const report = inTransaction(this.db, () => {
      const ids = (
        this.db.prepare('SELECT id FROM cases WHERE updated_at < ? ORDER BY id').all(cutoff) as {
          id: number;
        }[]
      ).map((row) => row.id);
      for (const id of ids) {
        removedFiles.push(...this.attachments.removeRowsOfCase(id));
        this.removeCase(id);
      }
      const applicants = this.db
        .prepare('DELETE FROM applicants WHERE id NOT IN (SELECT applicant_id FROM cases)')
        .run().changes;
      const row = {
        at: now.toISOString(),
        cutoff,
        retention_months: months,
        trigger,
        by_user: user?.id ?? null,
        cases: ids.length,
        applicants,
      };
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO retention_purges (at, cutoff, retention_months, trigger, by_user, cases, applicants)
           VALUES (@at, @cutoff, @retention_months, @trigger, @by_user, @cases, @applicants)`,
        )
        .run(row);
      return reportOf({ id: Number(lastInsertRowid), ...row });
    });
    this.audit.append({
      userId: user?.id ?? null,
      actor: user?.username ?? 'system',
      action: 'retention.purge',
      subject: `purge:${report.id}`,
      outcome: 'success',
      detail: { cases: report.cases, applicants: report.applicants, cutoff, trigger },
    });
    // Their keys went with the rows, so the files are noise now; they go too, once committed.
    for (const id of removedFiles) this.attachments.deleteFile(id);
    // Old page images may still sit in the log: fold it in and cut it to nothing.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return report;
  }

  reports(limit = 50): PurgeReport[] {
    return (
      this.db
        .prepare('SELECT * FROM retention_purges ORDER BY id DESC LIMIT ?')
        .all(limit) as PurgeRow[]
    ).map(reportOf);
  }

  /** Whether today's scheduled purge has not run yet. */
  isDue(): boolean {
    const last = this.db
      .prepare(
        "SELECT at FROM retention_purges WHERE trigger = 'scheduled' ORDER BY id DESC LIMIT 1",
      )
      .get() as { at: string } | undefined;
    return !last || this.clock.now().getTime() - Date.parse(last.at) >= 24 * 60 * 60_000;
  }

  private removeCase(id: number): void {
    const run = (sql: string): void => {
      this.db.prepare(sql).run(id);
    };
    // A walk and a report of 办不成事 are the hall's own record: they stay, unlinked. Walks
    // first, while the case's history still gives their stage times.
    this.releaseCase(id);
    run(
      'DELETE FROM review_decisions WHERE review_id IN (SELECT id FROM reviews WHERE case_id = ?)',
    );
    run(
      'DELETE FROM review_suggestions WHERE review_id IN (SELECT id FROM reviews WHERE case_id = ?)',
    );
    run('DELETE FROM correction_notices WHERE case_id = ?');
    run('DELETE FROM reviews WHERE case_id = ?');
    run('DELETE FROM case_material_fields WHERE case_id = ?');
    run('DELETE FROM case_materials WHERE case_id = ?');
    run('DELETE FROM case_events WHERE case_id = ?');
    run(
      'DELETE FROM remote_session_events WHERE session_id IN (SELECT id FROM remote_sessions WHERE case_id = ?)',
    );
    run('DELETE FROM remote_sessions WHERE case_id = ?');
    run(
      'DELETE FROM copilot_answers WHERE conversation_id IN (SELECT id FROM copilot_conversations WHERE case_id = ?)',
    );
    run('DELETE FROM copilot_conversations WHERE case_id = ?');
    // A knowledge gap is the hall's question about its knowledge: it stays, unlinked.
    run('UPDATE knowledge_gaps SET case_id = NULL WHERE case_id = ?');
    run('UPDATE unresolved_reports SET case_id = NULL WHERE case_id = ?');
    // Every outbox copy of the case carries its reference. The copies are emptied, not deleted:
    // the hub's sequence must stay gap-free, and it records a redacted entry without applying it.
    run(
      `UPDATE outbox SET operation = 'redacted', payload = '{"redacted":true}'
        WHERE json_extract(payload, '$.reference') = (SELECT reference FROM cases WHERE id = ?)`,
    );
    run('DELETE FROM cases_fts WHERE rowid = ?');
    run('DELETE FROM cases WHERE id = ?');
  }
}

function reportOf(row: PurgeRow): PurgeReport {
  return {
    id: row.id,
    at: row.at,
    cutoff: row.cutoff,
    retentionMonths: row.retention_months,
    trigger: row.trigger,
    byUserId: row.by_user,
    cases: row.cases,
    applicants: row.applicants,
  };
}
