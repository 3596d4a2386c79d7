import { citizenIdCheckCharacter } from '@shared/domain/citizen-id';
import { organisationCodeCheckCharacter, usccCheckCharacter } from '@shared/domain/uscc';

/** A matter with 30 rule-kind review points over six materials, and a case's values for it. */
export const REVIEW_MATTER_CODE = 'BENCH-RULES-030';

const organisation = 'MA0QC7LY';
const usccFirst17 = `91350102${organisation}${organisationCodeCheckCharacter(organisation)}`;
const uscc = usccFirst17 + usccCheckCharacter(usccFirst17);
const citizenId = (first17: string): string => first17 + citizenIdCheckCharacter(first17);

/** Field values of a clean case, by material: every one of the 30 rules passes. */
export const reviewCaseFields = {
  M01: {
    operatorName: '县基准餐饮有限公司',
    creditCode: uscc,
    legalRepresentative: '陈基准',
    agentName: '许代理',
    applicationDate: '2026-11-18',
    phone: '13800000001',
    staffCount: 12,
  },
  M02: {
    operatorName: '县基准餐饮有限公司',
    creditCode: uscc,
    establishedOn: '2026-11-02',
    validUntil: '2046-11-01',
  },
  M03: { name: '陈基准', idNumber: citizenId('35010219800315137'), idValidUntil: '2036-03-15' },
  M04: { lessee: '县基准餐饮有限公司', leaseEndDate: '2029-12-31', address: '县城关镇人民路 1 号' },
  M05: { agentName: '许代理', agentIdNumber: citizenId('35010219970301308') },
  M06: { holderName: '陈基准', validUntil: '2027-06-30' },
} as const;

type Rule = Record<string, unknown>;
const field = (material: string, key: string): Rule => ({
  var: `materials.${material}.fields.${key}`,
});

const rules: [string, Rule][] = [
  ...['M01', 'M02', 'M03', 'M04', 'M05', 'M06'].map((code): [string, Rule] => [
    `已收取材料 ${code}`,
    { received: code },
  ]),
  ['申请书代码校验', { validUscc: field('M01', 'creditCode') }],
  ['执照代码校验', { validUscc: field('M02', 'creditCode') }],
  ['代码一致', { '==': [field('M01', 'creditCode'), field('M02', 'creditCode')] }],
  ['法定代表人身份证号码校验', { validCitizenId: field('M03', 'idNumber') }],
  ['代理人身份证号码校验', { validCitizenId: field('M05', 'agentIdNumber') }],
  ['执照在有效期内', { notExpired: [field('M02', 'validUntil')] }],
  ['身份证在有效期内', { notExpired: [field('M03', 'idValidUntil')] }],
  ['租期未届满', { notExpired: [field('M04', 'leaseEndDate')] }],
  ['健康证明在有效期内', { notExpired: [field('M06', 'validUntil')] }],
  [
    '名称一致（申请书/执照）',
    { sameName: [field('M01', 'operatorName'), field('M02', 'operatorName')] },
  ],
  ['法定代表人一致', { sameName: [field('M03', 'name'), field('M01', 'legalRepresentative')] }],
  ['承租人与经营者一致', { sameName: [field('M04', 'lessee'), field('M02', 'operatorName')] }],
  ['代理人一致', { sameName: [field('M05', 'agentName'), field('M01', 'agentName')] }],
  ['健康证明持有人一致', { sameName: [field('M06', 'holderName'), field('M03', 'name')] }],
  [
    '成立后三十个工作日内申请',
    {
      '<=': [
        { workingDaysBetween: [field('M02', 'establishedOn'), field('M01', 'applicationDate')] },
        30,
      ],
    },
  ],
  [
    '申请后五个工作日内受理',
    { '<=': [{ workingDaysBetween: [field('M01', 'applicationDate'), { var: 'today' }] }, 5] },
  ],
  ['联系电话已填', { nonEmpty: field('M01', 'phone') }],
  ['经营场所地址已填', { nonEmpty: field('M04', 'address') }],
  ['成立日期已填', { nonEmpty: field('M02', 'establishedOn') }],
  [
    '法定代表人证件齐全有效',
    {
      and: [
        { received: 'M03' },
        { validCitizenId: field('M03', 'idNumber') },
        { notExpired: [field('M03', 'idValidUntil')] },
      ],
    },
  ],
  ['从业人数大于零', { '>': [field('M01', 'staffCount'), 0] }],
  [
    '申请日租期有效',
    {
      and: [
        { nonEmpty: field('M04', 'leaseEndDate') },
        { notExpired: [field('M04', 'leaseEndDate'), field('M01', 'applicationDate')] },
      ],
    },
  ],
  [
    '委托办理的已交委托书',
    {
      or: [
        { '!': { nonEmpty: field('M01', 'agentName') } },
        { and: [{ received: 'M05' }, { validCitizenId: field('M05', 'agentIdNumber') }] },
      ],
    },
  ],
  [
    '执照与申请书名称、代码均一致',
    {
      and: [
        { sameName: [field('M01', 'operatorName'), field('M02', 'operatorName')] },
        { '==': [field('M01', 'creditCode'), field('M02', 'creditCode')] },
      ],
    },
  ],
];

/** The 30 rules as stored with the review points (also the baseline's input). */
export const reviewRules: Rule[] = rules.map(([, rule]) => rule);

const text = (key: string, label: string, type = 'text'): Record<string, unknown> => ({
  key,
  label,
  type,
  required: true,
});

/** The knowledge file (JSON) holding the matter. */
export function reviewMatterFile(): string {
  const matter = {
    code: REVIEW_MATTER_CODE,
    version: 1,
    effectiveFrom: '2026-01-01',
    name: '基准测试餐饮经营许可',
    department: '县市场监督管理局',
    level: 'county',
    subjectKind: 'both',
    promisedDays: 5,
    legalDays: 20,
    fees: [],
    conditions: ['申请材料齐全、符合法定形式'],
    legalBasis: ['《中华人民共和国行政许可法》'],
    materials: [
      {
        code: 'M01',
        name: '申请书',
        fields: [
          text('operatorName', '经营者名称'),
          text('creditCode', '统一社会信用代码', 'uscc'),
          text('legalRepresentative', '法定代表人'),
          { ...text('agentName', '委托代理人'), required: false },
          text('applicationDate', '申请日期', 'date'),
          text('phone', '联系电话', 'phone'),
          text('staffCount', '从业人数', 'number'),
        ],
      },
      {
        code: 'M02',
        name: '营业执照',
        fields: [
          text('operatorName', '名称'),
          text('creditCode', '统一社会信用代码', 'uscc'),
          text('establishedOn', '成立日期', 'date'),
          text('validUntil', '营业期限至', 'date'),
        ],
      },
      {
        code: 'M03',
        name: '法定代表人身份证',
        fields: [
          text('name', '姓名'),
          text('idNumber', '公民身份号码', 'citizenId'),
          text('idValidUntil', '有效期至', 'date'),
        ],
      },
      {
        code: 'M04',
        name: '经营场所租赁合同',
        fields: [
          text('lessee', '承租人'),
          text('leaseEndDate', '租期至', 'date'),
          text('address', '地址', 'address'),
        ],
      },
      {
        code: 'M05',
        name: '授权委托书',
        required: '委托他人办理的',
        fields: [text('agentName', '代理人'), text('agentIdNumber', '代理人身份号码', 'citizenId')],
      },
      {
        code: 'M06',
        name: '健康证明',
        fields: [text('holderName', '持有人'), text('validUntil', '有效期至', 'date')],
      },
    ],
    reviewPoints: rules.map(([title, rule], index) => ({
      code: `RP${String(index + 1).padStart(2, '0')}`,
      title,
      kind: 'rule',
      rule,
      guidance: `核对：${title}。`,
      correction: `请按要求补正：${title}。`,
      legalBasis: '《中华人民共和国行政许可法》第三十二条',
    })),
  };
  return JSON.stringify({ format: 'bangban-knowledge', formatVersion: 1, matters: [matter] });
}
