import { useMemo, useState } from 'react';
import { Button, Select, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { helpRequestStates, type HelpRequest, type HelpRequestState } from '@shared/hub/remote';
import { useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { DaysSelect, type ListDays } from './DaysSelect';
import { durationText } from './help-stats';

const stateColors: Record<HelpRequestState, string> = {
  waiting: 'gold',
  claimed: 'blue',
  resolved: 'green',
  unresolved: 'red',
  cancelled: 'default',
};

/** The thread of a request, under its row: who wrote what, and when. */
function HelpThread({ request }: { request: HelpRequest }) {
  const { t } = useTranslation();
  return (
    <div className="help-thread" data-testid="help-thread">
      <Typography.Paragraph className="help-thread-question">
        {request.question}
      </Typography.Paragraph>
      <Typography.Text strong>{t('remote.requests.thread')}</Typography.Text>
      {request.messages.length === 0 ? (
        <Typography.Text type="secondary">{t('remote.requests.noMessages')}</Typography.Text>
      ) : (
        <ol className="help-messages">
          {request.messages.map((message) => (
            <li
              key={message.id}
              className={`help-message help-message-${message.author.side}`}
              data-testid="help-message"
            >
              <div className="help-message-head">
                <Tag color={message.author.side === 'expert' ? 'blue' : 'default'}>
                  {t(`remote.requests.sides.${message.author.side}`)}
                </Tag>
                <Typography.Text strong>{message.author.displayName}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(message.at)}</Typography.Text>
              </div>
              <div className="help-message-text">{message.text}</div>
            </li>
          ))}
        </ol>
      )}
      {request.sessionAskedAt ? (
        <Typography.Text type="secondary">
          {t('remote.requests.sessionAsked', { time: formatDateTime(request.sessionAskedAt) })}
        </Typography.Text>
      ) : null}
      {request.sessionId ? (
        <Typography.Text type="secondary">{t('remote.requests.session')}</Typography.Text>
      ) : null}
    </div>
  );
}

/** How long the first answer took, or how long the clerk has been waiting for it (hub's clock). */
function ResponseTime({ request, hubTime }: { request: HelpRequest; hubTime: number }) {
  const { t } = useTranslation();
  if (request.firstResponseSeconds !== null)
    return (
      <Tag
        color={request.firstResponseSeconds <= 60 ? 'green' : 'orange'}
        data-testid="help-request-response"
      >
        {t('remote.requests.answeredIn', { time: durationText(t, request.firstResponseSeconds) })}
      </Tag>
    );
  if (request.state === 'waiting') {
    const waited = (hubTime - Date.parse(request.createdAt)) / 1000;
    return (
      <Tag color={waited > 60 ? 'red' : 'gold'} data-testid="help-request-response">
        {t('remote.requests.waiting', { time: durationText(t, waited) })}
      </Tag>
    );
  }
  return (
    <Typography.Text type="secondary" className="nowrap">
      {t('remote.requests.notAnswered')}
    </Typography.Text>
  );
}

/** The requests of the last days, newest first, by state; each opens to its thread. */
export function HelpRequestsSection() {
  const { t } = useTranslation();
  const [state, setState] = useState<HelpRequestState>();
  const [days, setDays] = useState<ListDays>(7);
  // Waiting times move: the list follows without a click.
  const list = useHubQuery(
    'adminHelpRequests',
    { query: { state, days } },
    { refetchIntervalMs: 30_000 },
  );

  const columns = useMemo<ColumnDef<HelpRequest>[]>(() => {
    // Waits are measured on the hub's clock, as of the answer: the office PC's may be off.
    const hubTime = list.data ? Date.parse(list.data.hubTime) : 0;
    return [
      {
        header: t('remote.requests.createdAt'),
        id: 'createdAt',
        cell: ({ row: { original: request } }) => (
          <span className="nowrap">{formatDateTime(request.createdAt)}</span>
        ),
      },
      {
        header: t('remote.requests.hall'),
        id: 'hall',
        cell: ({ row: { original: request } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text className="nowrap">{request.hall.name}</Typography.Text>
            <Typography.Text type="secondary">{request.requester.displayName}</Typography.Text>
          </Space>
        ),
      },
      {
        header: t('remote.requests.matter'),
        id: 'matter',
        cell: ({ row: { original: request } }) => (
          <Space orientation="vertical" size={0} className="cell-medium">
            <Typography.Text>{request.caseRef.matterName}</Typography.Text>
            <Typography.Text type="secondary">{request.caseRef.department}</Typography.Text>
            <Typography.Text type="secondary" className="mono nowrap">
              {request.caseRef.reference}
            </Typography.Text>
          </Space>
        ),
      },
      {
        header: t('remote.requests.question'),
        id: 'question',
        cell: ({ row: { original: request } }) => (
          <Typography.Text className="cell-clamp cell-wide" title={request.question}>
            {request.urgency === 'urgent' ? (
              <Tag color="volcano" data-testid="help-request-urgent">
                {t('remote.requests.urgent')}
              </Tag>
            ) : null}
            {request.question}
          </Typography.Text>
        ),
      },
      {
        header: t('remote.requests.stateTitle'),
        id: 'state',
        cell: ({ row: { original: request } }) => (
          <Tag
            color={stateColors[request.state]}
            data-testid="help-request-state"
            data-state={request.state}
          >
            {t(`remote.requests.state.${request.state}`)}
          </Tag>
        ),
      },
      {
        header: t('remote.requests.expert'),
        id: 'answer',
        cell: ({ row: { original: request } }) => (
          <Space orientation="vertical" size={2} className="cell-narrow">
            {request.expert ? (
              <span>
                <Typography.Text className="nowrap">{request.expert.displayName}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{request.expert.hallName}</Typography.Text>
              </span>
            ) : null}
            <ResponseTime request={request} hubTime={hubTime} />
          </Space>
        ),
      },
      {
        header: t('remote.requests.closedNote'),
        id: 'closed',
        cell: ({ row: { original: request } }) =>
          request.closedAt ? (
            <Space orientation="vertical" size={0} className="cell-medium">
              <Typography.Text type="secondary" className="nowrap">
                {formatDateTime(request.closedAt)}
              </Typography.Text>
              {request.resolutionNote ? (
                <Typography.Text className="cell-clamp" title={request.resolutionNote}>
                  {request.resolutionNote}
                </Typography.Text>
              ) : null}
            </Space>
          ) : (
            t('common.none')
          ),
      },
    ];
  }, [t, list.data]);

  return (
    <PageSection
      title={t('remote.requests.title')}
      subtitle={t('remote.requests.subtitle')}
      testId="help-requests"
      extra={
        <>
          <Select<HelpRequestState>
            allowClear
            className="filter-select"
            placeholder={t('remote.requests.allStates')}
            value={state}
            onChange={(value: HelpRequestState | undefined) => {
              setState(value);
            }}
            options={helpRequestStates.map((value) => ({
              value,
              label: t(`remote.requests.state.${value}`),
            }))}
            aria-label={t('remote.requests.stateTitle')}
            data-testid="help-requests-state"
          />
          <DaysSelect value={days} onChange={setDays} testId="help-requests-days" />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching}
          >
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Spin />
      ) : (
        <>
          <Typography.Text type="secondary">
            {t('common.total', { count: list.data?.requests.length ?? 0 })}
          </Typography.Text>
          <DataTable
            data={list.data?.requests ?? []}
            columns={columns}
            getRowId={(request) => request.id}
            renderDetail={(request) => <HelpThread request={request} />}
            empty={<EmptyState title={t('remote.requests.empty')} />}
            testId="help-requests-table"
            rowTestId="help-request-row"
            caption={t('remote.requests.title')}
          />
        </>
      )}
    </PageSection>
  );
}
