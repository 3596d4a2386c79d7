import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { CasePicker } from './CasePicker';
import { UnitMatterFields } from './UnitMatterFields';
import { useHallName } from './use-hall-name';
import { walkChanged } from './walk-cache';

interface StartValues {
  unitId: number;
  matterCode: string;
  hall: string;
  caseId?: number;
}

/** A leader starts a walk on the spot, optionally following a real case, and goes to it. */
export function StartWalkDialog({
  units,
  unitsLoading,
  onClose,
}: {
  units: readonly Unit[];
  unitsLoading: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const hallName = useHallName();
  const [form] = Form.useForm<StartValues>();
  const [formError, setFormError] = useState<string>();
  const matterCode = Form.useWatch<string | undefined>('matterCode', form);

  const start = useMutation({
    mutationFn: (values: StartValues) =>
      client.walks.start({
        unitId: values.unitId,
        matterCode: values.matterCode,
        hall: values.hall,
        ...(values.caseId === undefined ? {} : { caseId: values.caseId }),
      }),
    onSuccess: async (detail) => {
      void message.success(t('walks.started'));
      await walkChanged(queryClient, detail);
      onClose();
      void navigate(`/walks/${String(detail.id)}`);
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      title={t('walks.startTitle')}
      okText={t('walks.startOk')}
      cancelText={t('common.cancel')}
      confirmLoading={start.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('walk-start-save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ unitId: units.length === 1 ? units[0]?.id : undefined, hall: hallName }}
        onFinish={(values) => {
          setFormError(undefined);
          start.mutate(values);
        }}
      >
        <UnitMatterFields form={form} units={units} loading={unitsLoading} />
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
        <Form.Item name="caseId" label={t('walks.form.case')} extra={t('walks.form.caseHint')}>
          <CasePicker matterCode={matterCode} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
