import dayjs from 'dayjs';

/** A hub timestamp (UTC ISO) in local time, to the minute. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = dayjs(value);
  return date.isValid() ? date.format('YYYY-MM-DD HH:mm') : value;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 10 ? 0 : 1)} ${units[unit] ?? 'TB'}`;
}

/** The first characters of a hash: enough to tell two files apart at a glance. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/**
 * An enrolment code as staff read it aloud: two groups of five (`ABCDE-FGHJK`), whatever spacing
 * or case it arrived in.
 */
export function groupEnrolmentCode(code: string): string {
  const plain = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return plain.length === 10 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain;
}

/** A share as people read it: 50%, 66.7%; a dash when there is nothing to take it of. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const tenths = Math.round(share * 1000) / 10;
  return `${Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1)}%`;
}
