import { useState } from 'react';
import { Button, Form, Input } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { joinCodeSchema } from '@shared/hub/remote';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { formatEnrolmentCode } from '../sync';
import { useJoinWindow } from './use-remote-session';

/** The expert types the code the clerk reads out and joins that window; refusals show on the field. */
export function JoinCodeForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<{ code: string }>();
  const [formError, setFormError] = useState<string>();
  const join = useJoinWindow();

  return (
    <Form
      form={form}
      layout="inline"
      className="join-code-form"
      requiredMark={false}
      disabled={join.isPending}
      onFinish={({ code }) => {
        setFormError(undefined);
        join.mutate(
          { code },
          {
            onError: (error) => {
              setFormError(showErrorOnForm(form, error, language));
            },
          },
        );
      }}
    >
      <Form.Item
        name="code"
        label={t('help.joinCodeTitle')}
        tooltip={t('help.joinCodeHint')}
        normalize={formatEnrolmentCode}
        rules={[
          {
            validator: (_rule, value: string | undefined) =>
              value !== undefined && joinCodeSchema.safeParse(value).success
                ? Promise.resolve()
                : Promise.reject(new Error(t('help.joinCodeInvalid'))),
          },
        ]}
      >
        <Input
          placeholder="ABCDE-FGHJK"
          autoComplete="off"
          spellCheck={false}
          className="mono join-code-input"
          aria-label={t('help.joinCode')}
          data-testid="help-join-code"
        />
      </Form.Item>
      <Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          icon={<LoginOutlined />}
          loading={join.isPending}
          data-testid="help-join-submit"
        >
          {join.isPending ? t('remote.joining') : t('help.join')}
        </Button>
      </Form.Item>
      <ErrorAlert error={formError} testId="help-join-error" />
    </Form>
  );
}
