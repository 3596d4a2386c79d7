import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import './ui/app.css';
import { App } from './app/App';
import { connectToEngine } from './app/engine-client';
import { createI18n } from './app/i18n';
import { createAppQueryClient } from './app/query-client';
import { SessionStore } from './app/session-store';
import { StartupProblem } from './app/StartupProblem';

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const i18n = await createI18n(window.localStorage);
  document.title = i18n.t('app.name');
  const connection = connectToEngine(window);
  if (!connection.ok) {
    root.render(<StartupProblem title={i18n.t('app.name')} detail={i18n.t('app.tokenMissing')} />);
    return;
  }
  const { engine } = connection;
  const sessionStore = new SessionStore(window.sessionStorage, (token) =>
    engine.client.auth.resume({ token }),
  );
  const queryClient = createAppQueryClient((reason) => {
    sessionStore.lost(reason);
  });
  root.render(
    <StrictMode>
      <App services={{ engine, sessionStore, queryClient, i18n }} />
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (container) void start(container);
