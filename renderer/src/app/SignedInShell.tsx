import { HashRouter, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Session } from '@shared/api/auth';
import { useIdleSignOut } from '../features/auth';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { AppRoutes } from './AppRoutes';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './use-global-shortcuts';

/** The app once someone is signed in: top bar, the routed screen, idle sign-out. */
export function SignedInShell({ session }: { session: Session }) {
  useIdleSignOut(session.idleTimeoutMinutes);
  return (
    <HashRouter>
      <ShortcutLayer session={session} />
      <TopBar user={session.user} />
      <main className="app-content">
        <GuardedRoutes session={session} />
      </main>
    </HashRouter>
  );
}

/** Keyboard shortcuts need the router, so they live inside it. */
function ShortcutLayer({ session }: { session: Session }) {
  useGlobalShortcuts(session.user.role);
  return null;
}

/** A crash in one screen shows a notice there; moving to another screen starts afresh. */
function GuardedRoutes({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <ErrorBoundary key={pathname} title={t('app.crashed')} retryLabel={t('common.retry')}>
      <AppRoutes role={session.user.role} />
    </ErrorBoundary>
  );
}
