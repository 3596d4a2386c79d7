import type { Handlers } from '../rpc/dispatcher';
import type { AuditLog } from './audit-log';

export { AuditLog, type AuditRecord } from './audit-log';
export { AuditRecorder } from './audit-recorder';

/**
 * The audit methods. Reading and verifying the trail are themselves audited by the recorder;
 * a print is recorded by the recorder from the call itself, so the handler has nothing to do.
 */
export function auditHandlers(
  log: AuditLog,
): Pick<Handlers, 'audit.search' | 'audit.verify' | 'audit.recordPrint'> {
  return {
    'audit.search': (input) => log.search(input),
    'audit.verify': () => log.verify(),
    'audit.recordPrint': () => ({ ok: true }),
  };
}
