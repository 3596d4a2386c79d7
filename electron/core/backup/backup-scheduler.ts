import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { BackupStore } from './backup-store';

const DAY_MS = 24 * 60 * 60_000;
const CHECK_EVERY_MS = 60 * 60_000;
/** The first check waits until the hall's first minutes of work are under way. */
const FIRST_CHECK_MS = 60_000;

/**
 * Makes the daily backup: an hour-by-hour check that writes one when the newest is a day old.
 * A failure is logged and tried again at the next check; the work of the hall goes on.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly backups: BackupStore,
    private readonly backUp: () => void,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule(FIRST_CHECK_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Backs up now if the newest backup is a day old or there is none. */
  runIfDue(): boolean {
    const newest = this.backups.list()[0];
    const age = newest
      ? this.clock.now().getTime() - Date.parse(newest.createdAt)
      : Number.POSITIVE_INFINITY;
    if (age < DAY_MS) return false;
    try {
      this.backUp();
      return true;
    } catch (error) {
      this.logger.error('scheduled backup failed', error);
      return false;
    }
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.runIfDue();
      this.schedule(CHECK_EVERY_MS);
    }, delay);
    // A pending check never keeps the process alive on its own.
    this.timer.unref();
  }
}
