import { useMemo } from 'react';
import { Card, Space, Spin, Tag, Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '@shared/api/sync';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { isKnownEntity, isKnownReason } from './sync-labels';

/** Admins and leaders: conflicts the hub recorded for this hall, open ones first. */
export function SyncConflictsTable() {
  const { t } = useTranslation();
  const client = useClient();
  const conflicts = useQuery({
    queryKey: queryKeys.syncConflicts,
    queryFn: () => client.sync.conflicts({}),
  });

  const columns = useMemo<ColumnDef<SyncConflict>[]>(
    () => [
      {
        header: t('sync.conflicts.entity'),
        id: 'entity',
        cell: ({ row: { original: conflict } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>
              {isKnownEntity(conflict.entity)
                ? t(`sync.entities.${conflict.entity}`)
                : conflict.entity}
            </Typography.Text>
            <Typography.Text type="secondary" className="mono cell-clamp">
              {conflict.entityKey}
            </Typography.Text>
            {conflict.field ? (
              <Typography.Text type="secondary">
                {t('sync.field', { field: conflict.field })}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      {
        header: t('sync.conflicts.reason'),
        id: 'reason',
        cell: ({ row: { original: conflict } }) =>
          isKnownReason(conflict.reason) ? t(`sync.reasons.${conflict.reason}`) : conflict.reason,
      },
      {
        header: t('sync.conflicts.detectedAt'),
        id: 'detectedAt',
        cell: ({ row: { original: conflict } }) => (
          <span className="nowrap">{formatDateTime(conflict.detectedAt)}</span>
        ),
      },
      {
        header: t('sync.conflicts.state'),
        id: 'state',
        cell: ({ row: { original: conflict } }) =>
          conflict.resolvedAt ? (
            <Space orientation="vertical" size={0}>
              <span>
                <Tag color="success" data-testid="sync-conflict-state">
                  {t('sync.resolved')}
                </Tag>
                {conflict.resolution ? (
                  <Typography.Text className="cell-clamp">{conflict.resolution}</Typography.Text>
                ) : null}
              </span>
              <Typography.Text type="secondary">
                {t('sync.resolvedBy', {
                  by: conflict.resolvedBy ?? t('common.none'),
                  at: formatDateTime(conflict.resolvedAt),
                })}
              </Typography.Text>
            </Space>
          ) : (
            <Tag color="error" data-testid="sync-conflict-state">
              {t('sync.open')}
            </Tag>
          ),
      },
    ],
    [t],
  );

  return (
    <Card
      title={t('sync.conflictsTitle')}
      className="page-section"
      size="small"
      extra={conflicts.isFetching ? <Spin size="small" /> : null}
    >
      <Typography.Paragraph type="secondary">{t('sync.conflictsIntro')}</Typography.Paragraph>
      <ErrorAlert error={conflicts.error ?? undefined} />
      {conflicts.isPending ? (
        <Spin />
      ) : (
        <DataTable
          data={conflicts.data ?? []}
          columns={columns}
          getRowId={(conflict) => String(conflict.id)}
          rowClassName={(conflict) => (conflict.resolvedAt ? undefined : 'row-overdue')}
          empty={<EmptyState title={t('sync.conflictsEmpty')} />}
          testId="sync-conflicts"
          rowTestId="sync-conflict"
          caption={t('sync.conflictsTitle')}
        />
      )}
    </Card>
  );
}
