import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { useLanguage } from '../ui/use-language';
import { useReducedMotion } from '../ui/use-reduced-motion';
import type { EngineConnection } from './engine-client';
import { EngineContext, SessionContext } from './engine-context';
import type { SessionStore } from './session-store';

export interface AppServices {
  engine: EngineConnection;
  sessionStore: SessionStore;
  queryClient: QueryClient;
  i18n: I18n;
}

const fontFamily =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", Roboto, sans-serif';

function ThemedAntd({ children }: { children: ReactNode }) {
  const language = useLanguage();
  // Dialogs and drawers appear at once for people who asked their system for less motion.
  const motion = !useReducedMotion();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1f5fbf', fontFamily, borderRadius: 6, motion },
      }}
    >
      <AntApp className="ant-app-root">{children}</AntApp>
    </ConfigProvider>
  );
}

/** Everything screens reach through context: strings, antd, queries, the engine, the session. */
export function AppProviders({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return (
    <I18nextProvider i18n={services.i18n}>
      <ThemedAntd>
        <QueryClientProvider client={services.queryClient}>
          <EngineContext.Provider value={services.engine}>
            <SessionContext.Provider value={services.sessionStore}>
              {children}
            </SessionContext.Provider>
          </EngineContext.Provider>
        </QueryClientProvider>
      </ThemedAntd>
    </I18nextProvider>
  );
}
