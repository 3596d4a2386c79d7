import { adminSessionSchema, type AdminSession } from '@shared/hub/admin';

const storageKey = 'bangban-hub.console.session';

export type SessionEnd = 'signedOut' | 'expired';

export interface SessionSnapshot {
  session: AdminSession | undefined;
  /** Why the last session ended, for the sign-in page to say so. */
  ended: SessionEnd | undefined;
}

/**
 * The administrator's session, kept in this tab's sessionStorage: it survives a reload but not
 * the tab, so a console left open on a shared PC does not outlive the browser window.
 */
export class SessionStore {
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage) {
    this.snapshot = { session: this.load(), ended: undefined };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  token(): string | undefined {
    return this.snapshot.session?.token;
  }

  signedIn(session: AdminSession): void {
    this.storage.setItem(storageKey, JSON.stringify(session));
    this.set({ session, ended: undefined });
  }

  end(reason: SessionEnd): void {
    this.storage.removeItem(storageKey);
    if (this.snapshot.session === undefined && this.snapshot.ended === reason) return;
    this.set({ session: undefined, ended: reason });
  }

  private set(next: SessionSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private load(): AdminSession | undefined {
    const raw = this.storage.getItem(storageKey);
    if (raw === null) return undefined;
    try {
      const parsed = adminSessionSchema.safeParse(JSON.parse(raw));
      if (parsed.success && Date.parse(parsed.data.expiresAt) > Date.now()) return parsed.data;
    } catch {
      // A damaged entry is as good as none: sign in again.
    }
    this.storage.removeItem(storageKey);
    return undefined;
  }
}
