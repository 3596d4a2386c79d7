import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Spin, Typography, theme } from 'antd';
import {
  ApartmentOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  DesktopOutlined,
  ExceptionOutlined,
  LogoutOutlined,
  ReadOutlined,
  RobotOutlined,
  UsbOutlined,
} from '@ant-design/icons';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import {
  ConsoleContext,
  useConsole,
  useSession,
  type ConsoleServices,
} from './api/console-context';
import { CalendarPage } from './pages/CalendarPage';
import { ConflictsPage } from './pages/ConflictsPage';
import { HallsPage } from './pages/HallsPage';
import { KnowledgePage } from './pages/KnowledgePage';
import { ModelsPage } from './pages/ModelsPage';
import { PackagesPage } from './pages/PackagesPage';
import { RecordsPage } from './pages/RecordsPage';
import { SignInPage } from './pages/SignInPage';
import { TerminalsPage } from './pages/TerminalsPage';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { LanguageSwitch } from './ui/LanguageSwitch';
import { useConsoleLanguage } from './ui/use-console-language';
import { usePageShortcuts } from './ui/use-page-shortcuts';

// Its charts (echarts) and date picker are loaded when the page is first opened, not with the console.
const RemoteHelpPage = lazy(() =>
  import('./pages/RemoteHelpPage').then((module) => ({ default: module.RemoteHelpPage })),
);

export interface ConsoleAppServices extends ConsoleServices {
  queryClient: QueryClient;
  i18n: I18n;
}

const fontFamily =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", Roboto, sans-serif';

/** The pages in menu order; Alt+1 … Alt+9 follow it. */
const pageKeys = [
  'halls',
  'terminals',
  'knowledge',
  'calendar',
  'models',
  'packages',
  'records',
  'conflicts',
  'remote',
] as const;
type PageKey = (typeof pageKeys)[number];

const pageIcons: Record<PageKey, ReactNode> = {
  halls: <ApartmentOutlined />,
  terminals: <DesktopOutlined />,
  knowledge: <ReadOutlined />,
  calendar: <CalendarOutlined />,
  models: <RobotOutlined />,
  packages: <UsbOutlined />,
  records: <DatabaseOutlined />,
  conflicts: <ExceptionOutlined />,
  remote: <CustomerServiceOutlined />,
};

function isPageKey(value: string): value is PageKey {
  return (pageKeys as readonly string[]).includes(value);
}

function subscribeToHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => {
    window.removeEventListener('hashchange', listener);
  };
}

/** The page is in the address (`#/terminals`), so a reload or a bookmark lands on it. */
function useCurrentPage(): [PageKey, (page: PageKey) => void] {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  const key = hash.replace(/^#\/?/, '');
  const go = useCallback((page: PageKey) => {
    window.location.hash = `/${page}`;
  }, []);
  return [isPageKey(key) ? key : 'halls', go];
}

function PageView({ page, go }: { page: PageKey; go: (page: PageKey) => void }) {
  switch (page) {
    case 'halls':
      return <HallsPage />;
    case 'terminals':
      return <TerminalsPage />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'calendar':
      return <CalendarPage />;
    case 'models':
      return <ModelsPage />;
    case 'packages':
      return (
        <PackagesPage
          openConflicts={() => {
            go('conflicts');
          }}
        />
      );
    case 'records':
      return <RecordsPage />;
    case 'conflicts':
      return <ConflictsPage />;
    case 'remote':
      return <RemoteHelpPage />;
  }
}

function ConsoleShell({ queryClient }: { queryClient: QueryClient }) {
  const { t } = useTranslation();
  const { api, session } = useConsole();
  const { session: admin } = useSession();
  const [page, go] = useCurrentPage();
  const contentRef = useRef<HTMLElement>(null);
  const openByIndex = useCallback(
    (index: number) => {
      const key = pageKeys[index];
      if (key) go(key);
    },
    [go],
  );
  usePageShortcuts(pageKeys.length, openByIndex);

  useEffect(() => {
    // A new page starts at its top, not where the last one was scrolled to.
    contentRef.current?.scrollTo({ top: 0 });
  }, [page]);

  const signOut = async (): Promise<void> => {
    try {
      await api.call('adminSignOut', {});
    } catch {
      // Signing out locally is what matters; the hub's session expires on its own.
    }
    session.end('signedOut');
    queryClient.clear();
  };

  return (
    <Layout className="console-frame">
      <Layout.Header className="console-header">
        <span className="console-brand">
          {t('app.hub')}
          <span className="console-brand-sub">{t('app.console')}</span>
        </span>
        <span className="page-toolbar-spacer" />
        <LanguageSwitch />
        <Typography.Text className="console-user" data-testid="console-user">
          {admin?.displayName}
        </Typography.Text>
        <Button
          icon={<LogoutOutlined />}
          onClick={() => void signOut()}
          data-testid="sign-out"
          className="console-signout"
        >
          {t('app.signOut')}
        </Button>
      </Layout.Header>
      <Layout className="console-body">
        <Layout.Sider width={216} theme="light" className="console-sider">
          <Menu
            mode="inline"
            selectedKeys={[page]}
            onClick={({ key }) => {
              if (isPageKey(key)) go(key);
            }}
            items={pageKeys.map((key, index) => ({
              key,
              icon: pageIcons[key],
              label: t(`nav.${key}`),
              extra: <kbd className="nav-shortcut">Alt+{index + 1}</kbd>,
              title: t('app.shortcut', { keys: `Alt+${String(index + 1)}` }),
              'data-testid': `nav-${key}`,
            }))}
          />
        </Layout.Sider>
        <Layout.Content className="console-content" ref={contentRef}>
          <ErrorBoundary key={page} title={t('app.crashed')}>
            <Suspense fallback={<Spin className="page-loading" />}>
              <PageView page={page} go={go} />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function SessionGate({ queryClient }: { queryClient: QueryClient }) {
  const { session } = useSession();
  return session ? <ConsoleShell queryClient={queryClient} /> : <SignInPage />;
}

function ThemedAntd({ children }: { children: ReactNode }) {
  const language = useConsoleLanguage();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1f5fbf', fontFamily, borderRadius: 6 },
      }}
    >
      <AntApp className="ant-app-root">{children}</AntApp>
    </ConfigProvider>
  );
}

/** The console: strings, antd in the chosen language, queries, the hub client, the session. */
export function App({ services }: { services: ConsoleAppServices }) {
  const { api, session, queryClient, i18n } = services;
  return (
    <I18nextProvider i18n={i18n}>
      <ThemedAntd>
        <QueryClientProvider client={queryClient}>
          <ConsoleContext.Provider value={{ api, session }}>
            <SessionGate queryClient={queryClient} />
          </ConsoleContext.Provider>
        </QueryClientProvider>
      </ThemedAntd>
    </I18nextProvider>
  );
}
