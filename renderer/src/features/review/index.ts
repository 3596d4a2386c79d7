export { ApplicationRoute, NoticeRoute, ReviewRoute } from './ReviewRoutes';
