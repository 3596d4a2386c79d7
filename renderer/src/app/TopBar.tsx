import { useState, type ReactNode } from 'react';
import { Badge, Button, Dropdown, Tooltip, Typography } from 'antd';
import {
  ApartmentOutlined,
  BarChartOutlined,
  BulbOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  FlagOutlined,
  FormOutlined,
  ToolOutlined,
  DatabaseOutlined,
  MessageOutlined,
  DownOutlined,
  PlusOutlined,
  FileSearchOutlined,
  RobotOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/api/auth';
import { useClient } from './engine-context';
import { RemoteWindowsIndicator, useHelpAttention, useWaitingCount } from '../features/cobrowse';
import { UnresolvedDialog, useOverdueCount } from '../features/walks';
import {
  canFileUnresolved,
  canRaiseHelp,
  canReadHelpStats,
  canReadWalks,
  canWriteCases,
  isAdmin,
  isRemoteExpert,
} from './permissions';
import { queryKeys } from './query-keys';
import { UserMenu } from './UserMenu';

const navClass = (active: boolean) => `nav-button${active ? ' nav-button-active' : ''}`;

/** A nav button with a count of what waits there (nothing shown at zero). */
function BadgeNavButton({
  label,
  count,
  countLabel,
  active,
  icon,
  onClick,
  testId,
  badgeTestId = `${testId}-badge`,
  tooltip,
}: {
  label: string;
  count: number;
  countLabel: string;
  active: boolean;
  icon: ReactNode;
  onClick: () => void;
  testId: string;
  badgeTestId?: string;
  /** The keyboard shortcut's hint, if it has one. */
  tooltip?: string;
}) {
  const button = (
    <Button
      type="text"
      className={navClass(active)}
      icon={icon}
      onClick={onClick}
      data-testid={testId}
      aria-label={count > 0 ? `${label} · ${countLabel}` : undefined}
    >
      <Badge
        count={count}
        size="small"
        offset={[8, -4]}
        title={countLabel}
        className="nav-badge"
        data-testid={badgeTestId}
      >
        <span className="nav-badge-label">{label}</span>
      </Badge>
    </Button>
  );
  return tooltip ? <Tooltip title={tooltip}>{button}</Tooltip> : button;
}

/** The clerk's help requests, with how many have news (an answer, a window asked for). */
function HelpNav({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const count = useHelpAttention();
  return (
    <BadgeNavButton
      tooltip={t('common.shortcut', { keys: 'Alt+H' })}
      label={t('nav.help')}
      count={count}
      countLabel={t('nav.helpBadge', { count })}
      active={active}
      icon={<CustomerServiceOutlined />}
      onClick={() => void navigate('/help')}
      testId="nav-help"
    />
  );
}

/** The remote expert's queue, with how many requests wait in it. */
function QueueNav({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const count = useWaitingCount();
  return (
    <BadgeNavButton
      tooltip={t('common.shortcut', { keys: 'Alt+H' })}
      label={t('nav.helpQueue')}
      count={count}
      countLabel={t('nav.queueBadge', { count })}
      active={active}
      icon={<CustomerServiceOutlined />}
      onClick={() => void navigate('/help/queue')}
      testId="nav-help-queue"
    />
  );
}

/** Hall name, navigation and the user menu. */
export function TopBar({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const setup = useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => client.setup.status({}),
  });
  const overdue = useOverdueCount(user.role);
  const [filing, setFiling] = useState(false);
  const onList =
    pathname === '/cases' || (pathname.startsWith('/cases/') && pathname !== '/cases/new');
  return (
    <header className="top-bar">
      <div className="top-bar-brand">
        <span className="brand-mark" aria-hidden>
          帮
        </span>
        <div className="top-bar-titles">
          <Typography.Text className="top-bar-app">{t('app.name')}</Typography.Text>
          {setup.data?.hallName ? (
            <Typography.Text className="top-bar-hall" ellipsis>
              {setup.data.hallName}
            </Typography.Text>
          ) : null}
        </div>
      </div>
      {/* An admin's nav carries every entry: on a narrower screen it drops its icons. */}
      <nav
        className={`top-bar-nav${isAdmin(user.role) ? ' top-bar-nav-crowded' : ''}`}
        aria-label={t('app.name')}
      >
        <Tooltip title={t('common.shortcut', { keys: 'Alt+L' })}>
          <Button
            type="text"
            className={navClass(onList)}
            icon={<UnorderedListOutlined />}
            onClick={() => void navigate('/cases')}
            data-testid="nav-cases"
          >
            {t('nav.cases')}
          </Button>
        </Tooltip>
        {canWriteCases(user.role) ? (
          <Tooltip title={t('common.shortcut', { keys: 'Alt+N' })}>
            <Button
              type="text"
              className={navClass(pathname === '/cases/new')}
              icon={<PlusOutlined />}
              onClick={() => void navigate('/cases/new')}
              data-testid="nav-new-case"
            >
              {t('nav.newCase')}
            </Button>
          </Tooltip>
        ) : null}
        {canRaiseHelp(user.role) ? <HelpNav active={pathname === '/help'} /> : null}
        {isRemoteExpert(user.role) ? <QueueNav active={pathname === '/help/queue'} /> : null}
        <Tooltip title={t('common.shortcut', { keys: 'Alt+Q' })}>
          <Button
            type="text"
            className={navClass(pathname === '/copilot')}
            icon={<MessageOutlined />}
            onClick={() => void navigate('/copilot')}
            data-testid="nav-copilot"
          >
            {t('nav.copilot')}
          </Button>
        </Tooltip>
        {canReadWalks(user.role) ? (
          <Tooltip title={t('common.shortcut', { keys: 'Alt+W' })}>
            <Button
              type="text"
              className={navClass(pathname.startsWith('/walks'))}
              icon={<FlagOutlined />}
              onClick={() => void navigate('/walks')}
              data-testid="nav-walks"
            >
              {t('nav.walks')}
            </Button>
          </Tooltip>
        ) : null}
        <BadgeNavButton
          label={t('nav.rectifications')}
          count={overdue}
          countLabel={t('nav.overdueBadge', { count: overdue })}
          active={pathname === '/rectifications'}
          icon={<ToolOutlined />}
          onClick={() => void navigate('/rectifications')}
          testId="nav-rectifications"
          badgeTestId="nav-overdue-badge"
        />
        {canReadHelpStats(user.role) && !isAdmin(user.role) ? (
          <Button
            type="text"
            className={navClass(pathname === '/help/stats')}
            icon={<DashboardOutlined />}
            onClick={() => void navigate('/help/stats')}
            data-testid="nav-help-stats"
          >
            {t('nav.helpStats')}
          </Button>
        ) : null}
        {canReadWalks(user.role) ? (
          <Button
            type="text"
            className={navClass(pathname === '/coverage')}
            icon={<BarChartOutlined />}
            onClick={() => void navigate('/coverage')}
            data-testid="nav-coverage"
          >
            {t('nav.coverage')}
          </Button>
        ) : null}
        {canFileUnresolved(user.role) ? (
          <Dropdown
            trigger={['click']}
            menu={{
              selectedKeys: [pathname],
              onClick: ({ key }) => {
                if (key === 'file') setFiling(true);
                else void navigate(key);
              },
              items: [
                {
                  key: 'file',
                  icon: <FormOutlined />,
                  label: <span data-testid="nav-unresolved-file">{t('nav.fileUnresolved')}</span>,
                },
                {
                  key: '/unresolved',
                  icon: <ExceptionOutlined />,
                  label: <span data-testid="nav-unresolved-list">{t('nav.unresolvedList')}</span>,
                },
              ],
            }}
          >
            <Button
              type="text"
              className={navClass(pathname === '/unresolved')}
              data-testid="nav-unresolved"
            >
              {t('nav.unresolved')} <DownOutlined />
            </Button>
          </Dropdown>
        ) : null}
        <Button
          type="text"
          className={navClass(pathname === '/sync')}
          icon={<SyncOutlined />}
          onClick={() => void navigate('/sync')}
          data-testid="nav-sync"
        >
          {t('nav.sync')}
        </Button>
        {isAdmin(user.role) ? (
          <Dropdown
            trigger={['click']}
            menu={{
              selectedKeys: [pathname],
              onClick: ({ key }) => void navigate(key),
              items: [
                {
                  key: '/admin/knowledge',
                  icon: <DatabaseOutlined />,
                  label: <span data-testid="nav-admin-knowledge">{t('nav.knowledge')}</span>,
                },
                {
                  key: '/admin/gaps',
                  icon: <BulbOutlined />,
                  label: <span data-testid="nav-admin-gaps">{t('nav.gaps')}</span>,
                },
                {
                  key: '/admin/models',
                  icon: <RobotOutlined />,
                  label: <span data-testid="nav-admin-models">{t('nav.models')}</span>,
                },
                {
                  key: '/admin/security',
                  icon: <SafetyCertificateOutlined />,
                  label: <span data-testid="nav-admin-security">{t('nav.security')}</span>,
                },
                {
                  key: '/admin/audit',
                  icon: <FileSearchOutlined />,
                  label: <span data-testid="nav-admin-audit">{t('nav.audit')}</span>,
                },
                {
                  key: '/help/stats',
                  icon: <DashboardOutlined />,
                  label: <span data-testid="nav-admin-help-stats">{t('nav.helpStats')}</span>,
                },
                {
                  key: '/admin/units',
                  icon: <ApartmentOutlined />,
                  label: <span data-testid="nav-admin-units">{t('nav.units')}</span>,
                },
                {
                  key: '/admin/users',
                  icon: <TeamOutlined />,
                  label: <span data-testid="nav-admin-users">{t('nav.users')}</span>,
                },
                {
                  key: '/admin/settings',
                  icon: <SettingOutlined />,
                  label: <span data-testid="nav-admin-settings">{t('nav.settings')}</span>,
                },
              ],
            }}
          >
            <Button
              type="text"
              className={navClass(pathname.startsWith('/admin'))}
              data-testid="nav-admin"
            >
              {t('nav.admin')} <DownOutlined />
            </Button>
          </Dropdown>
        ) : null}
        <RemoteWindowsIndicator className="nav-button" />
      </nav>
      <UserMenu user={user} />
      {filing ? (
        <UnresolvedDialog
          onClose={() => {
            setFiling(false);
          }}
        />
      ) : null}
    </header>
  );
}
