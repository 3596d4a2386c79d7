import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@shared/api/cases';
import { caseStatusColours } from './case-labels';

export function CaseStatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={caseStatusColours[status]} data-testid={testId} data-status={status}>
      {t(`caseStatus.${status}`)}
    </Tag>
  );
}
