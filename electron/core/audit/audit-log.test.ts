import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../clock';
import { migrate } from '../db/migrations';
import { AuditLog, type AuditRecord } from './audit-log';

class StepClock implements Clock {
  private current = Date.parse('2026-11-20T01:00:00.000Z');
  now(): Date {
    this.current += 60_000;
    return new Date(this.current);
  }
}

function freshLog(): { db: Database.Database; log: AuditLog } {
  const db = new Database(':memory:');
  migrate(db);
  return { db, log: new AuditLog(db, new StepClock(), 'window-03') };
}

const signIn = (actor: string, outcome: AuditRecord['outcome'] = 'success'): AuditRecord => ({
  userId: 1,
  actor,
  action: 'auth.signIn',
  subject: `user:${actor}`,
  outcome,
});

function fill(log: AuditLog, count: number): void {
  for (let i = 1; i <= count; i++) {
    log.append(
      i % 3 === 0
        ? {
            userId: 2,
            actor: 'clerk1',
            action: 'personalData.reveal',
            subject: `case:${i}`,
            outcome: 'success',
          }
        : signIn(i % 2 === 0 ? 'admin' : 'clerk1', i % 5 === 0 ? 'failure' : 'success'),
    );
  }
}

/** Tampering as an insider with the key would: drop the triggers, change, put them back. */
function tamper(db: Database.Database, sql: string): void {
  db.exec(`
    DROP TRIGGER audit_log_no_update;
    DROP TRIGGER audit_log_no_delete;
    ${sql};
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}

describe('the audit log', () => {
  it('chains every entry to the one before and verifies clean', () => {
    const { log } = freshLog();
    fill(log, 30);
    const result = log.verify();
    expect(result).toMatchObject({ ok: true, entries: 30, problems: [] });
    expect(result.head?.seq).toBe(30);
    const [newest] = log.search({ limit: 1 }).entries;
    expect(newest?.seq).toBe(30);
    expect(newest?.terminal).toMatch(/^window-03#[0-9a-f]{8}$/);
  });

  it('refuses updates and deletions outright', () => {
    const { db, log } = freshLog();
    fill(log, 3);
    expect(() => db.exec("UPDATE audit_log SET outcome = 'success'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 2')).toThrow(/append-only/);
  });

  it('names an edited entry', () => {
    const { db, log } = freshLog();
    fill(log, 12);
    tamper(db, "UPDATE audit_log SET outcome = 'success' WHERE seq = 5");
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ seq: 5, kind: 'edited' })]);
  });

  it('names deleted entries, and an entry rewritten with a fresh hash that no longer links', () => {
    const { db, log } = freshLog();
    fill(log, 12);
    tamper(db, 'DELETE FROM audit_log WHERE seq IN (7, 8)');
    expect(log.verify().problems).toEqual([expect.objectContaining({ seq: 9, kind: 'missing' })]);

    const second = freshLog();
    fill(second.log, 6);
    // A forger edits row 3 and gives it a new hash: it fails its own check, and row 4 no
    // longer links to it.
    tamper(
      second.db,
      `UPDATE audit_log SET actor = 'nobody', hash = 'f${'0'.repeat(63)}' WHERE seq = 3`,
    );
    const problems = second.log.verify().problems.map((problem) => [problem.seq, problem.kind]);
    expect(problems).toEqual([
      [3, 'edited'],
      [4, 'unlinked'],
    ]);
  });

  it('says when the append-only triggers are gone', () => {
    const { db, log } = freshLog();
    fill(log, 2);
    db.exec('DROP TRIGGER audit_log_no_delete');
    expect(log.verify().problems).toEqual([
      expect.objectContaining({ seq: null, kind: 'unprotected' }),
    ]);
  });

  it('searches by actor, action prefix, outcome and Beijing day, newest first, in pages', () => {
    const { log } = freshLog();
    fill(log, 30);
    expect(log.search({ action: 'personalData', limit: 100 }).total).toBe(10);
    expect(log.search({ action: 'auth', limit: 100 }).total).toBe(20);
    expect(log.search({ action: 'aut', limit: 100 }).total).toBe(0);
    expect(
      log.search({ actor: 'admin', outcome: 'failure', limit: 100 }).entries.map((e) => e.seq),
    ).toEqual([20, 10]);
    const first = log.search({ limit: 12 });
    expect(first.entries.map((e) => e.seq)).toEqual([
      30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
    ]);
    expect(first.nextBeforeSeq).toBe(19);
    const rest = log.search({ limit: 100, beforeSeq: 19 });
    expect(rest.entries).toHaveLength(18);
    expect(rest.nextBeforeSeq).toBeNull();
    // The clock starts at 09:01 Beijing time on 2026-11-20 and moves a minute per entry.
    expect(log.search({ from: '2026-11-20', to: '2026-11-20', limit: 100 }).total).toBe(30);
    expect(log.search({ from: '2026-11-21', limit: 100 }).total).toBe(0);
  });
});
