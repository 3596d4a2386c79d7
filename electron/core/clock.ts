/** The engine's source of time, injected so lockouts and idle timeouts can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
