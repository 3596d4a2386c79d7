import type { TFunction } from 'i18next';

/** Whole minutes as 45 分钟 / 2 小时 5 分 / 3 天 4 小时 (a walk paused overnight). */
export function formatMinutes(t: TFunction, minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 1) return t('walkLabels.lessThanMinute');
  if (minutes < 60) return t('walkLabels.minutes', { count: Math.round(minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('walkLabels.hoursMinutes', { hours, minutes: Math.round(minutes % 60) });
  return t('walkLabels.daysHours', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** A running clock: H:MM:SS since the start. */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const seconds = String(total % 60).padStart(2, '0');
  return `${String(hours)}:${minutes}:${seconds}`;
}
