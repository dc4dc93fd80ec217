// The dissuasion module's public surface for other modules.
export type { WarningClosed, WarningFlagged, WarningReopened } from './events.ts';

export { markCaseIntakeTaken, pendingCaseIntakeOfWarning, type CaseIntake } from './victims-service.ts';
// The dissuasion module's public surface (minimal: what other modules use).
// The workflow of a running app is `app.dissuasion` (plugin.ts): other modules are handed it (routes) or a port of it.
export { wireDetection, type DissuasionRuntime } from './runtime.ts';
export { dissuasionPlugin } from './plugin.ts';
export type { Notice } from './notify.ts';
export type { SmsPort } from './channels.ts';
export { dissuasionFacts, visitedWarningIds, escalatedWarningIds } from './facts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { NewWarning } from '../../../contract/dissuasion.ts';
import type { ServerText } from '../../../contract/texts.ts';
import type { DissuasionRuntime } from './runtime.ts';
import { enterWarning } from './service.ts';
/** A hand-entered warning (the 96110 desk turning a call into one), through the running workflow (`app.dissuasion`). */
export async function enterManualWarning(
  rt: DissuasionRuntime,
  actor: Actor,
  input: NewWarning,
  summaryText?: ServerText,
): Promise<{ id: string | null; created: boolean }> {
  return enterWarning(rt, actor, input, 'manual', summaryText);
}
export { type AutoContactOutcome } from './sla.ts';
export { contactTimeline, type ContactTimeline } from './timeline.ts';
export { requestIntakeFromReport, type ReportedLoss } from './report-intake.ts';
