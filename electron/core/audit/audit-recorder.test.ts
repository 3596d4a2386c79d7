import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@shared/api';
import { ADMIN, openTestEngine, type TestEngine } from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

const person = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  address: '城关镇人民路 18 号',
} as const;

async function trail(): Promise<AuditEntry[]> {
  return (await t.ok('audit.search', { limit: 500 })).entries.reverse();
}

describe('the audit trail of an engine at work', () => {
  it('records sign-ins, reads, reveals, prints, exports and role changes, and nothing personal', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const stranger = t.connect();
    const wrong = await stranger.call('auth.signIn', { username: 'admin', password: 'not it!' });
    expect(wrong.ok).toBe(false);

    const [matter] = await t.ok('matters.search', { query: 'T-GTSL' });
    const { id } = await t.ok('cases.create', { matterId: matter?.id ?? 0, applicant: person });
    await t.ok('cases.get', { id });
    await t.ok('cases.get', { id });
    t.clock.advanceMinutes(11);
    await t.ok('cases.get', { id });
    expect((await t.ok('cases.reveal', { id })).idNumber).toBe(person.idNumber);
    await t.ok('audit.recordPrint', { document: 'correctionNotice', caseId: id });
    await t.ok('documents.applicationDocx', { caseId: id });

    const clerk = await t.ok('users.create', {
      username: 'clerk1',
      displayName: '窗口一',
      role: 'clerk',
      password: 'Clerk#2026xx',
    });
    await t.ok('users.update', { id: clerk.id, role: 'leader' });
    const other = t.connect();
    await other.ok('auth.signIn', { username: 'clerk1', password: 'Clerk#2026xx' });
    expect((await other.call('audit.search', {})).ok).toBe(false);

    const entries = await trail();
    const lines = entries.map(
      (entry) => `${entry.actor} ${entry.action} ${entry.subject} ${entry.outcome}`,
    );
    expect(lines).toEqual([
      `admin auth.setUp user:${ADMIN.username} success`,
      'admin auth.signIn user:admin failure',
      `admin personalData.read case:${id} success`,
      `admin personalData.read case:${id} success`,
      `admin personalData.reveal case:${id} success`,
      `admin document.print case:${id} success`,
      `admin document.export case:${id} success`,
      'admin user.create user:clerk1 success',
      `admin user.update user:${clerk.id} success`,
      'clerk1 auth.signIn user:clerk1 success',
      'clerk1 audit.search audit-log denied',
    ]);
    expect(entries.find((entry) => entry.action === 'user.update')?.detail).toEqual({
      fields: ['role'],
      role: 'leader',
    });
    expect(entries[1]?.detail).toEqual({ error: 'BAD_CREDENTIALS' });
    expect(entries.every((entry) => entry.terminal.includes('#'))).toBe(true);

    const everything = JSON.stringify(entries);
    for (const secret of [
      person.name,
      person.idNumber,
      person.phone,
      person.address,
      'Clerk#2026xx',
    ])
      expect(everything).not.toContain(secret);
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, problems: [] });
  });

  it('fails closed: no data leaves when the trail cannot be written', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const [matter] = await t.ok('matters.search', { query: 'T-GTSL' });
    const { id } = await t.ok('cases.create', { matterId: matter?.id ?? 0, applicant: person });
    // A trail that refuses every write, as a full disk or a broken file would.
    t.engine.db.exec(
      "CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk I/O'); END",
    );
    const reveal = await t.call('cases.reveal', { id });
    expect(reveal.ok ? undefined : reveal.error.code).toBe('INTERNAL');
    expect(JSON.stringify(reveal)).not.toContain(person.idNumber);
  });
});
