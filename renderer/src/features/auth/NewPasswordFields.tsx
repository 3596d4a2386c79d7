import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWatchedText } from '../../ui/use-watched-text';
import { PasswordStrength } from './PasswordStrength';
import { confirmPasswordRules, newPasswordRules } from './password-rules';

/**
 * A new password with its live strength hint, and the "type it again" field that must match it.
 * Used wherever a password is set: first-start setup, new users, changes and resets.
 */
export function NewPasswordFields({
  name,
  label,
  testIds,
  autoFocus = false,
}: {
  name: string;
  label: string;
  testIds: { password: string; confirm: string };
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const password = useWatchedText(form, name);
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        rules={newPasswordRules(t, label)}
        extra={<PasswordStrength password={password} />}
      >
        <Input.Password
          autoFocus={autoFocus}
          autoComplete="new-password"
          data-testid={testIds.password}
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={[name]}
        rules={confirmPasswordRules(t, name)}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds.confirm} />
      </Form.Item>
    </>
  );
}
