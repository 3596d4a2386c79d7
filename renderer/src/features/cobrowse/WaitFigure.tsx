import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HelpRequest } from '@shared/api/remote';
import { formatElapsed } from '../../ui/format';
import { isOpen, waitedMs } from './help-requests';

/**
 * How long the first answer took (fixed once claimed), or the wait so far, ticking. `labelled`
 * says which it is (首次响应 / 已等待) where nothing around it does.
 */
export function WaitFigure({
  request,
  hubNow,
  labelled = true,
}: {
  request: HelpRequest;
  hubNow: number;
  labelled?: boolean;
}) {
  const { t } = useTranslation();
  if (request.firstResponseSeconds !== null) {
    const seconds = Math.round(request.firstResponseSeconds);
    return (
      <Typography.Text
        type={seconds > 60 ? 'warning' : 'success'}
        data-testid="help-first-response"
        data-seconds={seconds}
      >
        {labelled ? `${t('help.firstResponse')} ` : ''}
        {t('help.seconds', { seconds })}
      </Typography.Text>
    );
  }
  const waited = waitedMs(request, hubNow);
  return (
    <Typography.Text
      type={waited > 60_000 && isOpen(request) ? 'danger' : 'secondary'}
      className="mono"
      role="timer"
      data-testid="help-waited"
    >
      {labelled ? `${t('help.waited')} ` : ''}
      {formatElapsed(waited)}
    </Typography.Text>
  );
}
