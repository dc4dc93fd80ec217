// The dissuasion module's public surface (minimal: what other modules use).
export { runtimeFor } from './runtime.ts';
export type { SmsPort } from './channels.ts';
