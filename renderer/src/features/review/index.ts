export { NoticeRoute, ReviewRoute } from './ReviewRoutes';
