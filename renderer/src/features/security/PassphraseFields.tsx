import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_STORE_PASSPHRASE_LENGTH } from '@shared/api/vault';
import { requiredRule } from '../../ui/form-rules';

/** A new store passphrase and its repetition; the engine checks the length again. */
export function PassphraseFields({
  name,
  label,
  testId,
  autoFocus = false,
}: {
  name: string;
  label: string;
  testId: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('vault.passphraseRule', { count: MIN_STORE_PASSPHRASE_LENGTH })}
        rules={[
          requiredRule(t, label),
          {
            min: MIN_STORE_PASSPHRASE_LENGTH,
            message: t('vault.passphraseRule', { count: MIN_STORE_PASSPHRASE_LENGTH }),
          },
        ]}
      >
        <Input.Password autoFocus={autoFocus} autoComplete="new-password" data-testid={testId} />
      </Form.Item>
      <Form.Item
        name={`${name}Repeat`}
        label={t('vault.confirm')}
        dependencies={[name]}
        rules={[
          requiredRule(t, t('vault.confirm')),
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              !value || getFieldValue(name) === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('vault.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testId}-repeat`} />
      </Form.Item>
    </>
  );
}
