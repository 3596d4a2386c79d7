import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@shared/api/cases';

/** A light status label for grid rows (same colours as the antd tag, far cheaper to render). */
export function CaseStatusPill({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill status-pill-${status}`} data-status={status}>
      {t(`caseStatus.${status}`)}
    </span>
  );
}
