/**
 * Generates large, valid knowledge files of policies and Q&A for retrieval benchmarks: entries
 * built from a government-service vocabulary, so jieba segments them as it does real entries and
 * word frequencies are skewed the way a real knowledge base's are. Deterministic for a given seed.
 */

const subjects = [
  '营业执照',
  '食品经营许可证',
  '居民身份证',
  '社会保险',
  '公租房',
  '不动产权证书',
  '最低生活保障',
  '医疗保险',
  '住房公积金',
  '户口迁移',
  '出生医学证明',
  '婚姻登记',
  '道路运输经营许可证',
  '公共场所卫生许可证',
  '排污许可证',
  '建筑工程施工许可证',
  '消防安全检查',
  '户外招牌设置',
  '税务登记',
  '个体工商户',
  '有限责任公司',
  '农民专业合作社',
  '药品经营许可证',
  '特种设备使用登记',
  '残疾人证',
  '高龄津贴',
  '临时救助',
  '养老保险',
  '失业保险金',
  '工伤认定',
  '职业资格证书',
  '人才引进',
  '教师资格认定',
  '新生儿入户',
  '机动车登记',
  '二手房交易',
  '房屋租赁备案',
  '烟草专卖零售许可证',
  '酒类经营备案',
  '殡葬补贴',
];
const actions = [
  '申请',
  '变更',
  '注销',
  '补领',
  '延续',
  '换领',
  '迁移',
  '备案',
  '查询',
  '认定',
  '转移登记',
  '首次登记',
  '年度报告',
  '撤销',
  '核发',
];
const aspects = [
  '需要提交哪些材料',
  '承诺办结时限是多少个工作日',
  '收费标准是什么',
  '在哪个窗口办理',
  '能不能在网上办理',
  '可以委托他人代办吗',
  '能否异地办理',
  '有效期是多久',
  '逾期未办会怎样',
  '需要本人到现场吗',
  '申请条件有哪些',
  '办理流程是怎样的',
  '材料不齐能否容缺受理',
  '结果怎么送达',
  '可以加急吗',
];
const places = ['县政务服务中心', '乡镇便民服务中心', '村级代办点', '自助服务终端', '网上办事大厅'];
const people = ['申请人', '经营者', '法定代表人', '委托代理人', '监护人', '户主', '用人单位'];
const documents = [
  '居民身份证',
  '户口簿',
  '营业执照',
  '授权委托书',
  '租赁合同',
  '房产证明',
  '结婚证',
  '出生医学证明',
  '银行账户信息',
  '承诺书',
  '申请表',
  '章程',
  '股东会决议',
];
const issuers = [
  '县人民政府办公室',
  '县市场监督管理局',
  '县人力资源和社会保障局',
  '县住房和城乡建设局',
  '县民政局',
  '县公安局',
];

/** A small linear-congruential generator: same seed, same knowledge base. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('empty vocabulary');
  return item;
}

function answerText(next: () => number, subject: string, action: string): string {
  const days = 1 + Math.floor(next() * 20);
  const sentences = [
    `办理${subject}${action}，${pick(next, people)}应当携带${pick(next, documents)}和${pick(next, documents)}原件及复印件。`,
    `可以到${pick(next, places)}办理，也可以通过${pick(next, places)}提交申请。`,
    `材料齐全、符合法定形式的，窗口当场受理，承诺 ${String(days)} 个工作日内办结。`,
    `${pick(next, people)}委托他人办理的，还需提交${pick(next, documents)}和代理人身份证件。`,
    `本事项${next() < 0.5 ? '不收取费用' : `按规定收取工本费 ${String(5 + Math.floor(next() * 50))} 元`}。`,
    `逾期未办理${action}的，${pick(next, people)}应当重新提出申请。`,
  ];
  const count = 2 + Math.floor(next() * 4);
  return sentences.slice(0, count).join('');
}

export interface GeneratedKnowledgeFile {
  fileName: string;
  content: string;
}

/**
 * `total` entries (four Q&A to one policy) in files of `perFile` entries, each entry about one of
 * `matterCodes` (which must exist when the files are imported) or, one in five, about none.
 */
export function generateEntryFiles(
  total: number,
  perFile: number,
  matterCodes: readonly string[],
  seed = 20261120,
): GeneratedKnowledgeFile[] {
  const next = random(seed);
  const files: GeneratedKnowledgeFile[] = [];
  for (let start = 0; start < total; start += perFile) {
    const qa: unknown[] = [];
    const policies: unknown[] = [];
    for (let index = start; index < Math.min(total, start + perFile); index += 1) {
      const subject = pick(next, subjects);
      const action = pick(next, actions);
      const matters = next() < 0.2 || matterCodes.length === 0 ? [] : [pick(next, matterCodes)];
      const id = String(index).padStart(6, '0');
      if (index % 5 === 4) {
        policies.push({
          id: `GEN-POL-${id}`,
          version: 1,
          effectiveFrom: '2026-01-01',
          title: `关于${subject}${action}有关事项的通知（第${id}号）`,
          issuer: pick(next, issuers),
          matters,
          body: Array.from({ length: 3 }, () => answerText(next, subject, action)).join('\n'),
        });
      } else {
        qa.push({
          id: `GEN-QA-${id}`,
          version: 1,
          effectiveFrom: '2026-01-01',
          question: `${subject}${action}${pick(next, aspects)}？`,
          variants: [`${subject}怎么${action}？`],
          answer: answerText(next, subject, action),
          matters,
          sources: ['《中华人民共和国行政许可法》'],
          tags: [subject, action],
        });
      }
    }
    files.push({
      fileName: `generated-entries-${String(files.length + 1).padStart(3, '0')}.json`,
      content: JSON.stringify({ format: 'bangban-knowledge', formatVersion: 1, policies, qa }),
    });
  }
  return files;
}

/** `count` varied clerk-style questions over the same vocabulary (plus a few it lacks). */
export function generateQueries(count: number, seed = 7): string[] {
  const next = random(seed);
  const forms = [
    (s: string, a: string, x: string) => `${s}${a}${x}？`,
    (s: string, a: string) => `我想${a}${s}，要带什么？`,
    (s: string, a: string) => `${s}${a}能在${pick(next, places)}办吗`,
    (s: string) => `${s}丢了怎么办`,
    (s: string, a: string) => `帮家里老人${a}${s}需要本人来吗？`,
    () => `${pick(next, ['驾照', '护照', '港澳通行证', '公证书'])}怎么办理？`,
  ];
  return Array.from({ length: count }, () =>
    pick(next, forms)(pick(next, subjects), pick(next, actions), pick(next, aspects)),
  );
}
