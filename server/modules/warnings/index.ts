// The warnings module's public surface (minimal: what other modules use).
export { listWarnings, getWarning } from './service.ts';
