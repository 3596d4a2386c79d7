import type { WorkingDayCalendar } from '@shared/domain/working-days';

/**
 * The working-day calendar services hold for the engine's life, re-read when the hub sends a new
 * holiday arrangement: deadlines computed after that use it, without a restart.
 */
export class ReloadableCalendar implements WorkingDayCalendar {
  constructor(
    private current: WorkingDayCalendar,
    private readonly load: () => WorkingDayCalendar,
  ) {}

  reload(): void {
    this.current = this.load();
  }

  isWorkingDay = (isoDate: string): boolean => this.current.isWorkingDay(isoDate);
  addWorkingDays = (isoDate: string, n: number): string => this.current.addWorkingDays(isoDate, n);
  workingDaysBetween = (fromIso: string, toIso: string): number =>
    this.current.workingDaysBetween(fromIso, toIso);
  coverage = (): ReturnType<WorkingDayCalendar['coverage']> => this.current.coverage();
}
