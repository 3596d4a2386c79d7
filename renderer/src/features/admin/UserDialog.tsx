import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/api/auth';
import { roles, type Role } from '@shared/api/common';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { NewPasswordFields } from '../auth';
import { requiredRule } from '../../ui/form-rules';

interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  confirm: string;
}

interface UserDialogProps {
  /** The user to edit; absent to create one. */
  user: User | undefined;
  onClose: () => void;
}

/** Create a user (name, role, initial password) or change an existing one's name and role. */
export function UserDialog({ user, onClose }: UserDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserValues>();
  const [formError, setFormError] = useState<string>();

  const save = useMutation({
    mutationFn: (values: UserValues) =>
      user
        ? client.users.update({ id: user.id, displayName: values.displayName, role: values.role })
        : client.users.create({
            username: values.username,
            displayName: values.displayName,
            role: values.role,
            password: values.password,
          }),
    onSuccess: async (saved) => {
      void message.success(
        user ? t('users.updated') : t('users.created', { username: saved.username }),
      );
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
      title={user ? t('users.editTitle', { username: user.username }) : t('users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, role: user.role }
            : { role: 'clerk' }
        }
        onFinish={(values) => {
          setFormError(undefined);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[requiredRule(t, t('users.username'))]}
        >
          <Input
            autoFocus={!user}
            disabled={Boolean(user)}
            maxLength={32}
            autoComplete="off"
            data-testid="user-username"
          />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[requiredRule(t, t('users.displayName'))]}
        >
          <Input autoFocus={Boolean(user)} maxLength={40} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select
            options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            data-testid="user-role"
          />
        </Form.Item>
        {user ? null : (
          <>
            <NewPasswordFields
              name="password"
              label={t('users.password')}
              testIds={{ password: 'user-password', confirm: 'user-password-confirm' }}
            />
          </>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        {formError ? <ErrorAlert error={formError} /> : null}
      </Form>
    </Modal>
  );
}
