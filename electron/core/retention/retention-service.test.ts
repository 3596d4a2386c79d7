import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  openTestEngine,
  SEED_KNOWLEDGE,
  type TestEngine,
} from '../../../tests/support/engine-harness';
import { monthsBefore } from './retention-service';

let t: TestEngine;
let opened = false;
afterEach(() => {
  if (opened) t.close();
  opened = false;
});

/** Moves the clock on; the session has long expired by then, so sign in again. */
async function later(minutes: number): Promise<void> {
  t.clock.advanceMinutes(minutes);
  await t.ok('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
}

describe('monthsBefore', () => {
  it('goes back calendar months, clamping to the end of a shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T08:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T08:00:00.000Z',
    );
    expect(monthsBefore(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe(
      '2023-02-28T00:00:00.000Z',
    );
    expect(monthsBefore(new Date('2027-01-15T00:00:00Z'), 36).toISOString()).toBe(
      '2024-01-15T00:00:00.000Z',
    );
  });
});

const shared = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
} as const;
const onlyOld = {
  kind: 'person',
  name: '司马青衫',
  idNumber: '350102195001010018',
  phone: '13900139000',
} as const;

describe('the retention purge', () => {
  it('removes cases past the period with all that names their applicant, and reports it', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    opened = true;
    await t.setupAdmin();
    await t.ok('settings.update', { retentionMonths: 6 });
    const [matter] = await t.ok('matters.search', { query: '个体' });
    const matterId = matter?.id ?? 0;
    const old = await t.ok('cases.create', { matterId, applicant: onlyOld });
    const oldShared = await t.ok('cases.create', { matterId, applicant: shared });
    await t.ok('review.start', { caseId: old.id });
    await t.ok('copilot.ask', { question: '司马青衫的驾驶证到期换证在哪里办？', caseId: old.id });

    await later(7 * 31 * 24 * 60);
    const recent = await t.ok('cases.create', { matterId, applicant: shared });
    const report = await t.ok('retention.purge', {});
    expect(report).toMatchObject({
      trigger: 'manual',
      retentionMonths: 6,
      cases: 2,
      applicants: 1,
    });

    const db = t.engine.db;
    const references = (
      db.prepare('SELECT reference FROM cases').all() as { reference: string }[]
    ).map((row) => row.reference);
    expect(references).toEqual([recent.reference]);
    const left = (table: string, where = '1'): number =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
    expect(left('applicants')).toBe(1);
    expect(left('applicants', `id_number = '${onlyOld.idNumber}'`)).toBe(0);
    expect(left('reviews')).toBe(0);
    expect(left('case_events', `case_id IN (${old.id}, ${oldShared.id})`)).toBe(0);
    expect(left('copilot_conversations')).toBe(0);
    expect(
      left(
        'outbox',
        `payload LIKE '%${old.reference}%' OR payload LIKE '%${oldShared.reference}%'`,
      ),
    ).toBe(0);
    // The hall's open question about its knowledge stays, no longer tied to the case.
    expect(left('knowledge_gaps', 'case_id IS NULL')).toBe(1);
    expect((await t.ok('cases.list', {})).total).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The log was folded in and cut to nothing: no old page images wait there.
    expect(statSync(join(t.dataDir, 'bangban.db-wal')).size).toBe(0);

    expect((await t.ok('retention.reports', {}))[0]).toEqual(report);
    const [entry] = (await t.ok('audit.search', { action: 'retention' })).entries;
    expect(entry).toMatchObject({ action: 'retention.purge', detail: { cases: 2, applicants: 1 } });
    expect(JSON.stringify(entry)).not.toContain(onlyOld.name);
  });

  it('runs once a day on its own, and does nothing when nothing is old enough', async () => {
    t = openTestEngine();
    opened = true;
    await t.setupAdmin();
    expect(t.engine.maintenance.runDue()).toEqual(['backup', 'retention']);
    expect(t.engine.maintenance.runDue()).toEqual([]);
    await later(24 * 60);
    expect(t.engine.maintenance.runDue()).toEqual(['backup', 'retention']);
    const reports = await t.ok('retention.reports', {});
    expect(reports.map((report) => [report.trigger, report.cases])).toEqual([
      ['scheduled', 0],
      ['scheduled', 0],
    ]);
  });
});
