// The indicators module's public surface for other modules.
export { checkIndicator } from './service.ts';
export { normalizeValue } from './rules.ts';
