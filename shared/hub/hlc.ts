/**
 * Hybrid logical clocks (Kulkarni et al.): a timestamp that follows the wall clock but never goes
 * back, and that always orders an event after every event its node has seen. A terminal whose
 * clock runs late still stamps its edits after the hub's changes it pulled, so a wrong wall clock
 * cannot reorder history.
 *
 * Text form `wwwwwwwwwwwwwww-ccccc-node`: zero-padded wall milliseconds and counter, so that the
 * plain string order is the clock order.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const FORMAT = /^(\d{15})-(\d{5})-([A-Za-z0-9_.:]{1,64})$/;

export const HLC_ZERO: Hlc = { wall: 0, counter: 0, node: '0' };

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.wall).padStart(WALL_DIGITS, '0')}-${String(hlc.counter).padStart(COUNTER_DIGITS, '0')}-${hlc.node}`;
}

export function parseHlc(text: string): Hlc {
  const match = FORMAT.exec(text);
  if (!match) throw new Error(`Not a hybrid logical clock value: ${text}`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] ?? '' };
}

export function isHlc(text: string): boolean {
  return FORMAT.test(text);
}

/** The clock's next value for an event of this node at wall time `now` (milliseconds). */
export function tickHlc(last: Hlc, now: number, node: string = last.node): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, node };
  return bump({ wall: last.wall, counter: last.counter + 1, node });
}

/** The clock after receiving `remote`: later than both it and everything seen before. */
export function receiveHlc(last: Hlc, remote: Hlc, now: number, node: string = last.node): Hlc {
  const wall = Math.max(last.wall, remote.wall, now);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall)
    counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return bump({ wall, counter, node });
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A counter overflow moves the clock a millisecond ahead instead of breaking the text order. */
function bump(hlc: Hlc): Hlc {
  return hlc.counter > MAX_COUNTER ? { wall: hlc.wall + 1, counter: 0, node: hlc.node } : hlc;
}
