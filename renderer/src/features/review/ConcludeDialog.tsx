import { Alert, List, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui/test-id';
import type { Review, ReviewOutcome } from '@shared/api/review';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { outcomeColours } from './review-labels';

/** Confirms the outcome the decisions lead to, listing every failed point, before it is final. */
export function ConcludeDialog({
  review,
  outcome,
  open,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  review: Review;
  outcome: ReviewOutcome;
  open: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const failed = review.points.filter((point) => point.decision?.verdict === 'fail');
  const label = t(`review.outcome.${outcome}`);
  return (
    <Modal
      open={open}
      title={t('review.concludeTitle')}
      okText={t('review.conclude')}
      okButtonProps={{ loading: pending, ...testId('review-conclude-confirm') }}
      cancelText={t('common.cancel')}
      onOk={onConfirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Tag
          color={outcomeColours[outcome]}
          className="outcome-tag"
          data-testid="review-outcome-preview"
        >
          {label}
        </Tag>
      </Typography.Paragraph>
      {failed.length > 0 ? (
        <List
          size="small"
          header={t('review.failedItems', { count: failed.length })}
          dataSource={failed}
          renderItem={(point) => (
            <List.Item>
              <span>
                {point.severity === 'blocking' ? (
                  <Tag color="red">{t('review.severity.blocking')}</Tag>
                ) : null}
                {point.title}
              </span>
            </List.Item>
          )}
        />
      ) : null}
      <Alert type="warning" showIcon title={t('review.concludeConfirm', { outcome: label })} />
      <ErrorAlert error={error} />
    </Modal>
  );
}
