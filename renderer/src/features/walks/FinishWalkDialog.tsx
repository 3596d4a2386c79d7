import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WalkDetail } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { ratingLabels } from './rating-labels';
import { useWalkAction } from './use-walk-action';

interface FinishValues {
  given: 'given' | 'declined';
  satisfaction?: number;
  comment?: string;
  leaderRating: number;
}

/** Ends the walk with the applicant's own word (or their wish not to give it) and locks it. */
export function FinishWalkDialog({ walk, onClose }: { walk: WalkDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const [form] = Form.useForm<FinishValues>();
  const [formError, setFormError] = useState<string>();
  const given = Form.useWatch<FinishValues['given'] | undefined>('given', form) ?? 'given';
  const finish = useWalkAction((values: FinishValues) => {
    const comment = values.comment?.trim();
    return client.walks.finish({
      walkId: walk.id,
      feedback:
        values.given === 'given' && values.satisfaction
          ? { satisfaction: values.satisfaction, ...(comment ? { comment } : {}) }
          : null,
      leaderRating: values.leaderRating,
    });
  }, t('walk.finished'));
  const labels = ratingLabels(t);

  return (
    <Modal
      open
      title={t('walk.finishTitle')}
      okText={t('walk.finish')}
      cancelText={t('common.cancel')}
      confirmLoading={finish.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('walk-finish-save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ given: 'given' }}
        onFinish={(values) => {
          setFormError(undefined);
          finish.mutate(values, {
            onSuccess: onClose,
            onError: (error) => {
              setFormError(showErrorOnForm(form, error, language));
            },
          });
        }}
      >
        <Form.Item name="given" label={t('walk.feedback')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={[
              { value: 'given', label: t('walk.feedbackGiven') },
              { value: 'declined', label: t('walk.feedbackDeclined') },
            ]}
            data-testid="walk-feedback-given"
          />
        </Form.Item>
        {given === 'given' ? (
          <>
            <Form.Item
              name="satisfaction"
              label={t('walk.satisfaction')}
              rules={[{ required: true, message: t('walk.satisfactionRequired') }]}
            >
              <Rate tooltips={labels} className="big-rate" data-testid="walk-satisfaction" />
            </Form.Item>
            <Form.Item name="comment" label={t('walk.comment')}>
              <Input.TextArea
                rows={3}
                maxLength={500}
                showCount
                placeholder={t('walk.commentPlaceholder')}
                data-testid="walk-comment"
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="leaderRating"
          label={t('walk.leaderRating')}
          rules={[{ required: true, message: t('walk.leaderRatingRequired') }]}
        >
          <Rate tooltips={labels} className="big-rate" data-testid="walk-leader-rating" />
        </Form.Item>
        {walk.runningStage ? (
          <Alert
            type="warning"
            showIcon
            className="form-gap"
            title={t('walk.finishRunning', {
              stage: t(`walkLabels.stage.${walk.runningStage}`),
            })}
            data-testid="walk-finish-running"
          />
        ) : null}
        <Alert type="info" showIcon title={t('walk.finishHint')} />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
