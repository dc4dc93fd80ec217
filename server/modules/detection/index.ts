// The detection module's public surface: the runtime that decides the stored events (wired by the composition root).
export {
  createDetectionRuntime,
  type DetectionRuntime,
  type DetectionOptions,
  type WarningNotice,
  type BatchHook,
} from './runtime.ts';
