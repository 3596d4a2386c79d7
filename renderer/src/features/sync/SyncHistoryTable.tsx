import { useMemo } from 'react';
import { Card, Spin, Tag, Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncRun } from '@shared/api/sync';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { pickText } from '../../ui/api-error';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { outcomeColours } from './sync-labels';

const historyInput = { limit: 50 };

/** Admins and leaders: the last runs, automatic, manual and by offline package, newest first. */
export function SyncHistoryTable() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const history = useQuery({
    queryKey: queryKeys.syncHistory,
    queryFn: () => client.sync.history(historyInput),
  });

  const columns = useMemo<ColumnDef<SyncRun>[]>(
    () => [
      {
        header: t('sync.history.time'),
        id: 'time',
        cell: ({ row: { original: run } }) => (
          <span className="nowrap">{formatDateTime(run.startedAt)}</span>
        ),
      },
      {
        header: t('sync.history.trigger'),
        id: 'trigger',
        cell: ({ row: { original: run } }) => <Tag>{t(`sync.triggers.${run.trigger}`)}</Tag>,
      },
      {
        header: t('sync.history.outcome'),
        id: 'outcome',
        cell: ({ row: { original: run } }) => {
          const outcome = run.outcome ?? 'running';
          return (
            <Tag color={outcomeColours[outcome]} data-testid="sync-run-outcome">
              {t(`sync.outcomes.${outcome}`)}
            </Tag>
          );
        },
      },
      {
        header: t('sync.history.pushed'),
        id: 'pushed',
        cell: ({ row: { original: run } }) => run.pushed,
      },
      {
        header: t('sync.history.pulled'),
        id: 'pulled',
        cell: ({ row: { original: run } }) => run.pulled,
      },
      {
        header: t('sync.history.problem'),
        id: 'problem',
        cell: ({ row: { original: run } }) =>
          run.problem ? (
            <Typography.Text type="danger" className="cell-clamp">
              {pickText(run.problem.message, language)}
            </Typography.Text>
          ) : (
            t('common.none')
          ),
      },
    ],
    [t, language],
  );

  return (
    <Card
      title={t('sync.historyTitle')}
      className="page-section"
      size="small"
      extra={history.isFetching ? <Spin size="small" /> : null}
    >
      <ErrorAlert error={history.error ?? undefined} />
      {history.isPending ? (
        <Spin />
      ) : (
        <DataTable
          data={history.data ?? []}
          columns={columns}
          getRowId={(run) => String(run.id)}
          empty={<EmptyState title={t('sync.historyEmpty')} />}
          testId="sync-history"
          rowTestId="sync-run"
          caption={t('sync.historyTitle')}
        />
      )}
    </Card>
  );
}
