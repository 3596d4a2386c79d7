import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Rectification } from '@shared/api/walks';
import { formatDateTime } from '../../ui/format';

/** The due date and what it means today: working days left, or how far overdue in red. */
export function RectificationDue({ rectification }: { rectification: Rectification }) {
  const { t } = useTranslation();
  const left = rectification.workingDaysLeft;
  return (
    <Space
      orientation="vertical"
      size={0}
      data-testid="rectification-due"
      data-overdue={String(rectification.overdue)}
    >
      <span className={rectification.overdue ? 'text-danger nowrap' : 'nowrap'}>
        {t('rectification.dueOn', { date: rectification.dueDate })}
      </span>
      {rectification.closedAt ? (
        <Typography.Text type="secondary">
          {t('rectification.closedAt', { at: formatDateTime(rectification.closedAt) })}
        </Typography.Text>
      ) : left === null ? null : rectification.overdue || left < 0 ? (
        <Typography.Text type="danger" strong>
          {t('rectification.overdueDays', { count: Math.abs(left) })}
        </Typography.Text>
      ) : left === 0 ? (
        <Typography.Text type="warning">{t('rectification.dueToday')}</Typography.Text>
      ) : (
        <Typography.Text type="secondary">
          {t('rectification.daysLeft', { count: left })}
        </Typography.Text>
      )}
    </Space>
  );
}
