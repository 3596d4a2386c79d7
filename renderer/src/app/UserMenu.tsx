import { useState } from 'react';
import { Avatar, Button, Dropdown } from 'antd';
import {
  CheckOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/api/auth';
import { isLanguage, type Language } from '@shared/i18n';
import { ChangePasswordDialog } from '../features/auth';
import { useLanguage } from '../ui/use-language';
import { useClient, useSessionStore } from './engine-context';

/** Who is signed in, their role, password, language, sign-out. */
export function UserMenu({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const store = useSessionStore();
  const [changingPassword, setChangingPassword] = useState(false);

  const signOut = async () => {
    try {
      await client.auth.signOut({});
    } catch {
      // Signed out locally either way.
    }
    store.signedOut('signedOut');
  };

  const languageItem = (value: Language) => ({
    key: `lang:${value}`,
    label: t(value === 'en' ? 'languages.en' : 'languages.zh'),
    icon: language === value ? <CheckOutlined /> : <span className="menu-icon-placeholder" />,
  });

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          onClick: ({ key }) => {
            if (key === 'password') setChangingPassword(true);
            else if (key === 'signout') void signOut();
            else if (key.startsWith('lang:')) {
              const next = key.slice('lang:'.length);
              if (isLanguage(next)) void i18n.changeLanguage(next);
            }
          },
          items: [
            {
              key: 'role',
              disabled: true,
              label: t('userMenu.role', { role: t(`roles.${user.role}`) }),
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('userMenu.changePassword') },
            {
              type: 'group',
              key: 'language',
              label: t('userMenu.language'),
              children: [languageItem('zh-CN'), languageItem('en')],
            },
            { type: 'divider' },
            {
              key: 'signout',
              icon: <LogoutOutlined />,
              danger: true,
              label: <span data-testid="signout">{t('userMenu.signOut')}</span>,
            },
          ],
        }}
      >
        <Button type="text" className="user-menu-button" data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} />
          <span className="user-menu-name">{user.displayName}</span>
          <span className="user-menu-role">{t(`roles.${user.role}`)}</span>
          <DownOutlined />
        </Button>
      </Dropdown>
      <ChangePasswordDialog
        open={changingPassword}
        onClose={() => {
          setChangingPassword(false);
        }}
      />
    </>
  );
}
