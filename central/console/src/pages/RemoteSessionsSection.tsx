import { useMemo, useState } from 'react';
import { Badge, Button, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { Participant, RemoteSessionRecord } from '@shared/hub/remote';
import { useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { DaysSelect, type ListDays } from './DaysSelect';

type Filter = 'open' | 'ended' | 'all';

const openParam: Record<Filter, 'true' | 'false' | undefined> = {
  open: 'true',
  ended: 'false',
  all: undefined,
};

/** One participant: role, name, hall, and whether they are on the relay now or have left. */
function ParticipantLine({ participant }: { participant: Participant }) {
  const { t } = useTranslation();
  const presence = participant.connected
    ? { status: 'success' as const, text: t('remote.sessions.connected') }
    : participant.leftAt
      ? {
          status: 'default' as const,
          text: t('remote.sessions.left', { time: formatDateTime(participant.leftAt) }),
        }
      : { status: 'warning' as const, text: t('remote.sessions.notConnected') };
  return (
    <div
      className="session-participant"
      data-testid="session-participant"
      data-role={participant.role}
    >
      <Tag color={participant.role === 'expert' ? 'blue' : 'default'}>
        {t(`remote.sessions.roles.${participant.role}`)}
      </Tag>
      <Typography.Text strong className="nowrap">
        {participant.displayName}
      </Typography.Text>
      <Typography.Text type="secondary">{participant.hallName}</Typography.Text>
      <Badge status={presence.status} text={presence.text} className="nowrap" />
    </div>
  );
}

/** Remote windows of the last days, open ones first, with who was in them. */
export function RemoteSessionsSection() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [days, setDays] = useState<ListDays>(7);
  // Who is connected changes by the minute: the list follows without a click.
  const sessions = useHubQuery(
    'adminRemoteSessions',
    { query: { open: openParam[filter], days } },
    { refetchIntervalMs: 30_000 },
  );
  const halls = useHubQuery('halls', {});

  const columns = useMemo<ColumnDef<RemoteSessionRecord>[]>(() => {
    const hallNames = new Map((halls.data ?? []).map((hall) => [hall.id, hall.name]));
    return [
      {
        header: t('remote.sessions.case'),
        id: 'case',
        cell: ({ row: { original: session } }) => (
          <Space orientation="vertical" size={0} className="cell-medium">
            <Typography.Text className="mono nowrap">{session.caseRef.reference}</Typography.Text>
            <Typography.Text>{session.caseRef.matterName}</Typography.Text>
            <Typography.Text type="secondary">{session.caseRef.department}</Typography.Text>
          </Space>
        ),
      },
      {
        header: t('remote.sessions.hall'),
        id: 'hall',
        cell: ({ row: { original: session } }) => (
          <span className="nowrap">{hallNames.get(session.hallId) ?? session.hallId}</span>
        ),
      },
      {
        header: t('remote.sessions.stateTitle'),
        id: 'state',
        cell: ({ row: { original: session } }) => (
          <Tag
            color={session.state === 'open' ? 'green' : 'default'}
            data-testid="session-state"
            data-state={session.state}
          >
            {t(`remote.sessions.state.${session.state}`)}
          </Tag>
        ),
      },
      {
        header: t('remote.sessions.participants'),
        id: 'participants',
        cell: ({ row: { original: session } }) => (
          <div className="session-participants">
            {session.participants.map((participant) => (
              <ParticipantLine key={participant.id} participant={participant} />
            ))}
          </div>
        ),
      },
      {
        header: t('remote.sessions.startedAt'),
        id: 'startedAt',
        cell: ({ row: { original: session } }) => (
          <span className="nowrap">{formatDateTime(session.createdAt)}</span>
        ),
      },
      {
        header: t('remote.sessions.endedAt'),
        id: 'endedAt',
        cell: ({ row: { original: session } }) => (
          <span className="nowrap">{formatDateTime(session.endedAt)}</span>
        ),
      },
      {
        header: t('remote.sessions.endedBy'),
        id: 'endedBy',
        cell: ({ row: { original: session } }) => session.endedBy ?? t('common.none'),
      },
      {
        header: t('remote.sessions.source'),
        id: 'source',
        cell: ({ row: { original: session } }) => (
          <span className="nowrap">
            {session.helpRequestId ? t('remote.sessions.fromRequest') : t('remote.sessions.byCode')}
          </span>
        ),
      },
    ];
  }, [t, halls.data]);

  return (
    <PageSection
      title={t('remote.sessions.title')}
      subtitle={t('remote.sessions.subtitle')}
      testId="remote-sessions"
      extra={
        <>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={(['open', 'ended', 'all'] as const).map((value) => ({
              value,
              label: t(`remote.sessions.filter.${value}`),
            }))}
          />
          <DaysSelect value={days} onChange={setDays} testId="remote-sessions-days" />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void sessions.refetch()}
            loading={sessions.isFetching}
          >
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <ErrorAlert error={sessions.error} />
      {sessions.isPending ? (
        <Spin />
      ) : (
        <DataTable
          data={sessions.data ?? []}
          columns={columns}
          getRowId={(session) => session.id}
          empty={<EmptyState title={t('remote.sessions.empty')} />}
          testId="remote-sessions-table"
          rowTestId="remote-session-row"
          caption={t('remote.sessions.title')}
        />
      )}
    </PageSection>
  );
}
