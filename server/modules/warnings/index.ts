// The warnings module's public surface for other modules.
export { listWarnings } from './service.ts';
export type { WarningOpened } from './events.ts';
