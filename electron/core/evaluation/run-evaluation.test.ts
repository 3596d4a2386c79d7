import { describe, expect, it } from 'vitest';
import { CALENDARS, SEED_KNOWLEDGE } from '../../../tests/support/engine-harness';
import { parseDevSet, type DevSet } from './dev-set';
import { DevSetReferenceError, runEvaluation } from './run-evaluation';

const options = { file: 'inline.yaml', knowledgeDir: SEED_KNOWLEDGE, calendarDir: CALENDARS };

function devSet(text: string): DevSet {
  const parsed = parseDevSet(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.devSet;
}

// C001 of eval/dev-set.yaml: the operator's name differs between application and licence (RP01),
// and the legal representative's ID card expired before `today` (RP03).
const small = `formatVersion: 1
name: 单元测试小集
knowledgeBase: seed
questionDate: 2026-11-20
questions:
  - id: Q001
    question: 营业执照丢了怎么办？
    matterCode: SCJG-ZZBL-001
    expectedEntryIds: [QA-0051]
  - id: Q002
    question: 第一次办护照要带什么，大概多久能拿到？
    expectedEntryIds: []
cases:
  - id: C001
    matterCode: SCJG-SPJY-001
    description: 名称漏字；身份证过期
    today: 2026-03-10
    applicant:
      kind: enterprise
      name: 城关镇示例餐饮管理有限公司
      uscc: '91350102MA8T3K7P8Y'
      legalRepresentative: 陈示例
      address: 县城关镇人民路 88 号 1 层
      phone: '13800000101'
    materials:
      M01:
        state: received
        fields:
          operatorName: 城关示例餐饮管理有限公司
          creditCode: '91350102MA8T3K7P8Y'
          legalRepresentative: 陈示例
          businessAddress: 县城关镇人民路 88 号 1 层
          mainBusinessType: 餐饮服务经营者
          businessItems: 热食类食品制售
          businessArea: 120
          safetyManagerName: 王样本
          phone: '13800000101'
      M02:
        state: received
        fields: { operatorName: 城关镇示例餐饮管理有限公司, creditCode: '91350102MA8T3K7P8Y', licenceAddress: 县城关镇人民路 88 号 1 层 }
      M03:
        state: received
        fields: { name: 陈示例, idNumber: '350102198003151379', idValidUntil: 2026-02-28 }
      M04:
        state: received
        fields: { layoutDescription: 临街一层，分区合理。, equipmentList: 双眼灶 2 台、消毒柜 1 台 }
      M05:
        state: received
        fields: { ruleTitles: 从业人员健康管理制度；食品安全自查制度 }
    expectedFailures: [RP01, RP03]
`;

describe('evaluation runner against the seed knowledge', () => {
  it('computes retrieval, no-basis, citation and defect metrics through the engine', async () => {
    const report = await runEvaluation(devSet(small), options);
    const { summary } = report;

    // The expected entry is the first search hit: every ranking metric is perfect.
    expect(report.questions[0]?.ranked[0]?.entryId).toBe('QA-0051');
    expect(summary.retrieval).toMatchObject({ questions: 1, recallAtK: 1, mrr: 1, top1Best: 1 });

    // The passport question has no basis in the seed and is refused; the licence one is answered.
    expect(report.questions.map((question) => question.copilot.status)).toEqual([
      'answered',
      'no_basis',
    ]);
    expect(summary.noBasis).toMatchObject({ correctlyRefused: 1, wronglyRefused: 0, recall: 1 });
    expect(summary.citations).toMatchObject({
      answers: 1,
      existAndInForceShare: 1,
      citesExpectedShare: 1,
    });

    // Both planted failures are detected and every other rule point passes.
    expect(summary.review).toMatchObject({
      planted: 2,
      detected: 2,
      falseAlarms: 0,
      errors: 0,
      accuracy: 1,
    });
    expect(
      report.cases[0]?.points.filter((point) => point.verdict === 'fail').map((p) => p.code),
    ).toEqual(['RP01', 'RP03']);
  });

  it('refuses a set that names an entry the knowledge base lacks, saying where', async () => {
    const wrong = devSet(small.replace('[QA-0051]', '[QA-9999]'));
    const run = runEvaluation(wrong, options);
    await expect(run).rejects.toBeInstanceOf(DevSetReferenceError);
    await run.catch((error: unknown) => {
      if (!(error instanceof DevSetReferenceError)) throw error;
      expect(error.issues.map((issue) => issue.path)).toEqual([
        ['questions', 0, 'expectedEntryIds', 0],
      ]);
    });
  });
});
