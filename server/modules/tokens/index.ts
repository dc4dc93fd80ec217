// The tokens module's public surface for other modules.
export { activeToken, touchToken } from './service.ts';
