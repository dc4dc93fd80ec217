// After-action reviews (复盘): the public surface.
export { reviewRoutes } from './routes.ts';
export { createReview, addAction, updateFindings } from './service.ts';
