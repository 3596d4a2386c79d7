import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useClient } from '../../app/engine-context';

/** At most one presence message this often: a pointer moving stays smooth, the relay calm. */
const PRESENCE_EVERY_MS = 50;

type Pointer = { x: number; y: number } | null;

export interface PresenceSender {
  /** Where the pointer is, as 0–1 of the workspace's width and height; null when it left. */
  pointer(pointer: Pointer): void;
  /** The field, material or point this side points at (`applicant.idNumber`, `point.R01`). */
  focus(key: string | null): void;
}

/**
 * Sends this side's pointer and highlighted item to the other side, throttled: the latest state
 * goes out at most every 50 ms. Leaving the screen (or the session ending) clears both.
 */
export function usePresence(sessionId: string, live: boolean): PresenceSender {
  const client = useClient();
  const state = useRef<{ pointer: Pointer; focus: string | null }>({ pointer: null, focus: null });
  const timer = useRef<number | undefined>(undefined);
  const lastSent = useRef(0);

  const send = useCallback(() => {
    timer.current = undefined;
    lastSent.current = Date.now();
    client.remote.presence({ sessionId, ...state.current }).catch(() => undefined);
  }, [client, sessionId]);

  const schedule = useCallback(() => {
    if (!live || timer.current !== undefined) return;
    const wait = Math.max(0, PRESENCE_EVERY_MS - (Date.now() - lastSent.current));
    timer.current = window.setTimeout(send, wait);
  }, [live, send]);

  useEffect(() => {
    if (!live) return;
    return () => {
      window.clearTimeout(timer.current);
      timer.current = undefined;
      state.current = { pointer: null, focus: null };
      client.remote.presence({ sessionId, pointer: null, focus: null }).catch(() => undefined);
    };
  }, [client, sessionId, live]);

  return useMemo(
    () => ({
      pointer: (pointer) => {
        state.current.pointer = pointer;
        schedule();
      },
      focus: (key) => {
        if (state.current.focus === key) return;
        state.current.focus = key;
        schedule();
      },
    }),
    [schedule],
  );
}
