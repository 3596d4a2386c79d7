import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient, useSessionStore } from '../../app/engine-context';
import type { SignOutReason } from '../../app/session-store';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { AuthCard } from './AuthCard';
import { requiredRule } from '../../ui/form-rules';

interface SignInValues {
  username: string;
  password: string;
}

interface SignInScreenProps {
  hallName: string | undefined;
  /** Why the previous session ended, said once above the form. */
  reason: SignOutReason | undefined;
}

export function SignInScreen({ hallName, reason }: SignInScreenProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const store = useSessionStore();
  const [form] = Form.useForm<SignInValues>();
  const [formError, setFormError] = useState<string>();

  const signIn = useMutation({
    mutationFn: (values: SignInValues) => client.auth.signIn(values),
    onSuccess: (session) => {
      store.signedIn(session);
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
      form.setFieldValue('password', '');
    },
  });

  return (
    <AuthCard title={t('signIn.title')} hallName={hallName}>
      {reason && !formError ? (
        <Alert
          className="form-error"
          type={reason === 'signedOut' ? 'info' : 'warning'}
          showIcon
          title={t(`signIn.reasons.${reason}`)}
          data-testid="signin-reason"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setFormError(undefined);
          signIn.mutate(values);
        }}
      >
        <Form.Item
          name="username"
          label={t('signIn.username')}
          rules={[requiredRule(t, t('signIn.username'))]}
        >
          <Input autoFocus autoComplete="username" maxLength={32} data-testid="signin-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.password')}
          rules={[requiredRule(t, t('signIn.password'))]}
        >
          <Input.Password autoComplete="current-password" data-testid="signin-password" />
        </Form.Item>
        {formError ? (
          <div className="form-error">
            <ErrorAlert error={formError} testId="signin-error" />
          </div>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={signIn.isPending}
          data-testid="signin-submit"
        >
          {t('signIn.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
