import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Radio, Rate } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '@shared/api/contract';
import { walkChannels, type WalkChannel, type WalkStageRecord } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { ratingLabels } from './rating-labels';
import { useWalkAction } from './use-walk-action';

interface StageValues {
  startedAt: Dayjs | null;
  endedAt: Dayjs | null;
  reason?: string;
  channel: WalkChannel | null;
  observations?: string;
  rating: number;
}

const sameTime = (value: Dayjs | null, original: string | null): boolean =>
  value === null ? original === null : original !== null && value.isSame(dayjs(original), 'minute');

/** Corrects a stage: its times (a reason is required), channel, observations and rating. */
export function StageEditDialog({
  walkId,
  stage,
  onClose,
}: {
  walkId: number;
  stage: WalkStageRecord;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const [form] = Form.useForm<StageValues>();
  const [formError, setFormError] = useState<string>();
  // undefined until the form has mounted.
  const startedAt = Form.useWatch<Dayjs | null | undefined>('startedAt', form);
  const endedAt = Form.useWatch<Dayjs | null | undefined>('endedAt', form);
  const timeChanged =
    (startedAt !== undefined && !sameTime(startedAt, stage.startedAt)) ||
    (endedAt !== undefined && !sameTime(endedAt, stage.endedAt));
  const edit = useWalkAction(
    (input: MethodInput<'walks.editStage'>) => client.walks.editStage(input),
    t('walk.stageSaved'),
  );
  const stageName = t(`walkLabels.stage.${stage.stage}`);

  const submit = (values: StageValues) => {
    const observations = values.observations?.trim() ?? '';
    const input: MethodInput<'walks.editStage'> = {
      walkId,
      stage: stage.stage,
      ...(sameTime(values.startedAt, stage.startedAt)
        ? {}
        : { startedAt: values.startedAt?.toISOString() ?? null }),
      ...(sameTime(values.endedAt, stage.endedAt)
        ? {}
        : { endedAt: values.endedAt?.toISOString() ?? null }),
      ...(timeChanged && values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      ...(values.channel === stage.channel ? {} : { channel: values.channel }),
      ...(observations === (stage.observations ?? '')
        ? {}
        : { observations: observations === '' ? null : observations }),
      ...((values.rating || null) === stage.rating ? {} : { rating: values.rating || null }),
    };
    edit.mutate(input, {
      onSuccess: onClose,
      onError: (error) => {
        setFormError(showErrorOnForm(form, error, language));
      },
    });
  };

  return (
    <Modal
      open
      title={t('walk.editTitle', { stage: stageName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={edit.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('stage-edit-save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          startedAt: stage.startedAt ? dayjs(stage.startedAt) : null,
          endedAt: stage.endedAt ? dayjs(stage.endedAt) : null,
          channel: stage.channel,
          observations: stage.observations ?? '',
          rating: stage.rating ?? 0,
        }}
        onFinish={(values) => {
          setFormError(undefined);
          submit(values);
        }}
      >
        <div className="form-two-columns">
          <Form.Item name="startedAt" label={t('walk.editStart')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              data-testid="stage-edit-start"
            />
          </Form.Item>
          <Form.Item
            name="endedAt"
            label={t('walk.editEnd')}
            dependencies={['startedAt']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: Dayjs | null) => {
                  const start = getFieldValue('startedAt') as Dayjs | null;
                  return value && start && value.isBefore(start)
                    ? Promise.reject(new Error(t('walk.editEndBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              data-testid="stage-edit-end"
            />
          </Form.Item>
        </div>
        {timeChanged ? (
          <Form.Item
            name="reason"
            label={t('walk.editReason')}
            rules={[{ required: true, whitespace: true, message: t('walk.editReasonRequired') }]}
          >
            <Input
              maxLength={200}
              placeholder={t('walk.editReasonPlaceholder')}
              data-testid="stage-edit-reason"
            />
          </Form.Item>
        ) : null}
        <Form.Item name="channel" label={t('walk.channel')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={walkChannels.map((channel) => ({
              value: channel,
              label: t(`walkLabels.channel.${channel}`),
            }))}
            data-testid="stage-edit-channel"
          />
        </Form.Item>
        <Form.Item name="observations" label={t('walk.observations')}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            data-testid="stage-edit-observations"
          />
        </Form.Item>
        <Form.Item name="rating" label={t('walk.rating')}>
          <Rate tooltips={ratingLabels(t)} className="big-rate" data-testid="stage-edit-rating" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
