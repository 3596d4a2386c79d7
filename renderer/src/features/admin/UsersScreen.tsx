import { useMemo, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/api/auth';
import { useClient, useSessionState } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { UserDialog } from './UserDialog';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User };

interface UserActions {
  edit: (user: User) => void;
  reset: (user: User) => void;
  setDisabled: (user: User, disabled: boolean) => void;
  busyUserId: number | undefined;
  selfId: number | undefined;
  /** When the list was read: a lockout is shown if it lasts beyond that moment. */
  readAt: number;
}

function UserStateTag({ user, readAt }: { user: User; readAt: number }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag color="default">{t('users.disabled')}</Tag>;
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > readAt) {
    return (
      <Tag color="error" data-testid="user-locked">
        {t('users.lockedUntil', { until: formatDateTime(user.lockedUntil) })}
      </Tag>
    );
  }
  return <Tag color="success">{t('users.active')}</Tag>;
}

function userColumns(t: TFunction, actions: UserActions): ColumnDef<User>[] {
  return [
    {
      id: 'username',
      header: t('users.username'),
      cell: ({ row }) => <span className="mono">{row.original.username}</span>,
    },
    {
      id: 'displayName',
      header: t('users.displayName'),
      cell: ({ row }) => row.original.displayName,
    },
    {
      id: 'role',
      header: t('users.role'),
      cell: ({ row }) => <Tag color="blue">{t(`roles.${row.original.role}`)}</Tag>,
    },
    {
      id: 'state',
      header: t('users.state'),
      cell: ({ row }) => <UserStateTag user={row.original} readAt={actions.readAt} />,
    },
    {
      id: 'lastSignIn',
      header: t('users.lastSignIn'),
      cell: ({ row }) =>
        row.original.lastSignInAt ? formatDateTime(row.original.lastSignInAt) : t('users.never'),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: ({ row }) => {
        const user = row.original;
        const busy = actions.busyUserId === user.id;
        return (
          <Space size="small" wrap>
            <Button
              size="small"
              onClick={() => {
                actions.edit(user);
              }}
              data-testid="user-edit"
            >
              {t('common.edit')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                actions.reset(user);
              }}
              data-testid="user-reset"
            >
              {t('users.resetPassword')}
            </Button>
            {user.disabled ? (
              <Button
                size="small"
                loading={busy}
                onClick={() => {
                  actions.setDisabled(user, false);
                }}
                data-testid="user-enable"
              >
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('users.disableConfirm', { username: user.username })}
                okText={t('users.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => {
                  actions.setDisabled(user, true);
                }}
              >
                <Button
                  size="small"
                  danger
                  loading={busy}
                  disabled={user.id === actions.selfId}
                  data-testid="user-disable"
                >
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];
}

/** Local users: create, rename, change role, disable or enable, reset password. */
export function UsersScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const session = useSessionState();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => client.users.list({}) });

  const toggle = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) =>
      client.users.update({ id: user.id, disabled }),
    onSuccess: async () => {
      void message.success(t('users.updated'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });

  const selfId = session.status === 'signedIn' ? session.session.user.id : undefined;
  const busyUserId = toggle.isPending ? toggle.variables.user.id : undefined;
  const readAt = users.dataUpdatedAt;
  const columns = useMemo(
    () =>
      userColumns(t, {
        edit: (user) => {
          setDialog({ kind: 'edit', user });
        },
        reset: (user) => {
          setDialog({ kind: 'reset', user });
        },
        setDisabled: (user, disabled) => {
          toggle.mutate({ user, disabled });
        },
        busyUserId,
        selfId,
        readAt,
      }),
    [t, toggle, busyUserId, selfId, readAt],
  );

  const close = () => {
    setDialog(undefined);
  };

  return (
    <div className="page page-scroll">
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {t('users.title')}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        {users.isFetching ? <Spin size="small" /> : null}
        <Button
          type="primary"
          icon={<PlusOutlined />}
          autoFocus
          onClick={() => {
            setDialog({ kind: 'create' });
          }}
          data-testid="user-create"
        >
          {t('users.create')}
        </Button>
      </div>
      {users.isError ? <ErrorAlert error={users.error} /> : null}
      {toggle.isError ? <ErrorAlert error={toggle.error} /> : null}
      <Card className="page-section">
        {users.isPending ? (
          <div className="page-center">
            <Spin />
          </div>
        ) : (
          <DataTable
            data={users.data ?? []}
            columns={columns}
            getRowId={(user) => String(user.id)}
            testId="users-table"
            rowTestId="user-row"
            empty={<EmptyState title={t('users.empty')} />}
          />
        )}
      </Card>
      {dialog?.kind === 'create' ? <UserDialog user={undefined} onClose={close} /> : null}
      {dialog?.kind === 'edit' ? <UserDialog user={dialog.user} onClose={close} /> : null}
      {dialog?.kind === 'reset' ? <ResetPasswordDialog user={dialog.user} onClose={close} /> : null}
    </div>
  );
}
