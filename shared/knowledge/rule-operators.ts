/**
 * Operators a review-point rule may use: standard JSONLogic, plus the named validators of
 * shared/domain that the review engine registers (see docs/knowledge-format.md).
 */
const standardOperators = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  'var',
  'missing',
  'missing_some',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
  'merge',
  'log',
] as const;

export const namedRuleOperators = {
  validCitizenId: '居民身份证号码校验（GB 11643）',
  validUscc: '统一社会信用代码校验（GB 32100）',
  validPhone: '手机或固定电话号码格式',
  notExpired: '证件在参考日期仍在有效期内',
  daysUntil: '距某日期的自然日天数',
  workingDaysBetween: '两个日期之间的工作日数',
  ageOn: '按身份证号或出生日期计算某日的周岁',
  sameName: '多份材料上的名称一致（忽略空白和全半角括号）',
  received: '某份材料已收取',
  nonEmpty: '字段已填写',
} as const;

export type NamedRuleOperator = keyof typeof namedRuleOperators;

const known = new Set<string>([...standardOperators, ...Object.keys(namedRuleOperators)]);

export function isKnownRuleOperator(operator: string): boolean {
  return known.has(operator);
}
