import type { Session } from '@shared/api/auth';

const sessionTokenKey = 'bangban.sessionToken';

/** Why the renderer left the signed-in state; the sign-in screen says so. */
export type SignOutReason = 'idle' | 'expired' | 'disabled' | 'passwordChanged' | 'signedOut';

export type SessionState =
  | { status: 'resuming' }
  | { status: 'signedOut'; reason: SignOutReason | undefined }
  | { status: 'signedIn'; session: Session };

type Resume = (token: string) => Promise<Session>;

/**
 * The signed-in session of this tab. The token lives in sessionStorage (gone with the tab) so a
 * reload or an engine restart can re-attach with `auth.resume`.
 */
export class SessionStore {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly recoveredListeners = new Set<() => void>();
  private started = false;
  private recovering = false;

  constructor(
    private readonly storage: Storage,
    private readonly resume: Resume,
  ) {
    this.state = this.storedToken()
      ? { status: 'resuming' }
      : { status: 'signedOut', reason: undefined };
  }

  readonly getState = (): SessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called after the session came back by itself (see `lost`): data may need refetching. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener);
    return () => this.recoveredListeners.delete(listener);
  }

  storedToken(): string | undefined {
    return this.storage.getItem(sessionTokenKey) ?? undefined;
  }

  /** At start: pick up the session a reload left behind, if the engine still knows it. */
  start(): void {
    const token = this.storedToken();
    if (this.started || this.state.status !== 'resuming' || !token) return;
    this.started = true;
    this.resume(token).then(
      (session) => {
        this.signedIn(session);
      },
      () => {
        this.signedOut(undefined);
      },
    );
  }

  /** A new session from sign-in, setup or resume. */
  signedIn(session: Session): void {
    // `auth.touch` answers without the token: keep the one we have.
    const token = session.token || this.storedToken() || '';
    this.storage.setItem(sessionTokenKey, token);
    this.set({ status: 'signedIn', session: { ...session, token } });
  }

  /** Fresh session data (idle timeout, user) without changing the sign-in state. */
  refreshed(session: Session): void {
    if (this.state.status !== 'signedIn') return;
    this.set({ status: 'signedIn', session: { ...session, token: this.state.session.token } });
  }

  signedOut(reason: SignOutReason | undefined): void {
    this.storage.removeItem(sessionTokenKey);
    if (this.state.status === 'signedOut' && reason === undefined) return;
    this.set({ status: 'signedOut', reason });
  }

  /**
   * The engine refused the session. Idle means gone; "unauthenticated" may only mean the engine
   * restarted and this connection is new, so try one silent resume before asking to sign in.
   */
  lost(reason: 'idle' | 'expired'): void {
    if (this.state.status !== 'signedIn') return;
    const token = this.storedToken();
    if (reason === 'idle' || !token) {
      this.signedOut(reason);
      return;
    }
    if (this.recovering) return;
    this.recovering = true;
    this.resume(token)
      .then(
        (session) => {
          this.refreshed(session);
          for (const listener of this.recoveredListeners) listener();
        },
        () => {
          this.signedOut('expired');
        },
      )
      .finally(() => {
        this.recovering = false;
      });
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
