import { describe, expect, it } from 'vitest';
import type { Review, ReviewPointState } from '@shared/api';
import { adviceRequest, readAdvice } from './model-advice';

const point: ReviewPointState = {
  code: 'RP05',
  title: '经营场所地址与营业执照一致',
  kind: 'model',
  materialCode: 'M01',
  guidance: '比较申请书与营业执照上的经营场所',
  correction: null,
  legalBasis: '《食品经营许可和备案管理办法》',
  severity: 'correctable',
  pointVersion: 1,
  suggestion: null,
  decision: null,
  passages: [
    {
      entryId: 'QA-0110',
      version: 1,
      kind: 'qa',
      title: '地址变了怎么办？',
      effectiveFrom: '2026-01-01',
      snippet: '…',
    },
  ],
};

const review = {
  matter: { code: 'SCJG-SPJY-001', name: '食品经营许可', version: 1 },
  materials: [
    {
      code: 'M03',
      name: '身份证件',
      required: true,
      state: 'received',
      fields: [
        {
          key: 'idNumber',
          label: '公民身份号码',
          type: 'citizenId',
          required: true,
          personal: true,
          value: '11010519491231002X',
        },
      ],
    },
  ],
} as unknown as Review;

describe('model advice on a review point', () => {
  it('lets the model cite only the point’s passages and never shows it an ID number', () => {
    const request = adviceRequest(review, point, () => '经营场所搬迁的，应当重新申请');
    expect(request.prompt).toContain('[QA-0110] 地址变了怎么办？\n经营场所搬迁的');
    expect(request.prompt).not.toContain('11010519491231002X');
    expect(request.jsonSchema).toMatchObject({
      properties: { citedEntryIds: { items: { enum: ['QA-0110'] } } },
    });
  });

  it('reads the verdict, keeps only the given citations and never invents a reason', () => {
    expect(
      readAdvice(
        { verdict: 'fail', reason: ' 门牌号不同 ', citedEntryIds: ['QA-0110', 'QA-9'] },
        point,
      ),
    ).toEqual({ verdict: 'fail', reason: '门牌号不同', cited: ['QA-0110'] });
    expect(readAdvice({ verdict: 'maybe', reason: '', citedEntryIds: 'x' }, point)).toEqual({
      verdict: 'unsure',
      reason: '（模型未给出理由）',
      cited: [],
    });
  });
});
