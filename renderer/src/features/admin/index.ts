export { KnowledgeImportScreen } from './KnowledgeImportScreen';
export { UsersScreen } from './UsersScreen';
export { SettingsScreen } from './SettingsScreen';
