import type { EvaluationReport } from './report';
import { worstQuestions } from './report';

const WORST_SHOWN = 15;

const percent = (value: number | null): string =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;
const decimal = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let columns = 0;
  for (const character of text) columns += /[\u1100-\uffff]/u.test(character) ? 2 : 1;
  return columns;
}
const pad = (text: string, columns: number): string =>
  text + ' '.repeat(Math.max(0, columns - width(text)));

function table(rows: [string, string][]): string[] {
  const labelWidth = Math.max(...rows.map(([label]) => width(label)));
  return rows.map(([label, value]) => `  ${pad(label, labelWidth)}  ${value}`);
}

/** The report as a reader at a terminal wants it: metrics first, then what went wrong. */
export function formatReport(report: EvaluationReport): string {
  const { summary } = report;
  const { retrieval, noBasis, citations, review } = summary;
  const lines: string[] = [
    `评测集 / Evaluation set: ${report.devSet.name} (${report.devSet.file})`,
    `知识库 / Knowledge: ${report.devSet.knowledgeBase} ← ${report.knowledgeDir}`,
    `检索日期 / Question date: ${report.devSet.questionDate}; 问题 / questions: ${String(report.devSet.questions)} (有依据 answerable ${String(noBasis.answerable)}, 无依据 unanswerable ${String(noBasis.unanswerable)}); 办件 / cases: ${String(report.devSet.cases)}`,
    ...report.warnings.map((warning) => `⚠ ${warning}`),
    '',
    `检索 / Retrieval — knowledge.search, 有依据的问题 / answerable questions (n=${String(retrieval.questions)})`,
    ...table([
      [
        `前 ${String(retrieval.k)} 条命中率 / recall@${String(retrieval.k)}`,
        percent(retrieval.recallAtK),
      ],
      ['平均倒数排名 / MRR', decimal(retrieval.mrr)],
      ['首条即最佳答案 / top-1 = best answer', percent(retrieval.top1Best)],
      ['首条为预期条目 / top-1 = any expected', percent(retrieval.top1Any)],
    ]),
    '',
    '无依据判断 / No-basis decision — copilot.ask',
    ...table([
      [
        '无依据问题被正确拒答 / unanswerable refused',
        `${String(noBasis.correctlyRefused)} / ${String(noBasis.unanswerable)}`,
      ],
      [
        '有依据问题被误拒 / answerable wrongly refused',
        `${String(noBasis.wronglyRefused)} / ${String(noBasis.answerable)} (${percent(noBasis.wrongRefusalRate)})`,
      ],
      ['"无依据"精确率 / no-basis precision', percent(noBasis.precision)],
      ['"无依据"召回率 / no-basis recall', percent(noBasis.recall)],
    ]),
    '  按支持度阈值 / by support threshold: 误拒 wrongly refused · 误答 falsely answered',
    ...summary.supportSweep.map(
      (row) =>
        `    ${row.threshold.toFixed(2)}: 误拒 ${String(row.wronglyRefused)} · 误答 ${String(row.falselyAnswered)}`,
    ),
    '',
    `引用 / Citations — 已作答 / answers given (n=${String(citations.answers)})`,
    ...table([
      [
        '引用条目存在且当日有效 / cited entries exist, in force',
        `${String(citations.existAndInForce)} / ${String(citations.answers)} (${percent(citations.existAndInForceShare)})`,
      ],
      [
        '引用了预期条目 / cites an expected entry',
        `${String(citations.citesExpected)} / ${String(citations.answersWithExpected)} (${percent(citations.citesExpectedShare)})`,
      ],
      [
        '首条引用为预期条目 / first citation expected',
        percent(summary.copilotFirstCitationExpected),
      ],
    ]),
    '',
    `规则审查 / Rule review — 规则类要点 / rule points (n=${String(review.points)}, 埋点 planted ${String(review.planted)})`,
    ...table([
      ['检出 / detected', `${String(review.detected)} / ${String(review.planted)}`],
      ['漏检 / missed', String(review.missed)],
      ['误报 / false alarms', String(review.falseAlarms)],
      ['规则无法计算 / rule errors', String(review.errors)],
      ['精确率 / precision', percent(review.precision)],
      ['召回率 / recall', percent(review.recall)],
      ['要点判断正确率 / point accuracy', percent(review.accuracy)],
      [
        '未能录入、未计分的办件 / cases not evaluated',
        summary.casesNotEvaluated.length === 0 ? '0' : summary.casesNotEvaluated.join(', '),
      ],
    ]),
  ];

  const worst = worstQuestions(report.questions, WORST_SHOWN);
  lines.push('', `排名最差的问题 / Worst-ranked questions (${String(worst.length)})`);
  for (const question of worst) {
    const rank =
      question.firstRelevantRank === null
        ? '未检出 / none'
        : `#${String(question.firstRelevantRank)}`;
    lines.push(
      `  ${question.id} ${rank} 预期 expected [${question.expected.join(', ')}] 检出 got [${question.ranked.map((hit) => hit.entryId).join(', ')}]`,
      `      ${question.question}`,
    );
  }

  const refusedWrongly = report.questions.filter(
    (question) => question.answerable && question.copilot.status === 'no_basis',
  );
  const answeredWrongly = report.questions.filter(
    (question) => !question.answerable && question.copilot.status === 'answered',
  );
  lines.push('', '无依据判断出错 / No-basis mistakes');
  for (const question of refusedWrongly) {
    lines.push(
      `  ${question.id} 误拒 wrongly refused (support ${question.copilot.support.toFixed(2)}): ${question.question}`,
    );
  }
  for (const question of answeredWrongly) {
    lines.push(
      `  ${question.id} 误答 answered without basis (support ${question.copilot.support.toFixed(2)}, cites ${question.copilot.citations.join(', ')}): ${question.question}`,
    );
  }
  if (refusedWrongly.length + answeredWrongly.length === 0) lines.push('  无 / none');

  lines.push('', '办件不符 / Case mismatches');
  let clean = true;
  for (const item of report.cases) {
    const mismatches = item.points.filter((point) => !point.matches);
    if (mismatches.length === 0 && item.problems.length === 0) continue;
    clean = false;
    lines.push(`  ${item.id} ${item.matterCode} (today ${item.today}): ${item.description}`);
    for (const problem of item.problems) lines.push(`    ✖ ${problem}`);
    for (const point of mismatches) {
      const expected = point.planted ? 'fail' : 'pass';
      lines.push(
        `    ${point.code} 预期 expected ${expected}, 得到 got ${point.verdict}${point.reason === null ? '' : ` — ${point.reason}`}`,
      );
    }
  }
  if (clean) lines.push('  无 / none');
  return `${lines.join('\n')}\n`;
}
