import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '@shared/api';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { AuthCard } from '../auth';
import { pickText } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBytes, formatDateTime } from '../../ui/format';
import { requiredRule } from '../../ui/form-rules';
import { useLanguage } from '../../ui/use-language';
import { PassphraseFields } from './PassphraseFields';

/** First start with no OS key protection: the administrator chooses the store passphrase. */
export function VaultSetupScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const setUp = useMutation({
    mutationFn: ({ passphrase }: { passphrase: string }) => client.vault.setUp({ passphrase }),
    onSuccess: (status) => {
      queryClient.setQueryData(queryKeys.vaultStatus, status);
    },
  });
  return (
    <AuthCard title={t('vault.setupTitle')} hallName={undefined}>
      <Typography.Paragraph type="secondary">{t('vault.setupIntro')}</Typography.Paragraph>
      <Form
        layout="vertical"
        requiredMark={false}
        disabled={setUp.isPending}
        onFinish={(values: { passphrase: string }) => {
          setUp.mutate(values);
        }}
      >
        <PassphraseFields
          name="passphrase"
          label={t('vault.passphrase')}
          testId="vault-passphrase"
          autoFocus
        />
        {setUp.error ? (
          <div className="form-error">
            <ErrorAlert error={setUp.error} testId="vault-error" />
          </div>
        ) : null}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={setUp.isPending}
          data-testid="vault-setup-submit"
        >
          {t('vault.setupSubmit')}
        </Button>
      </Form>
    </AuthCard>
  );
}

/** The store is locked: the passphrase, or the problem and how to recover from it. */
export function VaultUnlockScreen({
  status,
  statusAt,
}: {
  status: VaultStatus;
  /** When the status was read: a new wait restarts the countdown. */
  statusAt: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ passphrase: string }>();
  const unlock = useMutation({
    mutationFn: ({ passphrase }: { passphrase: string }) => client.vault.unlock({ passphrase }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.vaultStatus, next);
    },
    onError: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: queryKeys.vaultStatus });
    },
  });
  const canUsePassphrase = status.protections.includes('passphrase');
  return (
    <AuthCard title={t('vault.unlockTitle')} hallName={undefined}>
      {status.problem ? (
        <Alert
          type="warning"
          showIcon
          className="form-error"
          title={pickText(status.problem.message, language)}
          description={
            <>
              <Typography.Text strong>{t('vault.recovery')}：</Typography.Text>
              {pickText(status.problem.recovery, language)}
            </>
          }
          data-testid="vault-problem"
        />
      ) : null}
      {canUsePassphrase ? (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={unlock.isPending}
          onFinish={(values) => {
            unlock.mutate(values);
          }}
        >
          <Typography.Paragraph type="secondary">{t('vault.unlockIntro')}</Typography.Paragraph>
          <Form.Item
            name="passphrase"
            label={t('vault.passphrase')}
            rules={[requiredRule(t, t('vault.passphrase'))]}
          >
            <Input.Password autoFocus autoComplete="current-password" data-testid="vault-unlock" />
          </Form.Item>
          <RetryWait key={statusAt} seconds={status.retryAfterSeconds} />
          {unlock.error ? (
            <div className="form-error">
              <ErrorAlert error={unlock.error} testId="vault-error" />
            </div>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={unlock.isPending}
            data-testid="vault-unlock-submit"
          >
            {t('vault.unlockSubmit')}
          </Button>
        </Form>
      ) : null}
    </AuthCard>
  );
}

/** The wait the engine announced after repeated misses, counting down once a second. */
function RetryWait({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const left = useCountdown(seconds);
  if (left <= 0) return null;
  return (
    <div className="form-error">
      <ErrorAlert error={t('vault.retryIn', { seconds: left })} />
    </div>
  );
}

/** Seconds left of `seconds`; the caller remounts it (a new key) to start a new count. */
function useCountdown(seconds: number): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (seconds <= 0) return undefined;
    const timer = setInterval(() => {
      setLeft((current) => Math.max(0, current - 1));
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [seconds]);
  return left;
}

/** The key is right but the database is not: choose a backup (newest first) and confirm. */
export function VaultDamagedScreen({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { modal } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState(status.backups[0]?.id);
  const restore = useMutation({
    mutationFn: (backupId: string) => client.vault.restoreBackup({ backupId }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.vaultStatus, next);
    },
  });
  const backup = status.backups.find((candidate) => candidate.id === chosen);
  return (
    <AuthCard title={t('vault.damagedTitle')} hallName={undefined}>
      {status.problem ? (
        <Alert
          type="error"
          showIcon
          className="form-error"
          title={pickText(status.problem.message, language)}
          description={pickText(status.problem.recovery, language)}
          data-testid="vault-damage"
        />
      ) : null}
      {status.backups.length === 0 ? (
        <Alert type="warning" showIcon title={t('vault.noBackups')} />
      ) : (
        <Space orientation="vertical" size="middle" className="full-width">
          <Typography.Text>{t('vault.damagedIntro')}</Typography.Text>
          <Radio.Group
            value={chosen}
            onChange={(event) => {
              setChosen(String(event.target.value));
            }}
            className="backup-choices"
          >
            <Space orientation="vertical">
              {status.backups.map((candidate) => (
                <Radio key={candidate.id} value={candidate.id} data-testid="vault-backup">
                  {t('vault.backupAt', {
                    time: formatDateTime(candidate.createdAt),
                    reason: t(`vault.reasons.${candidate.reason}`),
                    size: formatBytes(candidate.sizeBytes),
                  })}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {restore.error ? <ErrorAlert error={restore.error} /> : null}
          <Button
            type="primary"
            danger
            block
            size="large"
            disabled={!backup}
            loading={restore.isPending}
            onClick={() => {
              if (!backup) return;
              modal.confirm({
                title: t('vault.restore'),
                content: t('vault.restoreConfirm', { time: formatDateTime(backup.createdAt) }),
                onOk: () => restore.mutateAsync(backup.id).catch(() => undefined),
              });
            }}
            data-testid="vault-restore"
          >
            {t('vault.restore')}
          </Button>
        </Space>
      )}
    </AuthCard>
  );
}
