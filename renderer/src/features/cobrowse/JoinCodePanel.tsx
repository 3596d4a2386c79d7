import { Button, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatElapsed } from '../../ui/format';
import { useNow } from '../../ui/use-now';
import { formatEnrolmentCode } from '../sync';
import { windowChanged } from './use-remote-session';

/** The host's join code to read out (XXXXX-XXXXX), how long it stays valid, and a new one. */
export function JoinCodePanel({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const now = useNow();
  const issue = useMutation({
    mutationFn: () => client.remote.issueJoinCode({ sessionId: view.sessionId }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
    },
  });
  const left = view.joinCode ? Date.parse(view.joinCode.expiresAt) - now : 0;
  const code = view.joinCode && left > 0 ? view.joinCode.code : null;
  return (
    <div className="join-code-panel" data-testid="remote-join-code-panel">
      <Typography.Text type="secondary">{t('remote.joinCode')}</Typography.Text>
      {code ? (
        <Tooltip title={t('remote.joinCodeHint')}>
          <span className="join-code-value mono" data-testid="remote-join-code">
            {formatEnrolmentCode(code)}
          </span>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary">{t('remote.joinCodeNone')}</Typography.Text>
      )}
      {code ? (
        <Typography.Text
          type={left < 60_000 ? 'warning' : 'secondary'}
          className="mono"
          role="timer"
          data-testid="remote-join-code-expiry"
        >
          {/* Ten minutes at most: MM:SS. */}
          {t('remote.joinCodeExpires', { time: formatElapsed(left).replace(/^0:/, '') })}
        </Typography.Text>
      ) : null}
      <Button
        size="small"
        icon={<ReloadOutlined />}
        loading={issue.isPending}
        onClick={() => {
          issue.mutate();
        }}
        data-testid="remote-new-code"
      >
        {t('remote.newJoinCode')}
      </Button>
      <ErrorAlert error={issue.error ?? undefined} />
    </div>
  );
}
