import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient, useSessionStore } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { AuthCard } from './AuthCard';
import { NewPasswordFields } from './NewPasswordFields';
import { requiredRule } from '../../ui/form-rules';

interface SetupValues {
  hallName: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** First start: name the hall and create the administrator. There is no default password. */
export function SetupScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const store = useSessionStore();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SetupValues>();
  const [formError, setFormError] = useState<string>();

  const createAdmin = useMutation({
    mutationFn: ({ hallName, username, displayName, password: chosen }: SetupValues) =>
      client.setup.createAdmin({ hallName, username, displayName, password: chosen }),
    onSuccess: async (session) => {
      store.signedIn(session);
      await queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus });
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <AuthCard title={t('setup.title')} hallName={undefined}>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={createAdmin.isPending}
        onFinish={(values) => {
          setFormError(undefined);
          createAdmin.mutate(values);
        }}
      >
        <Form.Item
          name="hallName"
          label={t('setup.hallName')}
          rules={[requiredRule(t, t('setup.hallName'))]}
        >
          <Input
            autoFocus
            maxLength={60}
            placeholder={t('setup.hallNamePlaceholder')}
            data-testid="setup-hall"
          />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('setup.username')}
          extra={t('setup.usernameHint')}
          rules={[requiredRule(t, t('setup.username'))]}
        >
          <Input maxLength={32} autoComplete="username" data-testid="setup-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('setup.displayName')}
          rules={[requiredRule(t, t('setup.displayName'))]}
        >
          <Input maxLength={40} data-testid="setup-display-name" />
        </Form.Item>
        <NewPasswordFields
          name="password"
          label={t('setup.password')}
          testIds={{ password: 'setup-password', confirm: 'setup-password-confirm' }}
        />
        {formError ? (
          <div className="form-error">
            <ErrorAlert error={formError} />
          </div>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={createAdmin.isPending}
          data-testid="setup-submit"
        >
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
