export { CopilotPanel } from './CopilotPanel';
export { CopilotScreen } from './CopilotScreen';
export { EntryDrawer } from './EntryDrawer';
export { GapsScreen } from './GapsScreen';
