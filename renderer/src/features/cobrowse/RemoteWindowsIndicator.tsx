import { Button, Dropdown } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { openWindows, useActiveWindows, useRemoteSessionUpdates } from './use-remote-session';

function label(view: RemoteSessionView, fallback: string): string {
  const caseRef = view.workspace?.caseRef;
  return caseRef ? `${caseRef.reference} · ${caseRef.matterName}` : fallback;
}

/**
 * In the top bar, from any screen: the remote windows open on this terminal, to go back to one.
 * It also keeps every window's view live (the engine's `remote.session` events).
 */
export function RemoteWindowsIndicator({ className }: { className: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useRemoteSessionUpdates();
  const windows = openWindows(useActiveWindows().data);
  if (windows.length === 0) return null;
  const active = pathname.startsWith('/remote/');
  const title = t('remote.activeCount', { count: windows.length });
  const only = windows.length === 1 ? windows[0] : undefined;
  const button = (
    <Button
      type="text"
      className={`${className}${active ? ' nav-button-active' : ''} remote-indicator`}
      icon={<DesktopOutlined />}
      onClick={only ? () => void navigate(`/remote/${only.sessionId}`) : undefined}
      aria-label={t('remote.activeTitle')}
      data-testid="nav-remote-windows"
      data-count={windows.length}
    >
      <span className="remote-indicator-dot" aria-hidden />
      {title}
    </Button>
  );
  if (only) return button;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        onClick: ({ key }) => void navigate(`/remote/${key}`),
        items: windows.map((view) => ({
          key: view.sessionId,
          icon: <DesktopOutlined />,
          label: label(view, t('remote.title')),
        })),
      }}
    >
      {button}
    </Dropdown>
  );
}
