import type { User } from '@shared/api/auth';
import { useSessionState } from '../../app/engine-context';

/** The signed-in user: walk screens compare ids (the walk's leader, a rectification's verifier). */
export function useCurrentUser(): User | undefined {
  const state = useSessionState();
  return state.status === 'signedIn' ? state.session.user : undefined;
}
