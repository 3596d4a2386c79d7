import './sync.css';
export { SyncScreen } from './SyncScreen';
