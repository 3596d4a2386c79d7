import { businessDate } from '@shared/domain/business-date';
import { useState } from 'react';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { UnitMatterFields } from './UnitMatterFields';
import { useHallName } from './use-hall-name';
import { walkChanged } from './walk-cache';

/** What a click on a coverage gap already knows. */
export interface SchedulePrefill {
  unitId?: number;
  leaderId?: number;
  matterCode?: string;
}

interface ScheduleValues {
  unitId: number;
  leaderId?: number;
  matterCode: string;
  plannedDate: Dayjs;
  hall: string;
}

interface ScheduleWalkDialogProps {
  /** The units the user may schedule for (a leader's own, every unit for an admin). */
  units: readonly Unit[];
  unitsLoading: boolean;
  /** Admins choose the leader; a leader schedules their own walk. */
  pickLeader: boolean;
  prefill?: SchedulePrefill;
  onClose: () => void;
}

/** Plans a walk: unit, leader, matter, date and hall. */
export function ScheduleWalkDialog({
  units,
  unitsLoading,
  pickLeader,
  prefill,
  onClose,
}: ScheduleWalkDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const hallName = useHallName();
  const [form] = Form.useForm<ScheduleValues>();
  const [formError, setFormError] = useState<string>();
  const onlyUnit = units.length === 1 ? units[0]?.id : undefined;

  const schedule = useMutation({
    mutationFn: (values: ScheduleValues) =>
      client.walks.schedule({
        unitId: values.unitId,
        ...(pickLeader && values.leaderId !== undefined ? { leaderId: values.leaderId } : {}),
        matterCode: values.matterCode,
        plannedDate: values.plannedDate.format('YYYY-MM-DD'),
        hall: values.hall,
      }),
    onSuccess: async (detail) => {
      void message.success(t('walks.scheduled'));
      await walkChanged(queryClient, detail);
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      title={t('walks.scheduleTitle')}
      okText={t('walks.schedule')}
      cancelText={t('common.cancel')}
      confirmLoading={schedule.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('walk-schedule-save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          unitId: prefill?.unitId ?? onlyUnit,
          leaderId: prefill?.leaderId,
          matterCode: prefill?.matterCode,
          hall: hallName,
        }}
        onFinish={(values) => {
          setFormError(undefined);
          schedule.mutate(values);
        }}
      >
        <UnitMatterFields
          form={form}
          units={units}
          loading={unitsLoading}
          pickLeader={pickLeader}
        />
        <Form.Item
          name="plannedDate"
          label={t('walks.form.date')}
          rules={[
            { required: true, message: t('common.fieldRequired', { field: t('walks.form.date') }) },
          ]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(date) => date.format('YYYY-MM-DD') < businessDate(new Date())}
            data-testid="walk-date"
          />
        </Form.Item>
        <Form.Item
          name="hall"
          label={t('walks.form.hall')}
          rules={[requiredRule(t, t('walks.form.hall'))]}
        >
          <Input
            maxLength={60}
            placeholder={t('walks.form.hallPlaceholder')}
            data-testid="walk-hall"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
