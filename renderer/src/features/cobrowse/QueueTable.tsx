import { useMemo } from 'react';
import { Button, Tag, Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { HelpRequest } from '@shared/api/remote';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { waitedMs } from './help-requests';
import { WaitFigure } from './WaitFigure';

interface QueueTableProps {
  requests: HelpRequest[];
  hubNow: number;
  /** The request being taken now, if any. */
  claiming: string | undefined;
  onClaim: (request: HelpRequest) => void;
}

/** The waiting requests, urgent first: where from, what about, how long they have waited. */
export function QueueTable({ requests, hubNow, claiming, onClaim }: QueueTableProps) {
  const { t } = useTranslation();
  const columns = useMemo<ColumnDef<HelpRequest>[]>(
    () => [
      {
        id: 'urgency',
        header: t('help.columns.urgency'),
        cell: ({ row: { original: request } }) => (
          <Tag color={request.urgency === 'urgent' ? 'red' : 'default'}>
            {t(`help.urgencies.${request.urgency}`)}
          </Tag>
        ),
      },
      {
        id: 'hall',
        header: t('help.columns.hall'),
        cell: ({ row: { original: request } }) => (
          <span className="nowrap">
            {request.hall.name}
            <Typography.Text type="secondary" className="cell-sub">
              {request.requester.displayName}
            </Typography.Text>
          </span>
        ),
      },
      {
        id: 'matter',
        header: t('help.columns.matter'),
        cell: ({ row: { original: request } }) => (
          <span>
            {request.caseRef.matterName}
            <Typography.Text type="secondary" className="cell-sub">
              {request.caseRef.department} ·{' '}
              <span className="mono">{request.caseRef.reference}</span>
            </Typography.Text>
          </span>
        ),
      },
      {
        id: 'question',
        header: t('help.columns.question'),
        cell: ({ row: { original: request } }) => (
          <span className="cell-clamp" title={request.question}>
            {request.question}
          </span>
        ),
      },
      {
        id: 'waited',
        header: t('help.columns.waited'),
        cell: ({ row: { original: request } }) => (
          <span className="nowrap">
            <WaitFigure request={request} hubNow={hubNow} labelled={false} />
            {waitedMs(request, hubNow) > 60_000 ? (
              <Tag color="red" className="queue-late">
                {t('help.overMinute')}
              </Tag>
            ) : null}
          </span>
        ),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row: { original: request } }) => (
          <Button
            type="primary"
            size="small"
            loading={claiming === request.id}
            disabled={claiming !== undefined && claiming !== request.id}
            onClick={() => {
              onClaim(request);
            }}
            data-testid="help-claim"
          >
            {t('help.claim')}
          </Button>
        ),
      },
    ],
    [t, hubNow, claiming, onClaim],
  );
  return (
    <DataTable
      data={requests}
      columns={columns}
      getRowId={(request) => request.id}
      empty={<EmptyState title={t('help.queueEmpty')} hint={t('help.queueEmptyHint')} />}
      testId="help-queue"
      rowTestId="help-queue-row"
      caption={t('help.queue')}
    />
  );
}
