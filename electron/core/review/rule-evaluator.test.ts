import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar, calendarYearSchema } from '@shared/domain/working-days';
import type { FieldValue } from '@shared/api';
import type { MatterDocument } from '@shared/knowledge/format';
import { parseKnowledgeText } from '@shared/knowledge/parse';
import { readKnowledgeSources } from '../knowledge/knowledge-sources';
import { CALENDARS, SEED_KNOWLEDGE } from '../../../tests/support/engine-harness';
import type { RuleData } from './named-operations';
import { RuleEvaluator } from './rule-evaluator';

const calendar = createWorkingDayCalendar(
  ['cn-2025.json', 'cn-2026.json'].map((file) =>
    calendarYearSchema.parse(JSON.parse(readFileSync(join(CALENDARS, file), 'utf8'))),
  ),
);
const evaluator = new RuleEvaluator(calendar);

const base: Omit<RuleData, symbol> = {
  applicant: { kind: 'person', name: '张伟', idNumber: '11010519491231002X', phone: '13800138000' },
  materials: {
    M01: {
      received: true,
      state: 'received',
      fields: { name: '张伟（个体）', until: '2026-12-31', empty: '  ' },
    },
    M02: { received: false, state: 'missing', fields: {} },
  },
  case: { reference: 'BB20261120-0001', createdAt: '2026-11-20', matterCode: 'T' },
  today: '2026-11-20',
};
const run = (rule: unknown): string => evaluator.evaluate(rule, base).outcome;

describe('named rule operators', () => {
  it('check codes and phones', () => {
    expect(run({ validCitizenId: { var: 'applicant.idNumber' } })).toBe('pass');
    expect(run({ validCitizenId: '110105194912310021' })).toBe('fail');
    expect(run({ validUscc: '91350100M000100Y43' })).toBe('pass');
    expect(run({ validUscc: { var: 'applicant.missing' } })).toBe('fail');
    expect(run({ validPhone: { var: 'applicant.phone' } })).toBe('pass');
  });

  it('read the case: received materials, filled fields', () => {
    expect(run({ received: 'M01' })).toBe('pass');
    expect(run({ received: 'M02' })).toBe('fail');
    expect(run({ received: 'M99' })).toBe('fail');
    expect(run({ nonEmpty: { var: 'materials.M01.fields.name' } })).toBe('pass');
    expect(run({ nonEmpty: { var: 'materials.M01.fields.empty' } })).toBe('fail');
    expect(run({ nonEmpty: { var: 'materials.M02.fields.name' } })).toBe('fail');
  });

  it('work with dates against today by default', () => {
    expect(run({ notExpired: [{ var: 'materials.M01.fields.until' }] })).toBe('pass');
    expect(run({ notExpired: [{ var: 'materials.M01.fields.until' }, '2027-01-01'] })).toBe('fail');
    expect(run({ notExpired: [{ var: 'materials.M02.fields.until' }] })).toBe('fail');
    expect(run({ '==': [{ daysUntil: [{ var: 'materials.M01.fields.until' }] }, 41] })).toBe(
      'pass',
    );
    expect(run({ '==': [{ ageOn: [{ var: 'applicant.idNumber' }, { var: 'today' }] }, 76] })).toBe(
      'pass',
    );
    expect(run({ '==': [{ ageOn: ['1949-12-31', '2026-12-30'] }, 76] })).toBe('pass');
  });

  it('count working days with the holiday calendar, and never pass on a year it lacks', () => {
    // Sep 28 → Oct 16, 2026: the National Day break and the make-up Saturday counted right.
    expect(run({ '==': [{ workingDaysBetween: ['2026-09-28', '2026-10-16'] }, 10] })).toBe('pass');
    const unknownYear = evaluator.evaluate(
      { '<=': [{ workingDaysBetween: ['2026-12-01', '2027-02-01'] }, 100] },
      base,
    );
    expect(unknownYear.outcome).toBe('error');
    if (unknownYear.outcome === 'error')
      expect(unknownYear.reason.zh).toContain('2027 年的节假日安排尚未导入');
    const noCalendar = new RuleEvaluator(undefined).evaluate(
      { '<=': [{ workingDaysBetween: ['2026-11-01', '2026-11-20'] }, 100] },
      base,
    );
    expect(noCalendar.outcome).toBe('error');
  });

  it('compare names ignoring spaces and bracket widths, never two empty ones', () => {
    expect(run({ sameName: ['张伟(个体)', { var: 'materials.M01.fields.name' }] })).toBe('pass');
    expect(run({ sameName: ['张 伟', '张伟', ' 张伟 '] })).toBe('pass');
    expect(run({ sameName: ['张伟', '张为'] })).toBe('fail');
    expect(run({ sameName: [{ var: 'x' }, { var: 'y' }] })).toBe('fail');
  });

  it('reports a broken rule as an error, not as a pass or a fail', () => {
    const result = evaluator.evaluate({ noSuchOperator: [1] }, base);
    expect(result.outcome).toBe('error');
    if (result.outcome === 'error') expect(result.reason.zh).toContain('规则无法计算');
  });
});

describe('the seed rules', () => {
  const matters: MatterDocument[] = readKnowledgeSources(SEED_KNOWLEDGE)
    .filter((source) => source.fileName.startsWith('matters'))
    .flatMap((source) => {
      const parsed = parseKnowledgeText(source.content);
      return parsed.ok ? parsed.file.matters : [];
    });

  /** A complete, consistent case for a matter: everything received, every field plausibly filled. */
  function completeCase(matter: MatterDocument): Omit<RuleData, symbol> {
    const name = '城关镇好味道餐饮管理有限公司';
    const values: Record<string, FieldValue> = {
      text: name,
      longText: '经营场所位于临街一层，面积 120 平方米。',
      date: '2030-06-30',
      number: 120,
      boolean: true,
      citizenId: '11010519491231002X',
      uscc: '91350100M000100Y43',
      phone: '13800138000',
      address: '福建省福州市鼓楼区城关镇人民路 18 号',
    };
    return {
      applicant: {
        kind: 'person',
        name,
        idNumber: values.citizenId,
        uscc: values.uscc,
        phone: values.phone,
        address: values.address,
        legalRepresentative: name,
      },
      materials: Object.fromEntries(
        matter.materials.map((material) => [
          material.code,
          {
            received: true,
            state: 'received',
            fields: Object.fromEntries(
              material.fields.map((field) => [field.key, values[field.type] ?? null]),
            ),
          },
        ]),
      ),
      case: { reference: 'BB20261120-0001', createdAt: '2026-11-20', matterCode: matter.code },
      today: '2026-11-20',
    };
  }

  function emptyCase(matter: MatterDocument): Omit<RuleData, symbol> {
    return {
      applicant: { kind: 'person' },
      materials: Object.fromEntries(
        matter.materials.map((m) => [m.code, { received: false, state: 'pending', fields: {} }]),
      ),
      case: { reference: 'BB20261120-0001', createdAt: '2026-11-20', matterCode: matter.code },
      today: '2026-11-20',
    };
  }

  it('are all found', () => {
    expect(matters.length).toBeGreaterThanOrEqual(16);
  });

  it('evaluate without error on empty and complete cases, and tell the two apart', () => {
    for (const matter of matters) {
      const rules = matter.reviewPoints.filter((point) => point.kind === 'rule');
      const complete = completeCase(matter);
      const empty = emptyCase(matter);
      let discriminating = 0;
      for (const point of rules) {
        const onEmpty = evaluator.evaluate(point.rule, empty);
        const onComplete = evaluator.evaluate(point.rule, complete);
        expect(onEmpty.outcome, `${matter.code} ${point.code} on an empty case`).not.toBe('error');
        expect(onComplete.outcome, `${matter.code} ${point.code} on a complete case`).not.toBe(
          'error',
        );
        if (onEmpty.outcome === 'fail' && onComplete.outcome === 'pass') discriminating += 1;
      }
      expect(
        discriminating,
        `${matter.code}: rules that fail empty and pass complete`,
      ).toBeGreaterThan(0);
    }
  });
});
