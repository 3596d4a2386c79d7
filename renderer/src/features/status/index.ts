export { StatusBar } from './StatusBar';
export { useSystemStatus } from './use-system-status';
