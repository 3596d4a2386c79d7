import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  calendarYearSchema,
  createWorkingDayCalendar,
  type CalendarYear,
  type WorkingDayCalendar,
} from '@shared/domain/working-days';

/**
 * The working-day calendar from the yearly arrangement files (`cn-YYYY.json`). Files in the data
 * folder's calendar/ replace those shipped in resources/ for the same year, and years sent by the
 * hub replace both.
 */
export function loadWorkingDayCalendar(
  folders: string[],
  fromHub: readonly CalendarYear[] = [],
): WorkingDayCalendar {
  const years = new Map<number, CalendarYear>();
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .sort()) {
      const year = calendarYearSchema.parse(JSON.parse(readFileSync(join(folder, name), 'utf8')));
      years.set(year.year, year);
    }
  }
  // The hub's arrangement for a year replaces what was shipped: it may be a corrected one.
  for (const year of fromHub) years.set(year.year, year);
  return createWorkingDayCalendar([...years.values()].sort((a, b) => a.year - b.year));
}
