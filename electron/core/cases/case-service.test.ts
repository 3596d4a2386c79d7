import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_KNOWLEDGE,
  openTestEngine,
  type TestEngine,
} from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

const person = {
  kind: 'person',
  name: '张伟',
  idNumber: '11010519491231002x',
  phone: '13800138000',
} as const;
const enterprise = {
  kind: 'enterprise',
  name: '某某餐饮管理有限公司',
  // Built for the tests: passes both the GB 32100 and the GB 11714 checks.
  uscc: '91350100M000100Y43',
  legalRepresentative: '李四',
  address: '福建省福州市鼓楼区某路 1 号',
} as const;

async function matterId(query: string): Promise<number> {
  const [found] = await t.ok('matters.search', { query });
  if (!found) throw new Error(`no matter for ${query}`);
  return found.id;
}

describe('cases', () => {
  it('opens a case for a person with the whole checklist pending and a dated reference', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const detail = await t.ok('cases.create', {
      matterId: await matterId('个体执照'),
      applicant: person,
    });
    expect(detail.reference).toBe('BB20261120-0001');
    expect(detail.status).toBe('intake');
    expect(detail.applicant).toMatchObject({ name: '张*', idNumber: '110105********002X' });
    expect(await t.ok('cases.reveal', { id: detail.id })).toMatchObject({
      name: '张伟',
      idNumber: '11010519491231002X',
    });
    expect(detail.materials.map((m) => [m.code, m.state])).toEqual([
      ['M01', 'pending'],
      ['M02', 'pending'],
      ['M03', 'pending'],
    ]);
    expect(detail.events[0]?.summary.zh).toContain('创建办件');
    const second = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    expect(second.reference).toBe('BB20261120-0002');
  });

  it('keeps each case’s applicant as they were, when a later case updates them', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const first = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: { ...person, name: '张伟明', phone: '13900139000' },
    });
    const earlier = await t.ok('cases.reveal', { id: first.id });
    expect(earlier).toMatchObject({ name: '张伟', phone: '13800138000' });
    expect((await t.ok('cases.list', { query: '张伟明' })).total).toBe(1);
    const outbox = t.engine.db
      .prepare("SELECT payload FROM outbox WHERE entity = 'case' ORDER BY id")
      .all() as {
      payload: string;
    }[];
    expect(
      outbox.map(
        (row) => (JSON.parse(row.payload) as { applicant: { name: string } }).applicant.name,
      ),
    ).toEqual(['张伟', '张伟明']);
  });

  it('masks personal data for every role until a reveal, which a remote expert may not make', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const { id } = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    await t.ok('users.create', {
      username: 'leader1',
      displayName: '李领导',
      role: 'leader',
      password: 'Leader#2026x',
    });
    const leader = t.connect();
    await leader.ok('auth.signIn', { username: 'leader1', password: 'Leader#2026x' });
    const seen = await leader.ok('cases.get', { id });
    expect(seen.applicant).toMatchObject({
      name: '张*',
      idNumber: '110105********002X',
      phone: '138****8000',
    });
    expect(JSON.stringify(seen)).not.toContain('11010519491231002X');
    expect((await t.ok('cases.get', { id })).applicant.idNumber).toBe('110105********002X');
    expect((await t.ok('cases.reveal', { id })).idNumber).toBe('11010519491231002X');
    expect((await leader.ok('cases.reveal', { id })).name).toBe('张伟');
    await t.ok('users.create', {
      username: 'expert1',
      displayName: '王专家',
      role: 'remote_expert',
      password: 'Expert#2026x',
    });
    const expert = t.connect();
    await expert.ok('auth.signIn', { username: 'expert1', password: 'Expert#2026x' });
    const refused = await expert.call('cases.reveal', { id });
    expect(refused.ok ? undefined : refused.error.code).toBe('FORBIDDEN');
  });

  it('keeps numbering past 9,999 cases in one day', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const first = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    t.engine.db
      .prepare('UPDATE cases SET reference = ? WHERE id = ?')
      .run('BB20261120-9999', first.id);
    const tenThousandth = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    expect(tenThousandth.reference).toBe('BB20261120-10000');
    const next = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    expect(next.reference).toBe('BB20261120-10001');
  });

  it('opens a case for an enterprise and refuses one the matter does not serve', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const detail = await t.ok('cases.create', {
      matterId: await matterId('办食品证'),
      applicant: enterprise,
    });
    expect(detail.applicant).toMatchObject({ kind: 'enterprise', legalRepresentative: '李*' });
    expect((await t.ok('cases.reveal', { id: detail.id })).legalRepresentative).toBe('李四');
    const wrong = await t.call('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: enterprise,
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['applicant', 'kind'] },
    });
  });

  it('rejects an ID number with a wrong check digit, on the field', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const response = await t.call('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: { ...person, idNumber: '110105194912310021' },
    });
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['applicant', 'idNumber'],
    });
    expect(response.error.message.zh).toContain('校验位');
    expect(await t.ok('cases.list', {})).toMatchObject({ total: 0 });
  });

  it('tracks material states with notes and history, and counts received ones in the list', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const { id } = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    await t.ok('cases.setMaterialState', { caseId: id, materialCode: 'M01', state: 'received' });
    const missingNote = await t.call('cases.setMaterialState', {
      caseId: id,
      materialCode: 'M02',
      state: 'to_correct',
    });
    expect(missingNote).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', path: ['note'] },
    });
    const detail = await t.ok('cases.setMaterialState', {
      caseId: id,
      materialCode: 'M02',
      state: 'to_correct',
      note: '复印件不清晰',
    });
    expect(detail.materials[1]).toMatchObject({
      state: 'to_correct',
      note: '复印件不清晰',
      updatedBy: '系统管理员',
    });
    expect(detail.events.map((event) => event.summary.zh)).toEqual([
      '经营者身份证明：需补正（复印件不清晰）',
      '个体工商户登记申请书：已收取',
      '创建办件（事项第 1 版）',
    ]);
    const unknown = await t.call('cases.setMaterialState', {
      caseId: id,
      materialCode: 'M99',
      state: 'received',
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', path: ['materialCode'] },
    });
    const { rows } = await t.ok('cases.list', {});
    expect(rows[0]).toMatchObject({ materialsReceived: 1, materialsTotal: 3 });
  });

  it('lists with masked personal data, full-text search on short names and references, and sorting', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const gtsl = await matterId('T-GTSL');
    await t.ok('cases.create', { matterId: gtsl, applicant: person });
    await t.ok('cases.create', {
      matterId: gtsl,
      applicant: { ...person, name: '王芳', idNumber: '110105199003070025' },
    });
    await t.ok('cases.create', { matterId: await matterId('T-SPJY'), applicant: enterprise });
    const all = await t.ok('cases.list', {});
    expect(all.total).toBe(3);
    expect(all.rows.find((row) => row.applicantKind === 'person')?.applicantIdMasked).toMatch(
      /^110105\*{8}\d{3}[\dX]$/,
    );
    expect(all.rows.map((row) => row.applicantName)).not.toContain('张伟');
    expect((await t.ok('cases.list', { query: '张伟' })).rows).toHaveLength(1);
    expect((await t.ok('cases.list', { query: '食品' })).rows).toHaveLength(1);
    expect((await t.ok('cases.list', { query: 'bb20261120-000' })).total).toBe(3);
    expect((await t.ok('cases.list', { query: '李' })).total).toBe(0);
    const byReference = await t.ok('cases.list', {
      sort: { field: 'reference', direction: 'asc' },
    });
    expect(byReference.rows.map((row) => row.reference)).toEqual([
      'BB20261120-0001',
      'BB20261120-0002',
      'BB20261120-0003',
    ]);
    expect((await t.ok('cases.list', { matterCode: 'T-SPJY' })).total).toBe(1);
    expect((await t.ok('cases.list', { status: 'accepted' })).total).toBe(0);
  });

  it('appends every write to the outbox in the same transaction', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const { id, reference } = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    await t.ok('cases.setMaterialState', { caseId: id, materialCode: 'M01', state: 'received' });
    const outbox = t.engine.db
      .prepare(
        "SELECT entity, entity_id AS entityId, operation FROM outbox WHERE entity != 'user' ORDER BY id",
      )
      .all();
    expect(outbox).toEqual([
      { entity: 'case', entityId: reference, operation: 'create' },
      { entity: 'case_material', entityId: `${reference}/M01`, operation: 'update' },
    ]);
  });

  it('keeps the matter version a case was opened under after a newer one arrives', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    const opened = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    const fixture = readFileSync(join(FIXTURE_KNOWLEDGE, 'minimal.yaml'), 'utf8');
    await t.ok('knowledge.import', {
      fileName: 'v2.yaml',
      content: fixture
        .replace('code: T-GTSL\n    version: 1', 'code: T-GTSL\n    version: 2')
        .replace(
          'name: 经营场所使用证明 }',
          'name: 经营场所使用证明 }\n      - { code: M04, name: 委托书 }',
        ),
    });
    const detail = await t.ok('cases.get', { id: opened.id });
    expect(detail.matter.version).toBe(1);
    expect(detail.materials).toHaveLength(3);
    const stale = await t.call('cases.create', { matterId: opened.matter.id, applicant: person });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', path: ['matterId'] } });
  });

  it('promises a completion date in working days, and says when the calendar cannot tell', async () => {
    t = openTestEngine();
    await t.setupAdmin();
    // Friday 2026-11-20, promised 1 working day: the next Monday.
    const friday = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    expect(friday.deadline).toEqual({
      from: '2026-11-20',
      dueBy: '2026-11-23',
      unknownReason: null,
    });
    // 10 working days from Monday 2026-09-28: Sep 29-30, (National Day Oct 1-7 off), Oct 8-9,
    // the make-up Saturday Oct 10, then Oct 12-16.
    t.clock.advanceMinutes(-53 * 24 * 60);
    const autumn = await t.ok('cases.create', {
      matterId: await matterId('T-SPJY'),
      applicant: enterprise,
    });
    expect(autumn.deadline).toMatchObject({ from: '2026-09-28', dueBy: '2026-10-16' });
    t.clock.advanceMinutes((53 + 40) * 24 * 60);
    // Forty days later the idle session is long over: sign in again.
    await t.ok('auth.signIn', { username: 'admin', password: 'Bangban#2026ok' });
    const nextYear = await t.ok('cases.create', {
      matterId: await matterId('T-SPJY'),
      applicant: enterprise,
    });
    expect(nextYear.deadline.dueBy).toBeNull();
    expect(nextYear.deadline.unknownReason?.zh).toContain('2027 年的节假日安排尚未导入');
  });

  it('survives an engine restart', async () => {
    t = openTestEngine();
    const session = await t.setupAdmin();
    const { reference } = await t.ok('cases.create', {
      matterId: await matterId('T-GTSL'),
      applicant: person,
    });
    t = t.reopen();
    await t.ok('auth.resume', { token: session.token });
    expect((await t.ok('cases.list', {})).rows.map((row) => row.reference)).toEqual([reference]);
  });
});
