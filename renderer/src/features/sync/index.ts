import './sync.css';
export { SyncScreen } from './SyncScreen';
export { formatEnrolmentCode } from './hub-form-rules';
