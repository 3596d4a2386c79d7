import type { CaseStatus } from '@shared/api/cases';

/** antd Tag colours for case statuses. */
export const caseStatusColours: Record<CaseStatus, string> = {
  intake: 'blue',
  reviewing: 'processing',
  correction: 'warning',
  accepted: 'success',
  rejected: 'error',
  completed: 'green',
};

const materialForms = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
export type MaterialForm = (typeof materialForms)[number];

export function isMaterialForm(value: string): value is MaterialForm {
  return (materialForms as readonly string[]).includes(value);
}
