import { useMemo, useState } from 'react';
import { Button, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { ConflictRow } from '@shared/hub/admin';
import { useHubQuery } from '../api/console-context';
import { en } from '../locales/en';
import { zhCN } from '../locales/zh-cn';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { useConsoleLanguage } from '../ui/use-console-language';
import { ResolveConflictDialog } from './ResolveConflictDialog';

type Filter = 'open' | 'resolved' | 'all';

const openParam: Record<Filter, 'true' | 'false' | undefined> = {
  open: 'true',
  resolved: 'false',
  all: undefined,
};

/** 冲突: what merging could not settle, for a person to read both sides and record a decision. */
export function ConflictsPage() {
  const { t } = useTranslation();
  const language = useConsoleLanguage();
  const [filter, setFilter] = useState<Filter>('open');
  const [resolving, setResolving] = useState<ConflictRow>();
  const conflicts = useHubQuery(
    'conflicts',
    { query: { open: openParam[filter] } },
    { refetchIntervalMs: 30_000 },
  );
  const halls = useHubQuery('halls', {});
  const terminals = useHubQuery('terminals', {});

  const columns = useMemo<ColumnDef<ConflictRow>[]>(() => {
    const words = language === 'en' ? en : zhCN;
    const reasons: Readonly<Record<string, string>> = words.conflicts.reasons;
    const entities: Readonly<Record<string, string>> = words.records.entities;
    const hallNames = new Map((halls.data ?? []).map((hall) => [hall.id, hall.name]));
    const terminalNames = new Map(
      (terminals.data ?? []).map((terminal) => [terminal.id, terminal.name]),
    );
    return [
      {
        header: t('conflicts.id'),
        id: 'id',
        cell: ({ row: { original: conflict } }) => <span className="mono">#{conflict.id}</span>,
      },
      {
        header: t('common.hall'),
        id: 'hall',
        cell: ({ row: { original: conflict } }) => (
          <span className="nowrap">{hallNames.get(conflict.hallId) ?? conflict.hallId}</span>
        ),
      },
      {
        header: t('conflicts.record'),
        id: 'record',
        cell: ({ row: { original: conflict } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text>{entities[conflict.entity] ?? conflict.entity}</Typography.Text>
            <Typography.Text type="secondary" className="mono">
              {conflict.entityKey}
            </Typography.Text>
          </Space>
        ),
      },
      {
        header: t('conflicts.field'),
        id: 'field',
        cell: ({ row: { original: conflict } }) =>
          conflict.field ? <span className="mono">{conflict.field}</span> : t('common.none'),
      },
      {
        header: t('conflicts.reason'),
        id: 'reason',
        accessorFn: (conflict) => reasons[conflict.reason] ?? conflict.reason,
      },
      {
        header: t('common.terminal'),
        id: 'terminal',
        cell: ({ row: { original: conflict } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text>{terminalNames.get(conflict.terminalId) ?? ''}</Typography.Text>
            <Typography.Text type="secondary" className="mono">
              {conflict.terminalId}
            </Typography.Text>
          </Space>
        ),
      },
      {
        header: t('conflicts.detectedAt'),
        id: 'detectedAt',
        cell: ({ row: { original: conflict } }) => (
          <span className="nowrap">{formatDateTime(conflict.detectedAt)}</span>
        ),
      },
      {
        header: t('conflicts.state'),
        id: 'state',
        cell: ({ row: { original: conflict } }) =>
          conflict.resolvedAt ? (
            <Space orientation="vertical" size={0}>
              <Tag color="green">
                {t('conflicts.resolvedBy', { by: conflict.resolvedBy ?? '' })}
              </Tag>
              <Typography.Text type="secondary" className="cell-clamp">
                {conflict.resolution}
              </Typography.Text>
            </Space>
          ) : (
            <Tag color="gold">{t('conflicts.open')}</Tag>
          ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: conflict } }) =>
          conflict.resolvedAt ? null : (
            <Button
              size="small"
              type="primary"
              onClick={() => {
                setResolving(conflict);
              }}
              data-testid="conflict-resolve"
            >
              {t('conflicts.resolve')}
            </Button>
          ),
      },
    ];
  }, [t, language, halls.data, terminals.data]);

  return (
    <div className="page" data-testid="conflicts-page">
      <PageSection
        title={t('conflicts.title')}
        subtitle={t('conflicts.subtitle')}
        extra={
          <>
            <Segmented<Filter>
              value={filter}
              onChange={setFilter}
              options={(['open', 'resolved', 'all'] as const).map((value) => ({
                value,
                label: t(`conflicts.filter.${value}`),
              }))}
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void conflicts.refetch()}
              loading={conflicts.isFetching}
            >
              {t('common.refresh')}
            </Button>
          </>
        }
      >
        <ErrorAlert error={conflicts.error} />
        {conflicts.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={conflicts.data ?? []}
            columns={columns}
            getRowId={(conflict) => String(conflict.id)}
            empty={<EmptyState title={t('conflicts.empty')} />}
            testId="conflicts-table"
            rowTestId="conflict-row"
            caption={t('conflicts.title')}
          />
        )}
      </PageSection>
      {resolving ? (
        <ResolveConflictDialog
          conflict={resolving}
          onClose={() => {
            setResolving(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
