import { Card, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { pickText } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { helpStateColours } from './cobrowse-labels';
import { useMyHelpRequests } from './help-queries';
import { WindowPrompt } from './HelpRequestDetail';
import { useActiveWindows } from './use-remote-session';

const eventColours: Record<string, string> = {
  opened: 'blue',
  joined: 'blue',
  consent: 'orange',
  revealed: 'orange',
  consent_withdrawn: 'gray',
  control_granted: 'purple',
  control_revoked: 'purple',
  suggestion_accepted: 'green',
  edit_applied: 'green',
  suggestion_rejected: 'gray',
  edit_refused: 'red',
  file_shared: 'cyan',
  identity_checked: 'orange',
  identity_snapshot_kept: 'orange',
  ended: 'gray',
};

/** The help requests raised from this case that are still open: their state, a window asked for. */
export function CaseHelpRequests({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const mine = useMyHelpRequests();
  const windows = useActiveWindows();
  const requests = (mine.data?.requests ?? []).filter(
    (request) =>
      request.caseRef.caseId === caseId &&
      (request.state === 'waiting' || request.state === 'claimed'),
  );
  // Offline or not enrolled: the help screen says why; the case stays quiet about it.
  if (requests.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('help.caseRequests')}
      className="page-section"
      data-testid="case-help-requests"
    >
      {requests.map((request) => (
        <div
          key={request.id}
          className="case-help-request"
          data-testid="case-help-request"
          data-state={request.state}
        >
          <div className="case-help-request-head">
            <Tag color={helpStateColours[request.state]}>{t(`help.states.${request.state}`)}</Tag>
            <Typography.Text ellipsis className="case-help-question">
              {request.question}
            </Typography.Text>
            <Link to={`/help?request=${request.id}`}>{t('help.viewRequest')}</Link>
          </div>
          <WindowPrompt request={request} windows={windows.data} />
        </div>
      ))}
    </Card>
  );
}

/** The remote windows held on this case: each one's course, from its opening to its end. */
export function CaseRemoteRecords({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const records = useQuery({
    queryKey: queryKeys.remoteRecords(caseId),
    queryFn: () => client.remote.records({ caseId }),
  });
  if (records.isError) return <ErrorAlert error={records.error} />;
  if (!records.data || records.data.length === 0) return null;
  return (
    <Card title={t('remote.records')} className="page-section" data-testid="case-remote-records">
      {[...records.data].reverse().map((record) => (
        <section
          key={record.sessionId}
          className="remote-record"
          data-testid="remote-record"
          data-session={record.sessionId}
        >
          <div className="remote-record-head">
            <Typography.Text strong>
              {formatDateTime(record.startedAt)} –{' '}
              {record.endedAt ? formatDateTime(record.endedAt) : ''}
            </Typography.Text>
            {record.endedAt === null ? (
              <Tag color="processing">{t('remote.recordOpen')}</Tag>
            ) : null}
            {record.helpRequestId ? <Tag>{t('remote.fromHelp')}</Tag> : null}
          </div>
          {record.outcome ? (
            <Typography.Text type="secondary" className="remote-record-outcome">
              {t('remote.recordOutcome', { outcome: record.outcome })}
            </Typography.Text>
          ) : null}
          <Timeline
            className="remote-record-events"
            items={record.events.map((event, index) => ({
              key: `${event.at}-${String(index)}`,
              color: eventColours[event.kind] ?? 'gray',
              content: (
                <div
                  className="history-item"
                  data-testid="remote-record-event"
                  data-kind={event.kind}
                >
                  <Typography.Text>{pickText(event.summary, language)}</Typography.Text>
                  <Typography.Text type="secondary" className="history-meta">
                    {formatDateTime(event.at)}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </section>
      ))}
    </Card>
  );
}
