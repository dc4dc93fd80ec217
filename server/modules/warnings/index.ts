// The warnings module's public surface for other modules (minimal: what they use).
export { getWarning, listWarnings } from './service.ts';
