import { afterEach, describe, expect, it } from 'vitest';
import type { MethodName } from '@shared/api';
import {
  ManualClock,
  openTestEngine,
  type TestConnection,
  type TestEngine,
} from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

const person = {
  kind: 'person',
  name: '欧阳明月',
  idNumber: '11010519491231002X',
  phone: '13800138000',
} as const;

const PASSWORD = 'Walk#2026check';

async function user(
  username: string,
  displayName: string,
  role: 'leader' | 'clerk',
): Promise<{ id: number; connection: TestConnection }> {
  const password = PASSWORD;
  const created = await t.ok('users.create', { username, displayName, role, password });
  const connection = t.connect();
  await connection.ok('auth.signIn', { username, password });
  return { id: created.id, connection };
}

/** A unit with two leaders and a clerk, the fixtures' two high-frequency matters. */
async function hall(clock?: ManualClock) {
  t = openTestEngine(clock ? { clock } : {});
  await t.setupAdmin();
  await t.ok('settings.update', { idleTimeoutMinutes: 240 });
  const wang = await user('wang', '王局长', 'leader');
  const li = await user('li', '李副局长', 'leader');
  const clerk = await user('zhao', '赵窗口', 'clerk');
  const unit = await t.ok('units.save', {
    name: '县市场监督管理局',
    kind: 'department',
    department: '县市场监督管理局',
    leaders: [
      { userId: wang.id, title: '局长' },
      { userId: li.id, title: '副局长' },
    ],
  });
  return { wang, li, clerk, unit };
}

async function errorCode(
  connection: TestConnection,
  method: MethodName,
  input: unknown,
): Promise<string> {
  const response = await connection.call(method, input);
  return response.ok ? 'ok' : response.error.code;
}

/** A case of T-GTSL taken through its review to acceptance and completion. */
async function acceptedCase(): Promise<number> {
  const [matter] = await t.ok('matters.search', { query: 'T-GTSL' });
  const created = await t.ok('cases.create', { matterId: matter?.id ?? 0, applicant: person });
  t.clock.advanceMinutes(12);
  for (const code of ['M01', 'M02', 'M03'])
    await t.ok('cases.setMaterialState', {
      caseId: created.id,
      materialCode: code,
      state: 'received',
    });
  await t.ok('review.start', { caseId: created.id });
  t.clock.advanceMinutes(20);
  await t.ok('review.decide', { caseId: created.id, pointCode: 'R01', verdict: 'pass' });
  const { review } = await t.ok('review.conclude', { caseId: created.id });
  expect(review.outcome).toBe('accept');
  return created.id;
}

describe('units', () => {
  it('takes the department’s matters with the catalogue’s flag, adjustable per unit', async () => {
    const { unit, clerk } = await hall();
    expect(unit.leaders.map((leader) => leader.title)).toEqual(['局长', '副局长']);
    expect(unit.matters.map((m) => [m.matterCode, m.highFrequency])).toEqual([
      ['T-GTSL', true],
      ['T-SPJY', true],
    ]);
    const adjusted = await t.ok('units.save', {
      id: unit.id,
      name: unit.name,
      kind: 'department',
      department: unit.department,
      leaders: unit.leaders.map(({ userId, title }) => ({ userId, title })),
      matters: [
        { matterCode: 'T-GTSL', highFrequency: true },
        { matterCode: 'T-SPJY', highFrequency: false },
      ],
    });
    expect(adjusted.matters.find((m) => m.matterCode === 'T-SPJY')).toMatchObject({
      highFrequency: false,
      catalogueHighFrequency: true,
    });
    const notLeader = await t.call('units.save', {
      name: '县政务服务中心',
      kind: 'hall',
      department: null,
      leaders: [{ userId: clerk.id, title: '主任' }],
    });
    expect(notLeader.ok ? null : notLeader.error.path).toEqual(['leaders', 0, 'userId']);
    const twice = await t.call('units.save', {
      name: unit.name,
      kind: 'hall',
      department: null,
      leaders: [],
    });
    expect(twice.ok ? null : twice.error.code).toBe('CONFLICT');
  });
});

describe('a walk', () => {
  it('takes stage times from a linked case, times the rest, and locks when finished', async () => {
    const { wang, li, unit } = await hall();
    const caseId = await acceptedCase();
    const leader = wang.connection;
    let walk = await leader.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-GTSL',
      hall: '县政务服务中心一楼',
      caseId,
    });
    expect(walk.status).toBe('in_progress');
    const stage = (name: string) => walk.stages.find((each) => each.stage === name);
    expect(stage('apply')).toMatchObject({
      startSource: 'case',
      endSource: 'case',
      durationMinutes: 12,
    });
    expect(stage('accept')).toMatchObject({ startSource: 'case', durationMinutes: 20 });
    expect(stage('review')?.startSource).toBe('case');
    expect(stage('review')?.endedAt).toBeNull();

    walk = await leader.ok('walks.timeStage', { walkId: walk.id, stage: 'consult', edge: 'start' });
    t.clock.advanceMinutes(7);
    // Starting the next stage ends the one the timer was running.
    walk = await leader.ok('walks.timeStage', {
      walkId: walk.id,
      stage: 'feedback',
      edge: 'start',
    });
    expect(stage('consult')?.durationMinutes).toBe(7);
    expect(walk.runningStage).toBe('feedback');

    // The case is completed: 审核 ends and 办结 begins from its history.
    t.clock.advanceMinutes(60);
    await t.ok('cases.complete', { caseId });
    walk = await leader.ok('walks.get', { walkId: walk.id });
    // Accepted before the 7 minutes of consultation and the hour that followed.
    expect(stage('review')?.durationMinutes).toBe(67);
    expect(stage('complete')?.startSource).toBe('case');

    const noReason = await leader.call('walks.editStage', {
      walkId: walk.id,
      stage: 'consult',
      startedAt: '2026-11-20T01:50:00.000Z',
    });
    expect(noReason.ok ? null : noReason.error.path).toEqual(['reason']);
    walk = await leader.ok('walks.editStage', {
      walkId: walk.id,
      stage: 'consult',
      startedAt: '2026-11-20T01:50:00.000Z',
      reason: '群众提前到达，计时晚按',
      channel: 'window',
      rating: 4,
    });
    expect(stage('consult')).toMatchObject({ startSource: 'edited', channel: 'window', rating: 4 });
    expect(walk.events.at(-1)?.summary.zh).toContain('群众提前到达');

    expect(
      await errorCode(li.connection, 'walks.timeStage', {
        walkId: walk.id,
        stage: 'complete',
        edge: 'end',
      }),
    ).toBe('FORBIDDEN');
    walk = await leader.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'accept',
      category: 'repeated_submission',
      severity: 'medium',
      description: '营业执照复印件已在系统中，仍要求群众再交一份',
    });
    expect(walk.findings).toHaveLength(1);

    const stillOpen = await leader.call('walks.finish', {
      walkId: walk.id,
      feedback: { satisfaction: 5 },
      leaderRating: 4,
    });
    expect(stillOpen.ok ? null : stillOpen.error.message.zh).toContain('办结');
    await leader.ok('walks.timeStage', { walkId: walk.id, stage: 'complete', edge: 'end' });
    await leader.ok('walks.timeStage', { walkId: walk.id, stage: 'feedback', edge: 'end' });
    walk = await leader.ok('walks.finish', {
      walkId: walk.id,
      feedback: { satisfaction: 5, comment: '一次办好' },
      leaderRating: 4,
    });
    expect(walk).toMatchObject({ status: 'finished', feedback: { satisfaction: 5 } });
    expect(walk.runningStage).toBeNull();

    // Locked: no edits, no findings; a note is appended and marked as later.
    for (const [method, input] of [
      ['walks.editStage', { walkId: walk.id, stage: 'consult', rating: 1 }],
      ['walks.timeStage', { walkId: walk.id, stage: 'consult', edge: 'start' }],
      [
        'walks.addFinding',
        { walkId: walk.id, stage: 'apply', category: 'other', severity: 'low', description: 'x' },
      ],
    ] as const)
      expect(await errorCode(leader, method, input)).toBe('CONFLICT');
    const lockedEvidence = await leader.call('attachments.add', {
      findingId: walk.findings[0]?.id ?? 0,
      fileName: '补拍.jpg',
      mediaType: 'image/jpeg',
      contentBase64: 'AAAA',
    });
    expect(lockedEvidence.ok ? null : lockedEvidence.error.code).toBe('CONFLICT');
    walk = await leader.ok('walks.addNote', { walkId: walk.id, text: '次日回访，群众已领证' });
    expect(walk.notes.at(-1)).toMatchObject({ afterFinish: true, author: '王局长' });
    expect(walk.events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['finding_added', 'finished', 'note_after_finish']),
    );
    expect(walk.events.find((e) => e.kind === 'finding_added')?.summary.zh).toBe(
      '记录问题：重复提交（受理环节）',
    );
    expect(walk.stages.find((s) => s.stage === 'consult')?.rating).toBe(4);
  });

  it('keeps the times a purged case gave it, and lets go of the case', async () => {
    const { wang, unit } = await hall();
    await t.ok('settings.update', { retentionMonths: 6 });
    const caseId = await acceptedCase();
    const walk = await wang.connection.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-GTSL',
      hall: '大厅',
      caseId,
    });
    t.clock.advanceMinutes(60 * 24 * 200);
    await t.ok('auth.signIn', { username: 'admin', password: 'Bangban#2026ok' });
    const purge = await t.ok('retention.purge', {});
    expect(purge.cases).toBe(1);
    const kept = await t.ok('walks.get', { walkId: walk.id });
    expect(kept.caseId).toBeNull();
    expect(kept.stages.find((s) => s.stage === 'apply')).toMatchObject({
      startSource: 'case',
      endSource: 'case',
      durationMinutes: 12,
    });
  });

  it('refuses a case of another matter, a stranger to the unit, and a clerk', async () => {
    const { wang, clerk, unit } = await hall();
    const caseId = await acceptedCase();
    const wrongCase = await wang.connection.call('walks.start', {
      unitId: unit.id,
      matterCode: 'T-SPJY',
      hall: '大厅',
      caseId,
    });
    expect(wrongCase.ok ? null : wrongCase.error.path).toEqual(['caseId']);
    const stranger = await user('sun', '孙书记', 'leader');
    const notOnTeam = await stranger.connection.call('walks.start', {
      unitId: unit.id,
      matterCode: 'T-SPJY',
      hall: '大厅',
    });
    expect(notOnTeam.ok ? null : notOnTeam.error.path).toEqual(['unitId']);
    expect(
      await errorCode(clerk.connection, 'walks.start', {
        unitId: unit.id,
        matterCode: 'T-SPJY',
        hall: '大厅',
      }),
    ).toBe('FORBIDDEN');
  });

  it('is scheduled, paused and resumed, and every write goes to the outbox', async () => {
    const { wang, li, unit } = await hall();
    const outbox = () =>
      (
        t.engine.db.prepare("SELECT count(*) AS n FROM outbox WHERE entity = 'walk'").get() as {
          n: number;
        }
      ).n;
    const past = await wang.connection.call('walks.schedule', {
      unitId: unit.id,
      matterCode: 'T-SPJY',
      plannedDate: '2026-11-19',
      hall: '大厅',
    });
    expect(past.ok ? null : past.error.path).toEqual(['plannedDate']);
    const forOther = await wang.connection.call('walks.schedule', {
      unitId: unit.id,
      leaderId: li.id,
      matterCode: 'T-SPJY',
      plannedDate: '2026-12-01',
      hall: '大厅',
    });
    expect(forOther.ok ? null : forOther.error.code).toBe('FORBIDDEN');
    const byAdmin = await t.ok('walks.schedule', {
      unitId: unit.id,
      leaderId: li.id,
      matterCode: 'T-SPJY',
      plannedDate: '2026-12-01',
      hall: '大厅',
    });
    expect(byAdmin).toMatchObject({ status: 'scheduled', leaderName: '李副局长' });
    let walk = await li.connection.ok('walks.start', { walkId: byAdmin.id });
    walk = await li.connection.ok('walks.pause', { walkId: walk.id });
    expect(
      await errorCode(li.connection, 'walks.timeStage', {
        walkId: walk.id,
        stage: 'consult',
        edge: 'start',
      }),
    ).toBe('CONFLICT');
    walk = await li.connection.ok('walks.resume', { walkId: walk.id });
    expect(walk.status).toBe('in_progress');
    expect(outbox()).toBe(4);
    expect(walk.events.map((event) => event.kind)).toEqual([
      'scheduled',
      'started',
      'paused',
      'resumed',
    ]);
  });
});

describe('rectifications', () => {
  it('fall due in working days over National Day, go overdue, and close only when verified', async () => {
    const clock = new ManualClock(new Date('2026-09-30T02:00:00.000Z'));
    const { wang, li, clerk, unit } = await hall(clock);
    let walk = await wang.connection.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-SPJY',
      hall: '大厅',
    });
    walk = await wang.connection.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'apply',
      category: 'systems_disconnected',
      severity: 'high',
      description: '市场监管系统与大厅系统不通，需重复录入',
    });
    const findingId = walk.findings[0]?.id ?? 0;
    const byOther = await li.connection.call('rectifications.create', {
      findingId,
      action: 'x',
      ownerUnitId: unit.id,
      ownerPerson: 'x',
      dueWorkingDays: 3,
    });
    expect(byOther.ok ? null : byOther.error.code).toBe('FORBIDDEN');
    let rectification = await wang.connection.ok('rectifications.create', {
      findingId,
      action: '打通两个系统的数据接口',
      ownerUnitId: unit.id,
      ownerPerson: '赵窗口',
      ownerUserId: clerk.id,
      dueWorkingDays: 3,
    });
    // 1–7 October are holidays; Saturday 10 October is a make-up working day.
    expect(rectification).toMatchObject({
      dueDate: '2026-10-10',
      status: 'pending',
      workingDaysLeft: 3,
    });

    clock.advanceMinutes(60 * 24 * 12); // Monday 12 October
    // Twelve days later everyone signs in afresh.
    for (const [connection, username] of [
      [clerk.connection, 'zhao'],
      [wang.connection, 'wang'],
      [li.connection, 'li'],
    ] as const)
      await connection.ok('auth.signIn', { username, password: PASSWORD });
    await t.ok('auth.signIn', { username: 'admin', password: 'Bangban#2026ok' });
    rectification = await clerk.connection.ok('rectifications.get', { id: rectification.id });
    expect(rectification).toMatchObject({ status: 'overdue', overdue: true, workingDaysLeft: -1 });
    const overdue = await clerk.connection.ok('rectifications.list', { status: 'overdue' });
    expect(overdue.map((r) => r.id)).toEqual([rectification.id]);

    const selfSubmit = await wang.connection.call('rectifications.report', {
      id: rectification.id,
      kind: 'submit',
      text: '我看已经好了',
    });
    expect(selfSubmit.ok ? null : selfSubmit.error.code).toBe('FORBIDDEN');
    const otherClerk = await user('qian', '钱窗口', 'clerk');
    expect(await otherClerk.connection.ok('rectifications.list', {})).toEqual([]);
    expect(
      await errorCode(otherClerk.connection, 'rectifications.get', { id: rectification.id }),
    ).toBe('FORBIDDEN');
    rectification = await clerk.connection.ok('rectifications.report', {
      id: rectification.id,
      kind: 'progress',
      text: '已联系信息中心',
    });
    expect(rectification.state).toBe('in_progress');
    rectification = await clerk.connection.ok('rectifications.report', {
      id: rectification.id,
      kind: 'submit',
      text: '接口已上线',
    });
    expect(rectification).toMatchObject({ status: 'to_verify', overdue: false });
    expect(
      await errorCode(li.connection, 'rectifications.verify', {
        id: rectification.id,
        effective: true,
        text: '好',
      }),
    ).toBe('FORBIDDEN');
    rectification = await wang.connection.ok('rectifications.verify', {
      id: rectification.id,
      effective: false,
      text: '抽查仍需重复录入',
    });
    expect(rectification.state).toBe('in_progress');
    await clerk.connection.ok('rectifications.report', {
      id: rectification.id,
      kind: 'submit',
      text: '已修复字段映射',
    });
    rectification = await wang.connection.ok('rectifications.verify', {
      id: rectification.id,
      effective: true,
      text: '现场核验，一次录入即可',
    });
    expect(rectification).toMatchObject({ state: 'closed', workingDaysLeft: null });
    expect(rectification.notes.map((note) => note.kind)).toEqual([
      'progress',
      'submitted',
      'ineffective',
      'submitted',
      'verified',
    ]);
    expect(
      await errorCode(clerk.connection, 'rectifications.report', {
        id: rectification.id,
        kind: 'progress',
        text: 'x',
      }),
    ).toBe('CONFLICT');
  });

  it('says when the due date falls outside the known holiday years', async () => {
    const clock = new ManualClock(new Date('2026-12-28T02:00:00.000Z'));
    const { wang, unit } = await hall(clock);
    let walk = await wang.connection.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-SPJY',
      hall: '大厅',
    });
    walk = await wang.connection.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'consult',
      category: 'unclear_policy',
      severity: 'low',
      description: '一次性告知内容与官网不一致',
    });
    const response = await wang.connection.call('rectifications.create', {
      findingId: walk.findings[0]?.id ?? 0,
      action: '统一告知内容',
      ownerUnitId: unit.id,
      ownerPerson: '办公室',
      dueWorkingDays: 10,
    });
    expect(response.ok ? null : response.error).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['dueWorkingDays'],
    });
    expect(response.ok ? '' : response.error.message.zh).toContain('2027');
  });
});

describe('unresolved-matter reports', () => {
  it('become a finding of the leader who takes them over', async () => {
    const { wang, li, clerk, unit } = await hall();
    const report = await clerk.connection.ok('unresolved.file', {
      unitId: unit.id,
      matterName: '跨省迁移个体户',
      need: '个体户从外省迁入本县',
      reason: '系统不支持跨省迁移个体户',
    });
    expect(report.findingId).toBeNull();
    const stranger = await user('sun', '孙书记', 'leader');
    expect(
      await errorCode(stranger.connection, 'unresolved.takeOver', {
        id: report.id,
        category: 'other',
        severity: 'low',
      }),
    ).toBe('FORBIDDEN');
    const finding = await wang.connection.ok('unresolved.takeOver', {
      id: report.id,
      category: 'systems_disconnected',
      severity: 'high',
    });
    expect(finding).toMatchObject({
      unresolvedReportId: report.id,
      walkId: null,
      leaderName: '王局长',
    });
    const again = await li.connection.call('unresolved.takeOver', {
      id: report.id,
      category: 'other',
      severity: 'low',
    });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    const open = await clerk.connection.ok('unresolved.list', { open: true });
    expect(open).toHaveLength(0);
    const rectification = await wang.connection.ok('rectifications.create', {
      findingId: finding.id,
      action: '向省局申请开通跨省迁移功能',
      ownerUnitId: unit.id,
      ownerPerson: '登记科',
      dueWorkingDays: 10,
    });
    expect(rectification.walkId).toBeNull();
  });
});

describe('coverage', () => {
  it('shows who has not walked, what is uncovered, and the dashboard’s figures', async () => {
    const { wang, li, unit } = await hall();
    let walk = await wang.connection.ok('walks.start', {
      unitId: unit.id,
      matterCode: 'T-GTSL',
      hall: '大厅',
    });
    await wang.connection.ok('walks.timeStage', {
      walkId: walk.id,
      stage: 'consult',
      edge: 'start',
    });
    t.clock.advanceMinutes(9);
    walk = await wang.connection.ok('walks.timeStage', {
      walkId: walk.id,
      stage: 'consult',
      edge: 'end',
    });
    walk = await wang.connection.ok('walks.addFinding', {
      walkId: walk.id,
      stage: 'consult',
      category: 'long_wait',
      severity: 'medium',
      description: '取号后等候 40 分钟',
    });
    await wang.connection.ok('walks.finish', { walkId: walk.id, feedback: null, leaderRating: 3 });
    await li.connection.ok('walks.schedule', {
      unitId: unit.id,
      matterCode: 'T-SPJY',
      plannedDate: '2026-12-02',
      hall: '大厅',
    });
    const coverage = await t.ok('coverage.matrix', { year: 2026 });
    expect(coverage.leaders.map((l) => [l.leaderName, l.met])).toEqual([
      ['王局长', true],
      ['李副局长', false],
    ]);
    expect(coverage.matters.map((m) => [m.matterCode, m.covered, m.planned])).toEqual([
      ['T-GTSL', true, false],
      ['T-SPJY', false, true],
    ]);
    expect(coverage.units[0]).toMatchObject({ leadersMet: 1, mattersCovered: 1, complete: false });
    expect((await t.ok('coverage.matrix', { year: 2027 })).units[0]?.leadersMet).toBe(0);

    const dashboard = await t.ok('coverage.dashboard', { year: 2026, unitId: unit.id });
    expect(dashboard.stageDurations).toEqual([
      {
        matterCode: 'T-GTSL',
        matterName: expect.any(String) as string,
        stage: 'consult',
        walks: 1,
        medianMinutes: 9,
        worstMinutes: 9,
      },
    ]);
    expect(dashboard.findingsByCategory.find((c) => c.category === 'long_wait')?.count).toBe(1);
    expect(dashboard.totals).toMatchObject({ walks: 1, findings: 1, rectifications: 0 });
    expect(dashboard.closureByMonth).toHaveLength(12);
  });
});
