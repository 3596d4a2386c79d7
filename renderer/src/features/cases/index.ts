export { CaseListScreen } from './CaseListScreen';
export { NewCaseScreen } from './NewCaseScreen';
export { CaseDetailRoute } from './CaseDetailRoute';
