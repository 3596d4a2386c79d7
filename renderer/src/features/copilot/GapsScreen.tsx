import { useMemo, useState } from 'react';
import { Button, Card, Segmented, Space, Spin, Switch, Tag, Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KnowledgeGap } from '@shared/api/copilot';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { CloseGapDialog } from './CloseGapDialog';

type StatusFilter = 'open' | 'closed' | 'all';

/** The admin's queue of knowledge gaps: overdue ones first and in red, each closed by an entry. */
export function GapsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [closing, setClosing] = useState<KnowledgeGap>();
  const input = { ...(status === 'all' ? {} : { status }), overdueOnly };
  const gaps = useQuery({
    queryKey: queryKeys.gapList(input),
    queryFn: () => client.gaps.list(input),
  });

  const columns = useMemo<ColumnDef<KnowledgeGap>[]>(
    () => [
      {
        header: t('gaps.question'),
        cell: ({ row: { original: gap } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{gap.question}</Typography.Text>
            {gap.comment ? (
              <Typography.Text type="secondary">
                {t('gaps.comment', { text: gap.comment })}
              </Typography.Text>
            ) : null}
            {gap.resolution ? (
              <Typography.Text type="success">
                {t('gaps.resolution', {
                  entry: gap.resolution.entryId,
                  version: gap.resolution.version,
                })}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      {
        header: t('gaps.context'),
        cell: ({ row: { original: gap } }) => (
          <Space orientation="vertical" size={0}>
            <Tag color={gap.reason === 'no_basis' ? 'orange' : 'blue'}>
              {t(`gaps.reason.${gap.reason}`)}
            </Tag>
            {gap.matterName ? (
              <Typography.Text type="secondary">{gap.matterName}</Typography.Text>
            ) : null}
            {gap.caseReference ? (
              <Typography.Text type="secondary" className="mono">
                {gap.caseReference}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      {
        header: t('gaps.raised'),
        cell: ({ row: { original: gap } }) => (
          <Space orientation="vertical" size={0}>
            <span>{gap.raisedBy}</span>
            <Typography.Text type="secondary">{formatDateTime(gap.raisedAt)}</Typography.Text>
            {gap.occurrences > 1 ? (
              <Tag>{t('gaps.occurrences', { count: gap.occurrences })}</Tag>
            ) : null}
          </Space>
        ),
      },
      {
        header: t('gaps.due'),
        cell: ({ row: { original: gap } }) => (
          <Space
            orientation="vertical"
            size={0}
            data-testid="gap-due"
            data-overdue={String(gap.overdue)}
          >
            <span className={gap.overdue ? 'text-danger' : undefined}>{gap.dueBy ?? '—'}</span>
            {gap.overdue ? <Tag color="red">{t('gaps.overdue')}</Tag> : null}
            <Tag color={gap.status === 'open' ? 'gold' : 'green'}>
              {t(`gaps.status.${gap.status}`)}
            </Tag>
          </Space>
        ),
      },
      {
        header: t('common.actions'),
        cell: ({ row: { original: gap } }) =>
          gap.status === 'open' ? (
            <Button
              size="small"
              type="primary"
              onClick={() => {
                setClosing(gap);
              }}
              data-testid="gap-close"
            >
              {t('gaps.close')}
            </Button>
          ) : null,
      },
    ],
    [t],
  );

  return (
    <div className="page page-scroll">
      <Card className="page-section">
        <Typography.Title level={4}>{t('gaps.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('gaps.subtitle')}</Typography.Paragraph>
        <Space className="page-section">
          <Segmented
            value={status}
            onChange={(value: StatusFilter) => {
              setStatus(value);
            }}
            options={[
              { value: 'open', label: t('gaps.filter.open') },
              { value: 'closed', label: t('gaps.filter.closed') },
              { value: 'all', label: t('gaps.filter.all') },
            ]}
          />
          <Switch
            checked={overdueOnly}
            onChange={setOverdueOnly}
            aria-label={t('gaps.filter.overdue')}
          />
          <span>{t('gaps.filter.overdue')}</span>
        </Space>
        <ErrorAlert error={gaps.error ?? undefined} />
        {gaps.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={gaps.data ?? []}
            columns={columns}
            getRowId={(gap) => String(gap.id)}
            empty={t('gaps.empty')}
            testId="gaps-table"
            rowTestId="gap-row"
            caption={t('gaps.title')}
          />
        )}
      </Card>
      <CloseGapDialog
        gap={closing}
        onClose={() => {
          setClosing(undefined);
        }}
      />
    </div>
  );
}
