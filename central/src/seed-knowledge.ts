import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarService } from './calendar/calendar-service';
import type { PublishingService } from './knowledge/publishing-service';

/**
 * On a hub's first start, publishes the knowledge the terminals ship with, so that the hub's
 * catalogue and theirs agree and later files can refer to those matters.
 */
export async function seedKnowledge(publishing: PublishingService, dir: string): Promise<number> {
  if ((await publishing.publications()).length > 0) return 0;
  const files = readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    // Matters first: policies and Q&A refer to them.
    .sort(
      (a, b) =>
        Number(!a.startsWith('matters')) - Number(!b.startsWith('matters')) || a.localeCompare(b),
    );
  for (const name of files)
    await publishing.publish(name, readFileSync(join(dir, name), 'utf8'), 'seed');
  return files.length;
}

/** On a hub's first start, publishes the holiday arrangements the terminals ship with. */
export async function seedCalendar(calendar: CalendarService, dir: string): Promise<number> {
  if ((await calendar.years()).length > 0) return 0;
  const files = readdirSync(dir)
    .filter((name) => /^cn-\d{4}\.json$/.test(name))
    .sort();
  for (const name of files)
    await calendar.publish(JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown, 'seed');
  return files.length;
}
