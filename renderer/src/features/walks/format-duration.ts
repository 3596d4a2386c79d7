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
