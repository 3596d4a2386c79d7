import type { FindingCategory, FindingSeverity, LocalizedText, WalkStage } from '@shared/api';

/** The engine's own words for stages and categories: history lines, errors, model prompts. */
export const stageNames: Record<WalkStage, LocalizedText> = {
  consult: { zh: '咨询', en: 'Consultation' },
  apply: { zh: '申请', en: 'Application' },
  accept: { zh: '受理', en: 'Acceptance' },
  review: { zh: '审核', en: 'Review' },
  complete: { zh: '办结', en: 'Completion' },
  feedback: { zh: '反馈', en: 'Feedback' },
};

export const categoryNames: Record<FindingCategory, LocalizedText> = {
  cumbersome_materials: { zh: '材料繁琐', en: 'Cumbersome materials' },
  repeated_submission: { zh: '重复提交', en: 'Repeated submission' },
  multiple_trips: { zh: '跑多次', en: 'Multiple trips' },
  systems_disconnected: { zh: '系统不通', en: 'Systems not connected' },
  long_wait: { zh: '等候过长', en: 'Long wait' },
  unclear_policy: { zh: '政策不清', en: 'Unclear policy' },
  cross_department: { zh: '跨部门协调', en: 'Cross-department coordination' },
  service_attitude: { zh: '服务态度', en: 'Service attitude' },
  other: { zh: '其他', en: 'Other' },
};

export const severityNames: Record<FindingSeverity, LocalizedText> = {
  low: { zh: '一般', en: 'Minor' },
  medium: { zh: '较重', en: 'Serious' },
  high: { zh: '严重', en: 'Severe' },
};
