import { ApiError } from '@shared/api';
import type { Handlers } from '../rpc/dispatcher';
import type { RetentionService } from './retention-service';

export { RetentionService, monthsBefore } from './retention-service';

export function retentionHandlers(
  retention: RetentionService,
): Pick<Handlers, 'retention.purge' | 'retention.reports'> {
  return {
    'retention.purge': (_input, { user }) => {
      if (!user) throw new ApiError('UNAUTHENTICATED');
      return retention.purge('manual', user);
    },
    'retention.reports': () => retention.reports(),
  };
}
