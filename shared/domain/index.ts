export * from './business-date';
/** Pure domain rules shared by the engine, the renderer and the hub. */
export { citizenIdCheckCharacter, parseCitizenId } from './citizen-id';
export type { CitizenIdProblem, CitizenIdResult } from './citizen-id';
export {
  dayNumberFromParts,
  dayNumberToIsoDate,
  daysInMonth,
  InvalidIsoDateError,
  isIsoDate,
  isLeapYear,
  isoDateToDayNumber,
  weekdayOfDayNumber,
} from './iso-date';
export { maskAddress, maskCitizenId, maskName, maskPhone, maskUscc } from './masking';
export { organisationCodeCheckCharacter, parseUscc, usccCheckCharacter } from './uscc';
export type { UsccProblem, UsccResult } from './uscc';
export {
  CalendarDataError,
  CalendarOutOfRangeError,
  calendarYearSchema,
  createWorkingDayCalendar,
  holidaySchema,
} from './working-days';
export type { CalendarCoverage, CalendarYear, Holiday, WorkingDayCalendar } from './working-days';
export * from './password-policy';
export * from './phone';
