import { afterEach, describe, expect, it } from 'vitest';
import {
  openTestEngine,
  SEED_KNOWLEDGE,
  type TestEngine,
} from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

/** A restaurant applying for its food business licence, with three planted defects. */
const enterprise = {
  kind: 'enterprise',
  name: '城关镇好味道餐饮店',
  uscc: '91350100M000100Y43',
  legalRepresentative: '李四',
  address: '城关镇人民路 88 号',
  phone: '13800138000',
} as const;

async function openFoodLicenceCase(): Promise<number> {
  const [matter] = await t.ok('matters.search', { query: '食品经营许可' });
  if (!matter) throw new Error('no food licence matter in the seed');
  const detail = await t.ok('cases.create', { matterId: matter.id, applicant: enterprise });
  for (const code of ['M01', 'M02', 'M03', 'M04', 'M05']) {
    await t.ok('cases.setMaterialState', {
      caseId: detail.id,
      materialCode: code,
      state: 'received',
    });
  }
  await t.ok('review.saveFields', {
    caseId: detail.id,
    materialCode: 'M01',
    values: {
      // Defect 1: the name differs from the business licence.
      operatorName: '城关镇好味道饭店',
      creditCode: '91350100M000100Y43',
      legalRepresentative: '李四',
      businessAddress: '城关镇人民路 88 号',
      // Defect 2: an agent is named, but no power of attorney (M06) was received.
      agentName: '王五',
    },
  });
  await t.ok('review.saveFields', {
    caseId: detail.id,
    materialCode: 'M02',
    values: { operatorName: '城关镇好味道餐饮店', creditCode: '91350100m000100y43' },
  });
  await t.ok('review.saveFields', {
    caseId: detail.id,
    materialCode: 'M03',
    values: { name: '李四', idNumber: '11010519491231002X', idValidUntil: '2030-01-01' },
  });
  return detail.id;
}

describe('guided review', () => {
  it('orders the points by material and evaluates rules on the case’s data', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const caseId = await openFoodLicenceCase();
    const review = await t.ok('review.get', { caseId });
    expect(review.status).toBe('not_started');
    expect(review.points.map((point) => point.code)).toEqual([
      'RP01',
      'RP05',
      'RP02',
      'RP03',
      'RP06',
      'RP07',
      'RP04',
      'RP08',
      'RP09',
    ]);
    const suggested = Object.fromEntries(
      review.points.map((point) => [point.code, point.suggestion?.verdict ?? null]),
    );
    expect(suggested).toMatchObject({
      RP01: 'fail',
      RP02: 'pass',
      RP03: 'pass',
      RP04: 'fail',
      RP05: null,
      RP08: null,
    });
    // The credit code was stored as written, upper-cased, so RP02 compares like with like.
    const m02 = review.materials.find((material) => material.code === 'M02');
    expect(m02?.fields.find((field) => field.key === 'creditCode')?.value).toBe(
      '91350100M000100Y43',
    );
    // Every point comes with the knowledge passages it may be judged by.
    expect(review.points.every((point) => point.passages.length > 0)).toBe(true);
  });

  it('records decisions, refuses silent overrides, concludes and freezes the notice', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const caseId = await openFoodLicenceCase();
    const notStarted = await t.call('review.decide', {
      caseId,
      pointCode: 'RP01',
      verdict: 'fail',
    });
    expect(notStarted.ok ? null : notStarted.error.code).toBe('CONFLICT');

    let review = await t.ok('review.start', { caseId });
    expect(review).toMatchObject({ status: 'in_progress', round: 1, startedBy: '系统管理员' });
    expect((await t.ok('cases.get', { id: caseId })).status).toBe('reviewing');

    const override = await t.call('review.decide', { caseId, pointCode: 'RP01', verdict: 'pass' });
    expect(override.ok ? null : override.error).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['note'],
    });

    const verdicts: Record<string, ['pass' | 'fail', string?]> = {
      RP01: ['fail'],
      RP05: ['pass'],
      RP02: ['pass'],
      RP03: ['pass'],
      RP06: ['fail', '布局图未标明餐用具清洗消毒区'],
      RP07: ['pass'],
      RP04: ['fail'],
      RP08: ['pass'],
    };
    for (const [pointCode, [verdict, note]] of Object.entries(verdicts)) {
      review = await t.ok('review.decide', { caseId, pointCode, verdict, note });
    }
    expect(review.progress).toEqual({ decided: 8, total: 9 });
    expect(review.suggestedOutcome).toBeNull();
    const early = await t.call('review.conclude', { caseId });
    expect(early.ok ? null : early.error.code).toBe('CONFLICT');

    // A second decision on the same point replaces the first; the first stays as history.
    await t.ok('review.decide', {
      caseId,
      pointCode: 'RP09',
      verdict: 'fail',
      note: '未告知',
    });
    review = await t.ok('review.decide', { caseId, pointCode: 'RP09', verdict: 'pass' });
    const rp09 = review.points.find((point) => point.code === 'RP09');
    expect(rp09?.decision).toMatchObject({ verdict: 'pass', note: null, overrode: false });
    expect(rp09?.decision?.passages).toEqual(
      rp09?.passages.map(({ entryId, version }) => ({ entryId, version })),
    );
    const history = t.engine.db
      .prepare("SELECT count(*) AS n FROM review_decisions WHERE point_code = 'RP09'")
      .get() as { n: number };
    expect(history.n).toBe(2);
    expect(review.suggestedOutcome).toBe('correction');

    const { review: concluded, notice } = await t.ok('review.conclude', { caseId });
    expect(concluded).toMatchObject({ status: 'concluded', outcome: 'correction' });
    expect((await t.ok('cases.get', { id: caseId })).status).toBe('correction');
    expect(notice).toMatchObject({
      number: 'GZ20261120-0001',
      outcome: 'correction',
      hall: { name: '测试县政务服务中心' },
      applicant: { name: '城关镇好味道餐饮店' },
      correctionDays: 10,
      // Friday 20 November 2026 + 10 working days.
      correctionDueBy: '2026-12-04',
      noticeBasis: '《中华人民共和国行政许可法》第三十二条',
    });
    expect(notice?.items.map((item) => item.pointCode)).toEqual(['RP01', 'RP06', 'RP04']);
    expect(notice?.items[1]).toMatchObject({
      material: '与食品经营相适应的主要设备设施、经营布局、操作流程等文件',
      note: '布局图未标明餐用具清洗消毒区',
      basis: '《中华人民共和国食品安全法》第三十三条；《食品经营许可和备案管理办法》',
    });
    expect(await t.ok('review.notice', { caseId })).toEqual(notice);

    // The applicant comes back with the corrections: a second round, with the fields kept.
    const second = await t.ok('review.start', { caseId });
    expect(second).toMatchObject({ round: 2, status: 'in_progress', progress: { decided: 0 } });
    expect(second.materials[0]?.fields[0]?.value).toBe('城关镇好味道饭店');
    const outbox = t.engine.db
      .prepare("SELECT count(*) AS n FROM outbox WHERE entity IN ('review', 'review_decision')")
      .get() as { n: number };
    expect(outbox.n).toBe(1 + 10 + 1 + 1);
  });

  it('refuses field values that do not fit their type and names the field', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const caseId = await openFoodLicenceCase();
    const badDate = await t.call('review.saveFields', {
      caseId,
      materialCode: 'M03',
      values: { name: '李四', idValidUntil: '2030/01/01' },
    });
    expect(badDate.ok ? null : badDate.error).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['values', 'idValidUntil'],
    });
    // Nothing of the refused call was written, not even the valid name.
    const m03 = (await t.ok('review.get', { caseId })).materials.find((m) => m.code === 'M03');
    expect(m03?.fields.find((field) => field.key === 'idValidUntil')?.value).toBe('2030-01-01');
    const unknown = await t.call('review.saveFields', {
      caseId,
      materialCode: 'M03',
      values: { shoeSize: '42' },
    });
    expect(unknown.ok ? null : unknown.error.path).toEqual(['values', 'shoeSize']);
    const number = await t.call('review.saveFields', {
      caseId,
      materialCode: 'M01',
      values: { businessArea: '八十' },
    });
    expect(number.ok ? null : number.error.path).toEqual(['values', 'businessArea']);
  });

  it('rejects when a blocking point fails, and masks personal fields for a leader', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const caseId = await openFoodLicenceCase();
    // The legal representative's ID card has expired: RP03 is blocking.
    await t.ok('review.saveFields', {
      caseId,
      materialCode: 'M03',
      values: { idValidUntil: '2026-01-31' },
    });
    let review = await t.ok('review.start', { caseId });
    for (const point of review.points) {
      const suggested = point.suggestion?.verdict;
      review = await t.ok('review.decide', {
        caseId,
        pointCode: point.code,
        verdict: suggested === 'fail' ? 'fail' : 'pass',
      });
    }
    expect(review.points.find((point) => point.code === 'RP03')?.decision?.verdict).toBe('fail');
    const { notice } = await t.ok('review.conclude', { caseId });
    expect(notice?.outcome).toBe('reject');
    expect(notice?.items.find((item) => item.pointCode === 'RP03')?.blocking).toBe(true);
    const restart = await t.call('review.start', { caseId });
    expect(restart.ok ? null : restart.error.code).toBe('CONFLICT');

    await t.ok('users.create', {
      username: 'leader1',
      displayName: '王局长',
      role: 'leader',
      password: 'Leader#2026ok',
    });
    const leader = t.connect();
    await leader.ok('auth.signIn', { username: 'leader1', password: 'Leader#2026ok' });
    const seen = await leader.ok('review.get', { caseId });
    const idNumber = seen.materials
      .find((material) => material.code === 'M03')
      ?.fields.find((field) => field.key === 'idNumber')?.value;
    expect(idNumber).not.toBe('11010519491231002X');
    expect(String(idNumber)).toContain('*');
    const forbidden = await leader.call('review.decide', {
      caseId,
      pointCode: 'RP01',
      verdict: 'pass',
    });
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
  });
});

describe('pre-fill from what the hall already knows', () => {
  it('offers an applicant’s earlier values and addresses, and saves nothing by itself', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const unknown = await t.ok('applicants.lookup', {
      kind: 'enterprise',
      idNumber: '91350100M000100Y43',
    });
    expect(unknown).toEqual({ known: false, applicant: null, caseCount: 0, lastCaseAt: null });
    const first = await openFoodLicenceCase();
    const known = await t.ok('applicants.lookup', {
      kind: 'enterprise',
      idNumber: '91350100m000100y43',
    });
    expect(known).toMatchObject({
      known: true,
      caseCount: 1,
      applicant: {
        name: '城关镇好味道餐饮店',
        address: '城关镇人民路 88 号',
        legalRepresentative: '李四',
      },
    });

    const second = await openFoodLicenceCaseWithoutFields();
    const offers = await t.ok('review.prefill', { caseId: second });
    const firstReference = (await t.ok('cases.get', { id: first })).reference;
    expect(
      offers.find((offer) => offer.materialCode === 'M01' && offer.fieldKey === 'operatorName'),
    ).toMatchObject({ value: '城关镇好味道饭店', source: firstReference });
    expect(
      offers.find((offer) => offer.materialCode === 'M03' && offer.fieldKey === 'idValidUntil'),
    ).toMatchObject({ value: '2030-01-01' });
    // Nothing was written: the second case's fields are still empty until the clerk accepts.
    const review = await t.ok('review.get', { caseId: second });
    expect(review.materials.every((m) => m.fields.every((field) => field.value === null))).toBe(
      true,
    );

    expect(await t.ok('addresses.suggest', { query: '人民路' })).toContain('城关镇人民路 88 号');
    expect(await t.ok('addresses.suggest', { query: '不存在的路' })).toEqual([]);
  });
});

async function openFoodLicenceCaseWithoutFields(): Promise<number> {
  const [matter] = await t.ok('matters.search', { query: '食品经营许可' });
  const detail = await t.ok('cases.create', { matterId: matter?.id ?? 0, applicant: enterprise });
  return detail.id;
}
