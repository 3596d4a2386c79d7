import { formatElapsed } from '../../ui/format';
import { useNow } from '../../ui/use-now';

/** H:MM:SS since `since`, ticking every second while shown. */
export function RunningClock({ since }: { since: string }) {
  const now = useNow();
  return (
    <span className="running-clock mono" data-testid="stage-clock" role="timer">
      {formatElapsed(now - Date.parse(since))}
    </span>
  );
}
