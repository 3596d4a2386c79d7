export { VaultGate } from './VaultGate';
export { SecurityScreen } from './SecurityScreen';
