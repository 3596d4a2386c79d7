/**
 * Generates a large, valid knowledge file (JSON) for import benchmarks and crash tests: `count`
 * matters with 8 materials and 8 review points each, plus one Q&A entry per matter.
 */
export function generateKnowledgeFile(
  count: number,
  options: { codePrefix?: string; version?: number } = {},
): string {
  const prefix = options.codePrefix ?? 'GEN';
  const version = options.version ?? 1;
  const matters = Array.from({ length: count }, (_unused, index) => {
    const code = `${prefix}-${String(index).padStart(5, '0')}`;
    return {
      code,
      version,
      effectiveFrom: '2026-01-01',
      name: `生成事项${index}号许可证核发`,
      aliases: [`生成${index}`],
      department: `县第${index % 20}局`,
      level: 'county',
      subjectKind: index % 3 === 0 ? 'person' : index % 3 === 1 ? 'enterprise' : 'both',
      highFrequency: index % 5 === 0,
      promisedDays: 5 + (index % 15),
      legalDays: 20,
      fees: [],
      conditions: ['申请人具有完全民事行为能力', '申请材料齐全、符合法定形式'],
      legalBasis: ['《中华人民共和国行政许可法》'],
      materials: Array.from({ length: 8 }, (_m, m) => ({
        code: `M0${m + 1}`,
        name: `第${m + 1}项申请材料`,
        required: m < 6 ? true : '委托他人办理的',
        form: m % 2 === 0 ? 'original' : 'copy',
        copies: 1,
        notes: '需加盖公章，复印件注明“与原件一致”。',
        fields: [{ key: 'holderName', label: '持有人', type: 'text', required: true }],
      })),
      reviewPoints: Array.from({ length: 8 }, (_p, p) => ({
        code: `R0${p + 1}`,
        title: `第${p + 1}项审查要点`,
        material: `M0${(p % 8) + 1}`,
        kind: p % 3 === 0 ? 'rule' : p % 3 === 1 ? 'model' : 'manual',
        ...(p % 3 === 0 ? { rule: { received: `M0${(p % 8) + 1}` } } : {}),
        guidance: '核对材料内容与申请书一致，签字盖章齐全，证件在有效期内。',
        correction: '请补充提交符合要求的材料。',
        legalBasis: '《中华人民共和国行政许可法》第三十二条',
      })),
    };
  });
  const qa = matters.map((matter, index) => ({
    id: `${prefix}-QA-${String(index).padStart(5, '0')}`,
    version,
    effectiveFrom: '2026-01-01',
    question: `${matter.name}需要多长时间？`,
    answer: `承诺办结时限为 ${matter.promisedDays} 个工作日，自受理之日起计算。`,
    matters: [matter.code],
    sources: ['《中华人民共和国行政许可法》'],
  }));
  return JSON.stringify({ format: 'bangban-knowledge', formatVersion: 1, matters, qa });
}
