import { App, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '@shared/api';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DataTable } from '../../ui/DataTable';
import { formatBytes, formatDateTime } from '../../ui/format';
import { requiredRule } from '../../ui/form-rules';
import { PassphraseFields } from './PassphraseFields';

/** Admin: how the store is encrypted, key rotation and the (recovery) passphrase. */
export function SecurityScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const vault = useQuery({
    queryKey: queryKeys.vaultStatus,
    queryFn: () => client.vault.status({}),
  });
  return (
    <div className="page page-scroll" data-testid="security-screen">
      <Typography.Title level={4}>{t('security.title')}</Typography.Title>
      {vault.error ? <ErrorAlert error={vault.error} /> : null}
      {vault.data ? (
        <>
          <EncryptionCard status={vault.data} />
          <BackupsCard />
          <RetentionCard />
          <RekeyCard status={vault.data} />
          <PassphraseCard status={vault.data} />
        </>
      ) : null}
    </div>
  );
}

function EncryptionCard({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  return (
    <Card title={t('security.encryption')} size="small" className="page-section">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('security.encryption')}>
          <Tag color="green">{t('security.encryptionOn')}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('security.protections')}>
          <span data-testid="security-protections">
            {status.protections.map((kind) => (
              <Tag key={kind}>{t(`vault.protections.${kind}`)}</Tag>
            ))}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('security.keyCreatedAt')}>
          <span data-testid="security-key-created">{formatDateTime(status.keyCreatedAt)}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function RekeyCard({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ passphrase?: string }>();
  const needsPassphrase = status.protections.includes('passphrase');
  const rekey = useMutation({
    mutationFn: (passphrase: string | undefined) =>
      client.vault.rekey(passphrase === undefined ? {} : { passphrase }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.vaultStatus, next);
      form.resetFields();
      void message.success(t('security.rekeyDone'));
    },
  });
  return (
    <Card title={t('security.rekey')} size="small" className="page-section">
      <Typography.Paragraph type="secondary">{t('security.rekeyIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        disabled={rekey.isPending}
        onFinish={(values) => {
          modal.confirm({
            title: t('security.rekey'),
            content: t('security.rekeyConfirm'),
            onOk: () => rekey.mutateAsync(values.passphrase).catch(() => undefined),
          });
        }}
      >
        {needsPassphrase ? (
          <Form.Item
            name="passphrase"
            label={t('security.currentPassphrase')}
            rules={[requiredRule(t, t('security.currentPassphrase'))]}
          >
            <Input.Password autoComplete="current-password" data-testid="rekey-passphrase" />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Button htmlType="submit" danger loading={rekey.isPending} data-testid="rekey-submit">
            {t('security.rekey')}
          </Button>
        </Form.Item>
      </Form>
      {rekey.error ? <ErrorAlert error={rekey.error} testId="rekey-error" /> : null}
    </Card>
  );
}

function PassphraseCard({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ currentPassphrase?: string; newPassphrase: string }>();
  const hasPassphrase = status.protections.includes('passphrase');
  const save = useMutation({
    mutationFn: (values: { currentPassphrase?: string; newPassphrase: string }) =>
      client.vault.setPassphrase({
        newPassphrase: values.newPassphrase,
        ...(values.currentPassphrase ? { currentPassphrase: values.currentPassphrase } : {}),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.vaultStatus, next);
      form.resetFields();
      void message.success(t('security.passphraseDone'));
    },
  });
  const title = hasPassphrase ? t('security.changePassphrase') : t('security.setPassphrase');
  return (
    <Card title={title} size="small" className="page-section">
      <Typography.Paragraph type="secondary">{t('security.passphraseIntro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={save.isPending}
        style={{ maxWidth: 420 }}
        onFinish={(values) => {
          save.mutate(values);
        }}
      >
        {hasPassphrase ? (
          <Form.Item
            name="currentPassphrase"
            label={t('security.currentPassphrase')}
            rules={[requiredRule(t, t('security.currentPassphrase'))]}
          >
            <Input.Password autoComplete="current-password" data-testid="passphrase-current" />
          </Form.Item>
        ) : null}
        <PassphraseFields
          name="newPassphrase"
          label={t('security.newPassphrase')}
          testId="passphrase-new"
        />
        {save.error ? (
          <div className="form-error">
            <ErrorAlert error={save.error} testId="passphrase-error" />
          </div>
        ) : null}
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            data-testid="passphrase-submit"
          >
            {title}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

function BackupsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const backups = useQuery({ queryKey: queryKeys.backups, queryFn: () => client.backups.list({}) });
  const create = useMutation({
    mutationFn: () => client.backups.create({}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.backups });
      void message.success(t('security.backupDone'));
    },
  });
  return (
    <Card
      title={t('security.backups')}
      size="small"
      className="page-section"
      extra={
        <Button
          loading={create.isPending}
          onClick={() => {
            create.mutate();
          }}
          data-testid="backup-now"
        >
          {t('security.backupNow')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('security.backupsIntro')}</Typography.Paragraph>
      <ErrorAlert error={backups.error ?? create.error ?? undefined} />
      <DataTable
        data={backups.data ?? []}
        getRowId={(backup) => backup.id}
        testId="backup-table"
        rowTestId="backup-row"
        empty={t('security.noBackupsYet')}
        columns={[
          {
            header: t('security.backupTime'),
            id: 'time',
            cell: ({ row }) => formatDateTime(row.original.createdAt),
          },
          {
            header: t('security.backupReason'),
            id: 'reason',
            cell: ({ row }) => t(`vault.reasons.${row.original.reason}`),
          },
          {
            header: t('security.backupSize'),
            id: 'size',
            cell: ({ row }) => formatBytes(row.original.sizeBytes),
          },
        ]}
      />
    </Card>
  );
}

function RetentionCard() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: queryKeys.settings,
    queryFn: () => client.settings.get({}),
  });
  const reports = useQuery({
    queryKey: queryKeys.purges,
    queryFn: () => client.retention.reports({}),
  });
  const purge = useMutation({
    mutationFn: () => client.retention.purge({}),
    onSuccess: async (report) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.purges });
      await queryClient.invalidateQueries({ queryKey: queryKeys.cases });
      void message.success(
        t('security.purgeDone', { cases: report.cases, applicants: report.applicants }),
      );
    },
  });
  return (
    <Card
      title={t('security.retention')}
      size="small"
      className="page-section"
      extra={
        <Button
          danger
          loading={purge.isPending}
          onClick={() => {
            modal.confirm({
              title: t('security.purgeNow'),
              content: t('security.purgeConfirm'),
              onOk: () => purge.mutateAsync().catch(() => undefined),
            });
          }}
          data-testid="purge-now"
        >
          {t('security.purgeNow')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('security.retentionIntro', { months: settings.data?.retentionMonths ?? '—' })}
      </Typography.Paragraph>
      <ErrorAlert error={reports.error ?? purge.error ?? undefined} />
      <DataTable
        data={reports.data ?? []}
        getRowId={(report) => String(report.id)}
        testId="purge-table"
        rowTestId="purge-row"
        empty={t('security.noPurgesYet')}
        columns={[
          {
            header: t('security.purgeAt'),
            id: 'at',
            cell: ({ row }) => formatDateTime(row.original.at),
          },
          {
            header: t('security.purgeTrigger'),
            id: 'trigger',
            cell: ({ row }) => t(`security.triggers.${row.original.trigger}`),
          },
          {
            header: t('security.purgeCutoff'),
            id: 'cutoff',
            cell: ({ row }) => formatDateTime(row.original.cutoff),
          },
          { header: t('security.purgeCases'), id: 'cases', cell: ({ row }) => row.original.cases },
          {
            header: t('security.purgeApplicants'),
            id: 'applicants',
            cell: ({ row }) => row.original.applicants,
          },
        ]}
      />
    </Card>
  );
}
