import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { remoteSessionIdSchema } from '@shared/hub/remote';
import { EmptyState } from '../../ui/EmptyState';
import { RemoteWindowScreen } from './RemoteWindowScreen';

/** `/remote/:sessionId`: a session id as the hub makes them, or "no such window". */
export function RemoteWindowRoute() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  if (!remoteSessionIdSchema.safeParse(sessionId).success) {
    return (
      <div className="page">
        <EmptyState title={t('remote.notFound')} hint={t('remote.notFoundHint')} />
      </div>
    );
  }
  return <RemoteWindowScreen key={sessionId} sessionId={sessionId} />;
}
