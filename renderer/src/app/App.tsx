import { VaultGate } from '../features/security';
import { StatusBar } from '../features/status';
import { AppProviders, type AppServices } from './AppProviders';
import { AuthGate } from './AuthGate';
import { useSessionLifecycle } from './use-session-lifecycle';

/** The app once the store is open: sessions, sign-in and the workbench. */
function UnlockedApp() {
  useSessionLifecycle();
  return (
    <div className="app-frame">
      <div className="app-main">
        <AuthGate />
      </div>
      <StatusBar />
    </div>
  );
}

function AppFrame() {
  return (
    <VaultGate>
      <UnlockedApp />
    </VaultGate>
  );
}

/** The whole renderer, given the services `main.tsx` built. */
export function App({ services }: { services: AppServices }) {
  return (
    <AppProviders services={services}>
      <AppFrame />
    </AppProviders>
  );
}
