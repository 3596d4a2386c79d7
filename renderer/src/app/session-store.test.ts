import { describe, expect, it } from 'vitest';
import type { Session } from '@shared/api/auth';
import { ApiError } from '@shared/api/errors';
import { SessionStore } from './session-store';

class MemoryStorage implements Storage {
  private readonly values = new Map<string, string>();
  get length(): number {
    return this.values.size;
  }
  clear(): void {
    this.values.clear();
  }
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.values.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

function session(token: string): Session {
  return {
    token,
    idleTimeoutMinutes: 15,
    expiresAt: '2026-01-01T00:15:00.000Z',
    user: {
      id: 1,
      username: 'clerk',
      displayName: '李窗口',
      role: 'clerk',
      disabled: false,
      lockedUntil: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastSignInAt: null,
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SessionStore', () => {
  it('keeps the token for this tab and forgets it on sign-out', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, () => Promise.reject(new Error('unused')));
    expect(store.getState()).toEqual({ status: 'signedOut', reason: undefined });
    store.signedIn(session('a'.repeat(20)));
    expect(storage.getItem('bangban.sessionToken')).toBe('a'.repeat(20));
    // auth.touch answers without the token: the stored one stays.
    store.signedIn(session(''));
    expect(store.storedToken()).toBe('a'.repeat(20));
    store.signedOut('idle');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'idle' });
    expect(store.storedToken()).toBeUndefined();
  });

  it('resumes a session left by a reload, or falls back to sign-in', async () => {
    const storage = new MemoryStorage();
    storage.setItem('bangban.sessionToken', 'b'.repeat(20));
    const store = new SessionStore(storage, (token) => Promise.resolve(session(token)));
    expect(store.getState().status).toBe('resuming');
    store.start();
    await flush();
    expect(store.getState().status).toBe('signedIn');

    const failing = new SessionStore(storage, () =>
      Promise.reject(new ApiError('UNAUTHENTICATED')),
    );
    failing.start();
    await flush();
    expect(failing.getState()).toEqual({ status: 'signedOut', reason: undefined });
  });

  it('tries one silent resume when the engine forgets the session, and signs out when idle', async () => {
    const storage = new MemoryStorage();
    let resumes = 0;
    const store = new SessionStore(storage, (token) => {
      resumes += 1;
      return Promise.resolve(session(token));
    });
    let recovered = 0;
    store.onRecovered(() => {
      recovered += 1;
    });
    store.signedIn(session('c'.repeat(20)));
    store.lost('expired');
    store.lost('expired');
    await flush();
    expect(resumes).toBe(1);
    expect(recovered).toBe(1);
    expect(store.getState().status).toBe('signedIn');
    store.lost('idle');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'idle' });
  });
});
