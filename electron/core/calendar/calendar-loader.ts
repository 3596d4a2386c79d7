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
 * folder's calendar/ (brought by sync) replace those shipped in resources/ for the same year.
 */
export function loadWorkingDayCalendar(folders: string[]): WorkingDayCalendar {
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
  return createWorkingDayCalendar([...years.values()].sort((a, b) => a.year - b.year));
}
