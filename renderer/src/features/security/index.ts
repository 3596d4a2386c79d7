export { VaultGate } from './VaultGate';
export { SecurityScreen } from './SecurityScreen';
export { AuditScreen } from './AuditScreen';
