import type { ErrorIssue } from '@shared/api';
import type { DevSet } from './dev-set';
import type { EvaluationEngine } from './evaluation-engine';
import type { KnowledgeLookup } from './knowledge-lookup';

type Path = (string | number)[];

/**
 * What docs/evaluation-format.md asks the harness to check before running: every matter,
 * material, field, review point and entry the set names exists (and entries are in force and
 * about the question's matter). A typo would otherwise read as null and pass by accident.
 */
export async function checkReferences(
  devSet: DevSet,
  engine: EvaluationEngine,
  lookup: KnowledgeLookup,
): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  const report = (path: Path, zh: string, en: string): void => {
    issues.push({ path, message: { zh, en } });
  };

  await engine.moveTo(devSet.questionDate);
  const date = devSet.questionDate;
  for (const [index, question] of devSet.questions.entries()) {
    if (question.matterCode !== undefined && !(await lookup.matter(question.matterCode))) {
      report(
        ['questions', index, 'matterCode'],
        `${date} 没有有效的事项 ${question.matterCode}`,
        `No matter ${question.matterCode} in effect on ${date}`,
      );
    }
    for (const [position, entryId] of question.expectedEntryIds.entries()) {
      const path = ['questions', index, 'expectedEntryIds', position];
      const entry = await lookup.entryInForce(entryId, date);
      if (!entry) {
        report(
          path,
          `知识库中没有在 ${date} 有效的条目 ${entryId}`,
          `No entry ${entryId} in force on ${date}`,
        );
      } else if (
        question.matterCode !== undefined &&
        !entry.matters.includes(question.matterCode)
      ) {
        report(
          path,
          `条目 ${entryId} 不属于事项 ${question.matterCode}，按事项检索时不会被检出`,
          `Entry ${entryId} is not about ${question.matterCode}; a search filtered by it cannot find it`,
        );
      }
    }
  }

  for (const [index, item] of devSet.cases.entries()) {
    await engine.moveTo(item.today);
    const matter = await lookup.matter(item.matterCode);
    if (!matter) {
      report(
        ['cases', index, 'matterCode'],
        `${item.today} 没有有效的事项 ${item.matterCode}`,
        `No matter ${item.matterCode} in effect on ${item.today}`,
      );
      continue;
    }
    const materials = new Map(matter.detail.materials.map((material) => [material.code, material]));
    for (const [materialCode, given] of Object.entries(item.materials)) {
      const material = materials.get(materialCode);
      if (!material) {
        report(
          ['cases', index, 'materials', materialCode],
          `事项 ${item.matterCode} 没有材料 ${materialCode}`,
          `Matter ${item.matterCode} has no material ${materialCode}`,
        );
        continue;
      }
      const keys = new Set(material.fields.map((field) => field.key));
      for (const key of Object.keys(given.fields ?? {})) {
        if (keys.has(key)) continue;
        report(
          ['cases', index, 'materials', materialCode, 'fields', key],
          `材料 ${materialCode} 没有字段 ${key}`,
          `Material ${materialCode} has no field ${key}`,
        );
      }
    }
    const points = new Map(matter.points.map((point) => [point.code, point]));
    for (const [position, code] of item.expectedFailures.entries()) {
      const point = points.get(code);
      if (point?.kind === 'rule') continue;
      report(
        ['cases', index, 'expectedFailures', position],
        point ? `要点 ${code} 不是规则类要点` : `事项 ${item.matterCode} 没有审查要点 ${code}`,
        point
          ? `Point ${code} is not a rule-kind point`
          : `Matter ${item.matterCode} has no point ${code}`,
      );
    }
  }
  return issues;
}
