import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  FindingCategory,
  FindingSeverity,
  RectificationStatus,
  WalkStatus,
} from '@shared/api/walks';
import { rectificationStatusColours, severityColours, walkStatusColours } from './walk-labels';

export function WalkStatusTag({ status, testId }: { status: WalkStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={walkStatusColours[status]} data-testid={testId} data-status={status}>
      {t(`walkLabels.status.${status}`)}
    </Tag>
  );
}

export function RectificationStatusTag({
  status,
  testId,
}: {
  status: RectificationStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Tag color={rectificationStatusColours[status]} data-testid={testId} data-status={status}>
      {t(`walkLabels.rectification.${status}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: FindingSeverity }) {
  const { t } = useTranslation();
  return <Tag color={severityColours[severity]}>{t(`walkLabels.severity.${severity}`)}</Tag>;
}

export function CategoryTag({ category }: { category: FindingCategory }) {
  const { t } = useTranslation();
  return (
    <Tag color="geekblue" data-category={category}>
      {t(`walkLabels.category.${category}`)}
    </Tag>
  );
}
