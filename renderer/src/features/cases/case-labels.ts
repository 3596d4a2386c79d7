import type { CaseStatus, MaterialState } from '@shared/api/cases';

/** antd Tag colours for case statuses and material states. */
export const caseStatusColours: Record<CaseStatus, string> = {
  intake: 'blue',
  reviewing: 'processing',
  correction: 'warning',
  accepted: 'success',
  rejected: 'error',
  completed: 'green',
};

export const materialStateColours: Record<MaterialState, string> = {
  pending: 'default',
  received: 'success',
  missing: 'error',
  to_correct: 'warning',
};

const materialForms = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
export type MaterialForm = (typeof materialForms)[number];

export function isMaterialForm(value: string): value is MaterialForm {
  return (materialForms as readonly string[]).includes(value);
}
