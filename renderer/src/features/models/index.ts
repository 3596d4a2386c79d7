export { ModelsScreen } from './ModelsScreen';
