import { useEffect, useState } from 'react';
import { formatElapsed } from './format-duration';

/** H:MM:SS since `since`, ticking every second while shown. */
export function RunningClock({ since }: { since: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return (
    <span className="running-clock mono" data-testid="stage-clock" role="timer">
      {formatElapsed(now - Date.parse(since))}
    </span>
  );
}
