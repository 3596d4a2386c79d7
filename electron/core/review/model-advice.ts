import type { Citation, Review, ReviewPointState } from '@shared/api';
import { maskCitizenId, maskPhone } from '@shared/domain/masking';
import type { JsonSchemaObject } from '../model';

const PASSAGE_CHARS = 400;
const REASON_CHARS = 150;

export const ADVICE_SYSTEM_PROMPT =
  '你是县级政务服务大厅的预审助手。请根据审查指引，只依据给出的申请材料字段和知识条目，判断该审查要点是否满足：' +
  '满足答 pass，不满足答 fail，材料不足以判断答 unsure。理由用一两句中文写明，引用的知识条目只能从给出的编号中选择。' +
  '你的意见只供窗口人员参考，由窗口人员确认。';

export interface AdviceRequest {
  system: string;
  prompt: string;
  jsonSchema: JsonSchemaObject;
  maxTokens: number;
}

export interface Advice {
  verdict: 'pass' | 'fail' | 'unsure';
  reason: string;
  cited: string[];
}

/**
 * What the model reads for one point: the guidance, every field read off the materials (personal
 * numbers masked: the model never needs them for a reading task), and the retrieved passages with
 * their full text. The JSON schema lets it cite only those passages' ids.
 */
export function adviceRequest(
  review: Review,
  point: ReviewPointState,
  passageText: (citation: Citation) => string,
): AdviceRequest {
  const materials = review.materials
    .map((material) => {
      const lines = material.fields
        .filter((field) => field.value !== null)
        .map((field) => `  - ${field.label}：${shown(field.type, field.value)}`);
      const state = material.state === 'received' ? '已收取' : '未收取';
      return `【${material.code} ${material.name}】（${state}）\n${lines.join('\n') || '  （未录入字段）'}`;
    })
    .join('\n');
  const passages = point.passages
    .map(
      (passage) =>
        `[${passage.entryId}] ${passage.title}\n${passageText(passage).slice(0, PASSAGE_CHARS)}`,
    )
    .join('\n\n');
  const ids = point.passages.map((passage) => passage.entryId);
  return {
    system: ADVICE_SYSTEM_PROMPT,
    prompt: [
      `事项：${review.matter.name}`,
      `审查要点：${point.title}`,
      `审查指引：${point.guidance}`,
      `依据：${point.legalBasis}`,
      `申请材料：\n${materials}`,
      `知识条目：\n${passages || '（无）'}`,
      '请按要求输出 JSON。',
    ].join('\n\n'),
    jsonSchema: {
      type: 'object',
      properties: {
        verdict: { type: 'string', enum: ['pass', 'fail', 'unsure'] },
        // Bounded, so a rambling model still closes its JSON within the token budget.
        reason: { type: 'string', maxLength: REASON_CHARS },
        citedEntryIds: {
          type: 'array',
          items: ids.length > 0 ? { type: 'string', enum: ids } : { type: 'string' },
          maxItems: Math.max(1, ids.length),
        },
      },
      required: ['verdict', 'reason', 'citedEntryIds'],
    },
    // Up to two tokens a Chinese character, plus the JSON around it and the cited ids.
    maxTokens: REASON_CHARS * 2 + 120,
  };
}

/**
 * Reads the model's JSON. The grammar already fixes its shape; the cited ids are checked again
 * against the passages it was given, so nothing outside them can be recorded as a basis.
 */
export function readAdvice(json: unknown, point: ReviewPointState): Advice {
  const value = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const verdict =
    value.verdict === 'pass' || value.verdict === 'fail' ? value.verdict : ('unsure' as const);
  const given = new Set(point.passages.map((passage) => passage.entryId));
  const cited = Array.isArray(value.citedEntryIds)
    ? [
        ...new Set(
          value.citedEntryIds.filter((id): id is string => typeof id === 'string' && given.has(id)),
        ),
      ]
    : [];
  const reason = typeof value.reason === 'string' ? value.reason.trim().slice(0, 500) : '';
  return { verdict, reason: reason || '（模型未给出理由）', cited };
}

function shown(type: string, value: unknown): string {
  const text = String(value);
  if (type === 'citizenId') return maskCitizenId(text);
  if (type === 'phone') return maskPhone(text);
  return text;
}
