import { useEffect } from 'react';
import { Button, Tooltip, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { windowChanged } from './use-remote-session';

/**
 * The host's switch over direct edits: granted to the expert until taken back, at once, with the
 * button or Alt+R from anywhere on the screen.
 */
export function ControlSwitch({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const holder = view.participants.find((participant) => participant.id === view.control.holder);
  const expert =
    view.participants.find((participant) => participant.role === 'expert' && participant.online) ??
    view.participants.find((participant) => participant.role === 'expert');
  const held = view.control.holder !== null;
  const ended = view.link.state === 'ended';

  const toggle = useMutation({
    mutationFn: (grantTo: string | null) =>
      grantTo === null
        ? client.remote.revokeControl({ sessionId: view.sessionId })
        : client.remote.grantControl({ sessionId: view.sessionId, participantId: grantTo }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
    },
  });
  const { mutate, isPending } = toggle;
  const target = held ? null : (expert?.id ?? undefined);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyR') return;
      event.preventDefault();
      if (!ended && !isPending && target !== undefined) mutate(target);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [ended, isPending, target, mutate]);

  return (
    <div className="control-switch" data-testid="remote-control" data-held={String(held)}>
      <Typography.Text type={held ? 'warning' : 'secondary'} data-testid="remote-control-state">
        {held
          ? t('remote.controlHeld', { name: holder?.displayName ?? '' })
          : expert
            ? t('remote.controlNone')
            : t('remote.noExpertYet')}
      </Typography.Text>
      <Tooltip title={t('common.shortcut', { keys: 'Alt+R' })} placement="bottom">
        {held ? (
          <Button
            danger
            type="primary"
            icon={<LockOutlined />}
            loading={isPending}
            disabled={ended}
            onClick={() => {
              mutate(null);
            }}
            data-testid="remote-revoke"
          >
            {t('remote.revoke')}
          </Button>
        ) : (
          <Button
            icon={<UnlockOutlined />}
            loading={isPending}
            disabled={ended || !expert}
            onClick={() => {
              if (expert) mutate(expert.id);
            }}
            data-testid="remote-grant"
          >
            {t('remote.grant')}
          </Button>
        )}
      </Tooltip>
      <ErrorAlert error={toggle.error ?? undefined} />
    </div>
  );
}
