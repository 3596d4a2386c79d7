import { useEffect } from 'react';
import { useClient, useSessionStore } from '../../app/engine-context';
import { sessionLossOf } from '../../ui/api-error';

/** `auth.touch` at most this often while the user is active. */
const touchEveryMs = 60_000;
const checkEveryMs = 5_000;

/**
 * Signs out locally after `idleTimeoutMinutes` without a key press or pointer use, and tells the
 * engine about activity (at most once a minute) so its own idle timer restarts.
 */
export function useIdleSignOut(idleTimeoutMinutes: number): void {
  const client = useClient();
  const store = useSessionStore();

  useEffect(() => {
    const timeoutMs = idleTimeoutMinutes * 60_000;
    let lastActivity = Date.now();
    let lastTouch = Date.now();
    let touching = false;

    const touch = () => {
      touching = true;
      lastTouch = Date.now();
      void client.auth
        .touch({})
        .then(
          (session) => {
            store.refreshed(session);
          },
          (error: unknown) => {
            const loss = sessionLossOf(error);
            if (loss) store.lost(loss);
          },
        )
        .finally(() => {
          touching = false;
        });
    };

    const onActivity = () => {
      lastActivity = Date.now();
      if (!touching && lastActivity - lastTouch >= touchEveryMs) touch();
    };

    const check = () => {
      if (Date.now() - lastActivity < timeoutMs) return;
      void client.auth.signOut({}).catch(() => undefined);
      store.signedOut('idle');
    };

    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', onActivity, options);
    window.addEventListener('pointerdown', onActivity, options);
    window.addEventListener('pointermove', onActivity, options);
    window.addEventListener('wheel', onActivity, options);
    const timer = setInterval(check, checkEveryMs);
    return () => {
      window.removeEventListener('keydown', onActivity, options);
      window.removeEventListener('pointerdown', onActivity, options);
      window.removeEventListener('pointermove', onActivity, options);
      window.removeEventListener('wheel', onActivity, options);
      clearInterval(timer);
    };
  }, [client, store, idleTimeoutMinutes]);
}
