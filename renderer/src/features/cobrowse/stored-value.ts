import { useSyncExternalStore } from 'react';

/** A small value kept in the browser's storage, that every component using it sees change. */
export interface StoredValue<T> {
  get: () => T;
  set: (value: T) => void;
  subscribe: (listener: () => void) => () => void;
}

/**
 * A JSON value under `key` of `storage` (read lazily: tests and the desktop shell have it), parsed
 * with `parse`; `fallback` when absent or unreadable. The same object is returned until it is set.
 */
export function storedValue<T>(
  storage: () => Storage,
  key: string,
  parse: (raw: unknown) => T | undefined,
  fallback: T,
): StoredValue<T> {
  const listeners = new Set<() => void>();
  let cached: { value: T } | undefined;
  const read = (): T => {
    try {
      const raw = storage().getItem(key);
      return raw === null ? fallback : (parse(JSON.parse(raw)) ?? fallback);
    } catch {
      return fallback;
    }
  };
  return {
    get: () => (cached ??= { value: read() }).value,
    set: (value) => {
      cached = { value };
      try {
        storage().setItem(key, JSON.stringify(value));
      } catch {
        // Storage full or refused: the value still holds for this page.
      }
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStoredValue<T>(store: StoredValue<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
