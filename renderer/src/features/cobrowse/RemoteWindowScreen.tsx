import { Alert, Button, Card, Col, Row, Spin } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { pickText, toApiError } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { ChatThread } from './ChatThread';
import { RemoteCallCard } from './RemoteCallCard';
import { ConsentsPanel } from './ConsentsPanel';
import { IdentityCheckCard } from './IdentityCheckCard';
import { RemoteHeader } from './RemoteHeader';
import { SharedFilesPanel } from './SharedFilesPanel';
import { SharedWorkspace } from './SharedWorkspace';
import { SuggestionsPanel } from './SuggestionsPanel';
import { usePresence } from './use-presence';
import { useRemoteSession, windowChanged } from './use-remote-session';

/** The window's chat, both sides' lines in order. */
function RemoteChat({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const chat = useMutation({
    mutationFn: (text: string) => client.remote.chat({ sessionId: view.sessionId, text }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
    },
  });
  return (
    <Card size="small" title={t('remote.chat')} className="page-section" data-testid="remote-chat">
      <ChatThread
        testId="remote-chat"
        lines={view.chat.map((line) => ({ ...line, mine: line.participantId === view.me }))}
        onSend={(text) => chat.mutateAsync(text)}
        closedHint={view.link.state === 'ended' ? t('chat.closed') : undefined}
      />
    </Card>
  );
}

/** How the window ended, and where to go from there. */
function EndedNotice({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const caseId = view.workspace?.caseRef.caseId;
  return (
    <Alert
      type="info"
      showIcon
      title={t('remote.ended', {
        name: view.endedBy ?? '',
        at: formatDateTime(view.endedAt),
      })}
      action={
        view.role === 'host' && caseId !== undefined ? (
          <Button size="small" onClick={() => void navigate(`/cases/${String(caseId)}`)}>
            {t('remote.openCase')}
          </Button>
        ) : view.role === 'expert' ? (
          <Button size="small" onClick={() => void navigate('/help/queue')}>
            {t('nav.helpQueue')}
          </Button>
        ) : null
      }
      data-testid="remote-ended"
    />
  );
}

/**
 * `/remote/:sessionId`, both sides of a remote window: the header, the shared case on the left
 * with both sides' pointers, and on the right the suggestions, the shared files, the ID check,
 * the applicant's consents and the chat. The call (audio and video) sits at the top of the right
 * column, above the ID check that relies on it.
 */
function RemoteWindow({ view }: { view: RemoteSessionView }) {
  const language = useLanguage();
  const ended = view.link.state === 'ended';
  const presence = usePresence(view.sessionId, !ended && view.link.state === 'live');
  return (
    <div
      className="page page-scroll remote-page"
      data-testid="remote-screen"
      data-role={view.role}
      data-session={view.sessionId}
    >
      <RemoteHeader view={view} />
      {ended ? <EndedNotice view={view} /> : null}
      {view.link.problem && !ended ? (
        <Alert
          type="warning"
          showIcon
          title={pickText(view.link.problem, language)}
          data-testid="remote-link-problem"
        />
      ) : null}
      <Row gutter={16} className="remote-body">
        <Col xs={24} xl={15} xxl={16}>
          <SharedWorkspace view={view} presence={presence} />
        </Col>
        <Col xs={24} xl={9} xxl={8} className="remote-side">
          {view.link.state !== 'ended' && <RemoteCallCard view={view} />}
          <SuggestionsPanel view={view} />
          <SharedFilesPanel view={view} />
          <IdentityCheckCard view={view} />
          <ConsentsPanel view={view} />
          <RemoteChat view={view} />
        </Col>
      </Row>
    </div>
  );
}

export function RemoteWindowScreen({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const session = useRemoteSession(sessionId);
  if (session.isPending) {
    return (
      <div className="page-center remote-loading" aria-busy>
        <Spin size="large" />
        <div className="full-page-tip">{t('remote.opening')}</div>
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="page">
        {toApiError(session.error).code === 'NOT_FOUND' ? (
          <EmptyState title={t('remote.notFound')} hint={t('remote.notFoundHint')} />
        ) : (
          <ErrorAlert error={session.error} />
        )}
      </div>
    );
  }
  return <RemoteWindow view={session.data} />;
}
