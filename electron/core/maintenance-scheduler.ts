import type { Logger } from './logger';

/** One piece of daily upkeep: the daily backup, the retention purge. */
export interface MaintenanceTask {
  name: string;
  isDue(): boolean;
  run(): void;
}

const CHECK_EVERY_MS = 60 * 60_000;
/** The first check waits until the hall's first minutes of work are under way. */
const FIRST_CHECK_MS = 60_000;

/**
 * Runs the engine's daily upkeep: an hour-by-hour check that runs each task that is due. A
 * failure is logged and tried again at the next check; the work of the hall goes on.
 */
export class MaintenanceScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tasks: MaintenanceTask[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.schedule(FIRST_CHECK_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs every task that is due now; the names of those that ran. */
  runDue(): string[] {
    const ran: string[] = [];
    for (const task of this.tasks) {
      try {
        if (!task.isDue()) continue;
        task.run();
        ran.push(task.name);
      } catch (error) {
        this.logger.error('maintenance task failed', error, { task: task.name });
      }
    }
    return ran;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.runDue();
      this.schedule(CHECK_EVERY_MS);
    }, delay);
    // A pending check never keeps the process alive on its own.
    this.timer.unref();
  }
}
