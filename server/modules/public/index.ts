// The public module's public surface for other modules.
export { publicRoutes } from './routes.ts';
export { configurePublic, publicFacts } from './service.ts';
