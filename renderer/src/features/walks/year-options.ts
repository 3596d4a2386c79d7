import { businessDate } from '@shared/domain/business-date';

/** The hall's year (Beijing calendar, as the engine counts walks), whatever the PC's zone. */
export function currentYear(now = new Date()): number {
  return Number(businessDate(now).slice(0, 4));
}

/** The years a filter offers: five back, this one and the next (plans run ahead). */
export function yearOptions(now = new Date()): number[] {
  const current = currentYear(now);
  return Array.from({ length: 7 }, (_, index) => current + 1 - index);
}
