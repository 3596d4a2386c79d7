import { StatusBar } from '../features/status';
import { AppProviders, type AppServices } from './AppProviders';
import { AuthGate } from './AuthGate';
import { useSessionLifecycle } from './use-session-lifecycle';

function AppFrame() {
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

/** The whole renderer, given the services `main.tsx` built. */
export function App({ services }: { services: AppServices }) {
  return (
    <AppProviders services={services}>
      <AppFrame />
    </AppProviders>
  );
}
