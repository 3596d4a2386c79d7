import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/api/auth';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { NewPasswordFields } from '../auth';

interface ResetValues {
  newPassword: string;
  confirm: string;
}

/** An administrator sets a new password for a user; this also lifts a sign-in lockout. */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const [formError, setFormError] = useState<string>();

  const reset = useMutation({
    mutationFn: ({ newPassword: next }: ResetValues) =>
      client.users.resetPassword({ id: user.id, newPassword: next }),
    onSuccess: async () => {
      void message.success(t('users.resetDone'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      title={t('users.resetTitle', { username: user.username })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
    >
      <Alert type="info" showIcon title={t('users.resetHint')} className="form-error" />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setFormError(undefined);
          reset.mutate(values);
        }}
      >
        <NewPasswordFields
          name="newPassword"
          label={t('users.newPassword')}
          testIds={{ password: 'reset-password', confirm: 'reset-password-confirm' }}
          autoFocus
        />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        {formError ? <ErrorAlert error={formError} /> : null}
      </Form>
    </Modal>
  );
}
