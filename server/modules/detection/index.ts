// The detection module's public surface: what other modules may use.
export { createDetectionRuntime } from './runtime.ts';
export type { DetectionRuntime, WarningNotice } from './runtime.ts';
