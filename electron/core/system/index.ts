import type { SystemStatus } from '@shared/api';
import type { Handlers } from '../rpc/dispatcher';

export { readSystemStatus, type EngineIdentity } from './system-status';

export function systemHandlers(status: () => SystemStatus): Pick<Handlers, 'system.status'> {
  return { 'system.status': () => status() };
}
