import { lazy, Suspense } from 'react';
import { Button, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SetupScreen, SignInScreen } from '../features/auth';
import { errorMessage } from '../ui/api-error';
import { useLanguage } from '../ui/use-language';
import { useClient, useSessionState } from './engine-context';
import { FullPageSpin } from './FullPageSpin';
import { queryKeys } from './query-keys';

/**
 * Everything after sign-in (tables, case screens, admin) loads on demand, so the setup and
 * sign-in screens paint without it.
 */
const SignedInShell = lazy(() =>
  import('./SignedInShell').then((module) => ({ default: module.SignedInShell })),
);

/** First start, sign-in, or the app: whichever the engine and the session call for. */
export function AuthGate() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const session = useSessionState();
  const setup = useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => client.setup.status({}),
  });

  if (session.status === 'signedIn') {
    return (
      <Suspense fallback={<FullPageSpin tip={t('app.loading')} />}>
        <SignedInShell key={session.session.user.id} session={session.session} />
      </Suspense>
    );
  }
  if (setup.isPending || session.status === 'resuming') {
    return <FullPageSpin tip={t('app.connecting')} />;
  }
  if (setup.isError) {
    return (
      <Result
        status="warning"
        title={errorMessage(setup.error, language)}
        extra={
          <Button type="primary" onClick={() => void setup.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (setup.data.needsAdmin) return <SetupScreen />;
  return <SignInScreen hallName={setup.data.hallName || undefined} reason={session.reason} />;
}
