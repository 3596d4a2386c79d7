import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { NewPasswordFields } from './NewPasswordFields';
import { requiredRule } from '../../ui/form-rules';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

interface ChangePasswordDialogProps {
  open: boolean;
  onClose: () => void;
}

export function ChangePasswordDialog({ open, onClose }: ChangePasswordDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [formError, setFormError] = useState<string>();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword: next }: ChangePasswordValues) =>
      client.auth.changePassword({ currentPassword, newPassword: next }),
    onSuccess: () => {
      void message.success(t('changePassword.done'));
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open={open}
      title={t('changePassword.title')}
      okText={t('changePassword.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
      onOk={() => {
        form.submit();
      }}
      onCancel={() => {
        setFormError(undefined);
        onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setFormError(undefined);
          change.mutate(values);
        }}
      >
        <Form.Item
          name="currentPassword"
          label={t('changePassword.current')}
          rules={[requiredRule(t, t('changePassword.current'))]}
        >
          <Input.Password
            autoFocus
            autoComplete="current-password"
            data-testid="password-current"
          />
        </Form.Item>
        <NewPasswordFields
          name="newPassword"
          label={t('changePassword.next')}
          testIds={{ password: 'password-new', confirm: 'password-confirm' }}
        />
        {/* Enter in a field submits the form even though the button is in the modal footer. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        {formError ? <ErrorAlert error={formError} /> : null}
      </Form>
    </Modal>
  );
}
