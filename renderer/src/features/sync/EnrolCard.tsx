import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { useLanguage } from '../../ui/use-language';
import { enrolmentCodeRule, formatEnrolmentCode, hubUrlRule } from './hub-form-rules';

/** The screen keeps this card while enrolment runs, though the terminal already has its hub. */
export const enrolMutationKey = ['sync', 'enrol'] as const;

interface EnrolValues {
  hubUrl: string;
  code: string;
  terminalName: string;
}

/** Admin, terminal not enrolled: hub address, one-time code and a name; enrols and syncs once. */
export function EnrolCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnrolValues>();
  const [formError, setFormError] = useState<string>();

  const enrol = useMutation({
    mutationKey: enrolMutationKey,
    mutationFn: (values: EnrolValues) =>
      client.sync.enrol({
        hubUrl: values.hubUrl.trim(),
        code: values.code,
        terminalName: values.terminalName.trim(),
      }),
    onMutate: () => {
      setFormError(undefined);
    },
    onSuccess: async (status) => {
      queryClient.setQueryData(queryKeys.syncStatus, status);
      void message.success(t('sync.enrolled', { hall: status.terminal?.hallName ?? '' }));
      // The first sync brought matters, knowledge and the hall's accounts: screens read again.
      await queryClient.invalidateQueries();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Card
      title={t('sync.enrolTitle')}
      className="page-section"
      size="small"
      data-testid="sync-enrol-card"
    >
      <Typography.Paragraph type="secondary">{t('sync.enrolIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={enrol.isPending}
        className="sync-enrol-form"
        onFinish={(values) => {
          enrol.mutate(values);
        }}
      >
        <Form.Item
          name="hubUrl"
          label={t('sync.hubUrl')}
          rules={[requiredRule(t, t('sync.hubUrl')), hubUrlRule(t)]}
        >
          <Input
            autoFocus
            inputMode="url"
            maxLength={300}
            placeholder={t('sync.hubUrlPlaceholder')}
            className="mono"
            data-testid="sync-hub-url"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('sync.code')}
          extra={t('sync.codeHint')}
          normalize={formatEnrolmentCode}
          rules={[requiredRule(t, t('sync.code')), enrolmentCodeRule(t)]}
        >
          <Input
            placeholder="ABCDE-FGHJK"
            autoComplete="off"
            spellCheck={false}
            className="mono sync-code-input"
            data-testid="sync-code"
          />
        </Form.Item>
        <Form.Item
          name="terminalName"
          label={t('sync.terminalName')}
          extra={t('sync.terminalNameHint')}
          rules={[requiredRule(t, t('sync.terminalName'))]}
        >
          <Input
            maxLength={80}
            placeholder={t('sync.terminalNamePlaceholder')}
            data-testid="sync-terminal-name"
          />
        </Form.Item>
        {enrol.isPending ? (
          <Alert
            type="info"
            showIcon
            title={t('sync.enrolling')}
            className="form-gap"
            data-testid="sync-enrolling"
          />
        ) : null}
        {formError ? (
          <div className="form-gap">
            <ErrorAlert error={formError} testId="sync-enrol-error" />
          </div>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          icon={<LinkOutlined />}
          loading={enrol.isPending}
          data-testid="sync-enrol"
        >
          {t('sync.enrol')}
        </Button>
      </Form>
    </Card>
  );
}
