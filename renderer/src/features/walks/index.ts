import './walks.css';
export { CoverageScreen } from './CoverageScreen';
export { RectificationsScreen } from './RectificationsScreen';
export { UnitsScreen } from './UnitsScreen';
export { UnresolvedDialog, type UnresolvedCaseContext } from './UnresolvedDialog';
export { UnresolvedScreen } from './UnresolvedScreen';
export { useOverdueCount } from './use-overdue-count';
export { WalkReportRoute, WalkRoute } from './WalkRoute';
export { WalksScreen } from './WalksScreen';
