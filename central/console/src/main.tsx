import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import 'antd/dist/reset.css';
import './console.css';
import { HubApi, HubCallError } from './api/hub-api';
import { SessionStore } from './api/session-store';
import { App } from './App';
import { createConsoleI18n } from './i18n';

async function start(container: HTMLElement): Promise<void> {
  const i18n = await createConsoleI18n(window.localStorage);
  const session = new SessionStore(window.sessionStorage);
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // Only a lost connection is worth retrying; a refusal from the hub will not change.
        retry: (failures, error) =>
          error instanceof HubCallError && error.code === 'UNREACHABLE' && failures < 2,
        // Terminals enrol and push while the console is open: a page shows the hub as it is now.
        staleTime: 0,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
  const api = new HubApi({
    // The hub serves the console: its API is on the same origin, which the CSP allows alone.
    baseUrl: window.location.origin,
    token: () => session.token(),
    onSessionLost: () => {
      session.end('expired');
      queryClient.clear();
    },
  });
  createRoot(container).render(
    <StrictMode>
      <App services={{ api, session, queryClient, i18n }} />
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (container) void start(container);
