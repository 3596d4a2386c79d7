import { useMemo, useState } from 'react';
import { App, Button, Select, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { TerminalRow } from '@shared/hub/admin';
import { useConsole, useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { errorText } from '../ui/call-error';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { useConsoleLanguage } from '../ui/use-console-language';

/** 终端: who is enrolled where, when each last synced, and 吊销 for a lost or retired PC. */
export function TerminalsPage() {
  const { t } = useTranslation();
  const language = useConsoleLanguage();
  const { modal, message } = App.useApp();
  const { api } = useConsole();
  const queryClient = useQueryClient();
  const [hallId, setHallId] = useState<string>();
  // "Last seen" moves as terminals sync: the list follows without a click.
  const terminals = useHubQuery('terminals', {}, { refetchIntervalMs: 30_000 });
  const halls = useHubQuery('halls', {});

  const shown = useMemo(
    () => (terminals.data ?? []).filter((row) => hallId === undefined || row.hallId === hallId),
    [terminals.data, hallId],
  );

  const columns = useMemo<ColumnDef<TerminalRow>[]>(() => {
    const confirmRevoke = (terminal: TerminalRow): void => {
      void modal.confirm({
        title: t('terminals.confirmTitle', { name: terminal.name }),
        content: t('terminals.confirmBody'),
        okText: t('terminals.confirmOk'),
        okType: 'danger',
        cancelText: t('common.cancel'),
        // Enter on an open dialog must not revoke by accident: the safe button has the focus.
        focusable: { autoFocusButton: 'cancel' },
        onOk: async () => {
          try {
            await api.call('revokeTerminal', { params: { id: terminal.id } });
            void message.success(t('terminals.revokedMessage', { name: terminal.name }));
          } catch (error) {
            void message.error(errorText(error, language));
          } finally {
            await queryClient.invalidateQueries({ queryKey: ['terminals'] });
            await queryClient.invalidateQueries({ queryKey: ['halls'] });
          }
        },
      });
    };
    return [
      {
        header: t('terminals.name'),
        id: 'name',
        cell: ({ row: { original: terminal } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{terminal.name}</Typography.Text>
            <Typography.Text type="secondary" className="mono">
              {terminal.hostname || terminal.id}
            </Typography.Text>
          </Space>
        ),
      },
      { header: t('common.hall'), id: 'hall', accessorFn: (terminal) => terminal.hallName },
      {
        header: t('terminals.appVersion'),
        id: 'appVersion',
        cell: ({ row: { original: terminal } }) => (
          <span className="mono">{terminal.appVersion}</span>
        ),
      },
      {
        header: t('terminals.enrolledAt'),
        id: 'enrolledAt',
        cell: ({ row: { original: terminal } }) => (
          <span className="nowrap">{formatDateTime(terminal.enrolledAt)}</span>
        ),
      },
      {
        header: t('terminals.lastSeenAt'),
        id: 'lastSeenAt',
        cell: ({ row: { original: terminal } }) => (
          <span className="nowrap">
            {terminal.lastSeenAt ? formatDateTime(terminal.lastSeenAt) : t('terminals.never')}
          </span>
        ),
      },
      {
        header: t('terminals.lastSeq'),
        id: 'lastSeq',
        cell: ({ row: { original: terminal } }) => <span className="mono">{terminal.lastSeq}</span>,
      },
      {
        header: t('terminals.state'),
        id: 'state',
        cell: ({ row: { original: terminal } }) =>
          terminal.revokedAt ? (
            <Space orientation="vertical" size={0}>
              <Tag color="red" data-testid="terminal-state" data-state="revoked">
                {t('terminals.revoked')}
              </Tag>
              <Typography.Text type="secondary">
                {t('terminals.revokedBy', {
                  by: terminal.revokedBy ?? '',
                  time: formatDateTime(terminal.revokedAt),
                })}
              </Typography.Text>
            </Space>
          ) : (
            <Tag color="green" data-testid="terminal-state" data-state="active">
              {t('terminals.active')}
            </Tag>
          ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: terminal } }) =>
          terminal.revokedAt ? null : (
            <Button
              danger
              size="small"
              icon={<StopOutlined />}
              onClick={() => {
                confirmRevoke(terminal);
              }}
              data-testid="terminal-revoke"
            >
              {t('terminals.revoke')}
            </Button>
          ),
      },
    ];
  }, [t, modal, message, api, queryClient, language]);

  return (
    <div className="page" data-testid="terminals-page">
      <PageSection
        title={t('terminals.title')}
        subtitle={t('terminals.subtitle')}
        extra={
          <>
            <Select
              allowClear
              className="filter-select"
              placeholder={t('common.allHalls')}
              value={hallId}
              onChange={(value: string | undefined) => {
                setHallId(value);
              }}
              options={(halls.data ?? []).map((hall) => ({ value: hall.id, label: hall.name }))}
              aria-label={t('common.hall')}
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void terminals.refetch()}
              loading={terminals.isFetching}
            >
              {t('common.refresh')}
            </Button>
          </>
        }
      >
        <ErrorAlert error={terminals.error} />
        {terminals.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={shown}
            columns={columns}
            getRowId={(terminal) => terminal.id}
            empty={<EmptyState title={t('terminals.empty')} hint={t('terminals.emptyHint')} />}
            testId="terminals-table"
            rowTestId="terminal-row"
            caption={t('terminals.title')}
          />
        )}
      </PageSection>
    </div>
  );
}
