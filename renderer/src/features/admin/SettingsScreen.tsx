import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/api/system';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { requiredRule } from '../../ui/form-rules';

/** Hall name, hall contact, and the idle time after which users are signed out. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const settings = useQuery({
    queryKey: queryKeys.settings,
    queryFn: () => client.settings.get({}),
  });
  return (
    <div className="page page-narrow">
      <Typography.Title level={4} className="page-title">
        {t('settings.title')}
      </Typography.Title>
      <Card className="page-section">
        {settings.isError ? <ErrorAlert error={settings.error} /> : null}
        {settings.isPending ? <Spin /> : null}
        {settings.data ? <SettingsForm initial={settings.data} /> : null}
      </Card>
    </div>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [formError, setFormError] = useState<string>();

  const save = useMutation({
    mutationFn: (values: Settings) => client.settings.update(values),
    onSuccess: async (saved) => {
      void message.success(t('common.saved'));
      queryClient.setQueryData(queryKeys.settings, saved);
      await queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus });
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={initial}
      disabled={save.isPending}
      onFinish={(values) => {
        setFormError(undefined);
        save.mutate({ ...values, hallContact: values.hallContact.trim() });
      }}
    >
      <Form.Item
        name="hallName"
        label={t('settings.hallName')}
        rules={[requiredRule(t, t('settings.hallName'))]}
      >
        <Input autoFocus maxLength={60} data-testid="settings-hall-name" />
      </Form.Item>
      <Form.Item name="hallContact" label={t('settings.hallContact')}>
        <Input
          maxLength={100}
          placeholder={t('settings.hallContactPlaceholder')}
          data-testid="settings-hall-contact"
        />
      </Form.Item>
      <Form.Item
        name="idleTimeoutMinutes"
        label={t('settings.idleTimeout')}
        extra={t('settings.idleTimeoutHint')}
        rules={[
          {
            required: true,
            type: 'integer',
            min: 1,
            max: 240,
            message: t('settings.idleTimeoutHint'),
          },
        ]}
      >
        <InputNumber min={1} max={240} precision={0} data-testid="settings-idle-timeout" />
      </Form.Item>
      <Form.Item
        name="correctionDays"
        label={t('settings.correctionDays')}
        extra={t('settings.correctionDaysHint')}
        rules={[
          {
            required: true,
            type: 'integer',
            min: 1,
            max: 60,
            message: t('settings.correctionDaysHint'),
          },
        ]}
      >
        <InputNumber min={1} max={60} precision={0} data-testid="settings-correction-days" />
      </Form.Item>
      <Form.Item
        name="retentionMonths"
        label={t('settings.retentionMonths')}
        extra={t('settings.retentionMonthsHint')}
        rules={[
          {
            required: true,
            type: 'integer',
            min: 6,
            max: 360,
            message: t('settings.retentionMonthsHint'),
          },
        ]}
      >
        <InputNumber min={6} max={360} precision={0} data-testid="settings-retention-months" />
      </Form.Item>
      {formError ? (
        <div className="form-error">
          <ErrorAlert error={formError} />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
