import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useConsole, useSession } from '../api/console-context';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LanguageSwitch } from '../ui/LanguageSwitch';

interface SignInValues {
  username: string;
  password: string;
}

/** 登录: a hub administrator signs in; the token lives in this tab only. */
export function SignInPage() {
  const { t } = useTranslation();
  const { api, session } = useConsole();
  const { ended } = useSession();
  const signIn = useMutation({
    mutationFn: (values: SignInValues) => api.call('adminSignIn', { body: values }),
    onSuccess: (admin) => {
      session.signedIn(admin);
    },
  });

  return (
    <div className="signin-page">
      <div className="signin-language">
        <LanguageSwitch />
      </div>
      <Card className="signin-card">
        <Typography.Title level={3} className="signin-title">
          {t('app.hub')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="signin-subtitle">
          {t('app.console')} · {t('signIn.title')}
        </Typography.Paragraph>
        {ended === 'expired' && !signIn.isPending ? (
          <Alert type="warning" showIcon title={t('signIn.expired')} className="form-gap" />
        ) : null}
        {ended === 'signedOut' && !signIn.isPending ? (
          <Alert type="info" showIcon title={t('signIn.signedOut')} className="form-gap" />
        ) : null}
        <Form<SignInValues>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => {
            signIn.mutate({ username: values.username.trim(), password: values.password });
          }}
        >
          <Form.Item
            name="username"
            label={t('signIn.username')}
            rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
          >
            <Input
              autoFocus
              prefix={<UserOutlined />}
              autoComplete="username"
              maxLength={40}
              data-testid="signin-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={128}
              data-testid="signin-password"
            />
          </Form.Item>
          {signIn.error ? <ErrorAlert error={signIn.error} testId="signin-error" /> : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={signIn.isPending}
            className="signin-submit"
            data-testid="signin-submit"
          >
            {signIn.isPending ? t('signIn.signingIn') : t('signIn.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="signin-hint">
          {t('signIn.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
