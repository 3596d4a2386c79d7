import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { DisconnectOutlined, EditOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncRun, SyncStatus } from '@shared/api/sync';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { pickText } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { ChangeHubDialog } from './ChangeHubDialog';
import { clockSkewWarningSeconds, syncStateColours } from './sync-labels';

interface SyncStatusCardProps {
  status: SyncStatus;
  /** Admins change the hub address and leave; everybody may sync now. */
  admin: boolean;
  /** Enrolment is still running its first sync: nothing else to start yet. */
  enrolling: boolean;
}

/** Whether no run started after this one (automatic, or by package): its result still stands. */
function isLatestRun(run: SyncRun, status: SyncStatus): boolean {
  return (
    status.lastAttemptAt === null || Date.parse(status.lastAttemptAt) <= Date.parse(run.startedAt)
  );
}

/** The manual run's outcome; its problem only when the status above does not say it already. */
function RunResult({ run, status }: { run: SyncRun; status: SyncStatus }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const counts = { pushed: run.pushed, pulled: run.pulled };
  const outcome = run.outcome ?? 'ok';
  const title =
    outcome === 'ok'
      ? t('sync.syncOk', counts)
      : outcome === 'offline'
        ? t('sync.syncOffline', counts)
        : t('sync.syncFailed', counts);
  return (
    <Alert
      type={outcome === 'ok' ? 'success' : outcome === 'offline' ? 'warning' : 'error'}
      showIcon
      title={title}
      description={
        run.problem && run.problem.code !== status.problem?.code
          ? pickText(run.problem.message, language)
          : undefined
      }
      data-testid="sync-result"
      data-outcome={outcome}
    />
  );
}

/** The link at a glance: state, hub, terminal, pending writes, times, problems; sync now. */
export function SyncStatusCard({ status, admin, enrolling }: SyncStatusCardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const [changingHub, setChangingHub] = useState(false);
  const enrolled = status.terminal !== null;

  const syncNow = useMutation({
    mutationFn: () => client.sync.now({}),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.sync }),
        queryClient.invalidateQueries({ queryKey: queryKeys.systemStatus }),
      ]);
    },
  });
  const leave = useMutation({
    mutationFn: () => client.sync.leave({}),
    onSuccess: async (next) => {
      syncNow.reset();
      queryClient.setQueryData(queryKeys.syncStatus, next);
      void message.success(t('sync.left'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.sync });
    },
  });

  const confirmLeave = () => {
    modal.confirm({
      title: t('sync.leaveTitle'),
      content: (
        <>
          <Typography.Paragraph>{t('sync.leaveBody')}</Typography.Paragraph>
          {status.pending > 0 ? (
            <Typography.Text type="warning">
              {t('sync.leavePending', { count: status.pending })}
            </Typography.Text>
          ) : null}
        </>
      ),
      okText: t('sync.leave'),
      okButtonProps: { danger: true, ...testId('sync-leave-confirm') },
      cancelText: t('common.cancel'),
      onOk: () => leave.mutateAsync().catch(() => undefined),
    });
  };

  const running = syncNow.isPending || status.state === 'syncing';
  const skew = status.clockSkewSeconds;
  const skewMinutes =
    skew !== null && Math.abs(skew) > clockSkewWarningSeconds ? Math.round(Math.abs(skew) / 60) : 0;

  return (
    <Card className="page-section" size="small" data-testid="sync-status-card">
      <div className="page-toolbar sync-status-head">
        <Typography.Title level={5} className="page-title">
          {t('sync.statusTitle')}
        </Typography.Title>
        <Tag
          color={syncStateColours[status.state]}
          icon={status.state === 'syncing' ? <SyncOutlined spin /> : undefined}
          className="sync-state-tag"
          data-testid="sync-state"
          data-state={status.state}
        >
          {t(`sync.states.${status.state}`)}
        </Tag>
        <span className="page-toolbar-spacer" />
        {enrolled && !enrolling ? (
          <Space wrap>
            <Button
              type="primary"
              icon={<SyncOutlined spin={running} />}
              disabled={running || status.state === 'revoked'}
              onClick={() => {
                syncNow.mutate();
              }}
              data-testid="sync-now"
            >
              {running ? t('sync.syncing') : t('sync.syncNow')}
            </Button>
            {admin ? (
              <>
                <Button
                  icon={<EditOutlined />}
                  onClick={() => {
                    setChangingHub(true);
                  }}
                  data-testid="sync-change-hub"
                >
                  {t('sync.changeHub')}
                </Button>
                <Button
                  danger
                  icon={<DisconnectOutlined />}
                  loading={leave.isPending}
                  onClick={confirmLeave}
                  data-testid="sync-leave"
                >
                  {t('sync.leave')}
                </Button>
              </>
            ) : null}
          </Space>
        ) : null}
      </div>

      <Space orientation="vertical" className="full-width sync-alerts">
        {enrolled ? null : (
          <Alert
            type="info"
            showIcon
            title={t('sync.notEnrolledHint')}
            description={admin ? undefined : t('sync.notEnrolledAskAdmin')}
            data-testid="sync-not-enrolled"
          />
        )}
        {status.problem ? (
          <Alert
            type={status.state === 'offline' ? 'warning' : 'error'}
            showIcon
            title={pickText(status.problem.message, language)}
            data-testid="sync-problem"
            data-code={status.problem.code}
          />
        ) : null}
        {skewMinutes > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('sync.clockSkew', { minutes: skewMinutes })}
            description={t('sync.clockSkewHint')}
            data-testid="sync-clock-skew"
          />
        ) : null}
        {syncNow.data && isLatestRun(syncNow.data, status) ? (
          <RunResult run={syncNow.data} status={status} />
        ) : null}
        <ErrorAlert error={syncNow.error ?? leave.error ?? undefined} testId="sync-error" />
      </Space>

      {enrolled ? (
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          className="sync-facts"
          data-testid="sync-facts"
        >
          <Descriptions.Item label={t('sync.fields.hubUrl')}>
            <Typography.Text className="mono" data-testid="sync-hub">
              {status.hubUrl ?? t('common.none')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.hall')}>
            <span data-testid="sync-hall">{status.terminal?.hallName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.terminal')}>
            <Space size={4} wrap>
              <span data-testid="sync-terminal">{status.terminal?.name}</span>
              <Typography.Text type="secondary">
                {t('sync.enrolledAt', { at: formatDateTime(status.terminal?.enrolledAt) })}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.pending')}>
            <Typography.Text
              type={status.pending > 0 ? 'warning' : 'success'}
              data-testid="sync-pending"
              data-count={status.pending}
            >
              {status.pending > 0
                ? t('sync.pendingCount', { count: status.pending })
                : t('sync.allUploaded')}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.lastSuccess')}>
            <span data-testid="sync-last-success">
              {status.lastSuccessAt ? formatDateTime(status.lastSuccessAt) : t('sync.never')}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.nextAttempt')}>
            {formatDateTime(status.nextAttemptAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.conflicts')}>
            <Typography.Text
              type={status.openConflicts > 0 ? 'danger' : undefined}
              data-testid="sync-open-conflicts"
            >
              {t('sync.conflictCount', { count: status.openConflicts })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.fields.credentials')}>
            {t(`sync.credentials.${status.credentialProtection}`)}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {changingHub && status.hubUrl !== null ? (
        <ChangeHubDialog
          current={status.hubUrl}
          onClose={() => {
            setChangingHub(false);
          }}
        />
      ) : null}
    </Card>
  );
}
