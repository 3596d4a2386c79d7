import type { TFunction } from 'i18next';

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** A wait in the two largest units a person reads it in: 45 秒, 2 分 05 秒, 3 小时 10 分. */
export function durationParts(totalSeconds: number): {
  unit: DurationUnit;
  values: { d: number; h: number; m: number; s: string };
} {
  const whole = Math.max(0, Math.round(totalSeconds));
  const d = Math.floor(whole / 86_400);
  const h = Math.floor((whole % 86_400) / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const unit: DurationUnit = d > 0 ? 'days' : h > 0 ? 'hours' : m > 0 ? 'minutes' : 'seconds';
  return {
    unit,
    values: { d, h, m, s: unit === 'minutes' ? String(seconds).padStart(2, '0') : String(seconds) },
  };
}

/** The wait in words of the current language (`remote.duration.*`). */
export function durationText(t: TFunction, totalSeconds: number): string {
  const { unit, values } = durationParts(totalSeconds);
  return t(`remote.duration.${unit}`, values);
}
