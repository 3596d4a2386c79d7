import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { sessionLossOf } from '../ui/api-error';
import { isConnectionError } from './websocket-transport';

/**
 * Reads retry only when the engine was unreachable (a typed error will not change on retry);
 * any call that finds the session gone hands over to `onSessionLost`.
 */
export function createAppQueryClient(
  onSessionLost: (reason: 'idle' | 'expired') => void,
): QueryClient {
  const onError = (error: unknown) => {
    const loss = sessionLossOf(error);
    if (loss) onSessionLost(loss);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => isConnectionError(error) && failureCount < 3,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}
