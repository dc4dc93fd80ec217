// The dissuasion module's public surface for other modules.
import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository.ts';

export type { WarningClosed, WarningFlagged, WarningReopened } from './events.ts';

export interface CaseIntake {
  id: string;
  warningId: string;
  unitId: string;
  status: string;
  loss: number;
  note: string;
  fraudTypes: string[];
  subject: { name?: string; phone?: string; idNumber?: string; address?: string };
  requestedAt: Date;
}

/** The pending case-intake request a 已被骗 closure left for this warning (platform-internal: the caller scopes). */
export async function pendingCaseIntakeOfWarning(db: Db, warningId: string): Promise<CaseIntake | null> {
  const rows = await repo.searchCaseIntakes(db, { pathPrefix: '/', warningId, status: 'pending' });
  const r = rows[0]?.r;
  return r
    ? {
        id: r.id,
        warningId: r.warningId,
        unitId: r.unitId,
        status: r.status,
        loss: r.loss,
        note: r.note,
        fraudTypes: r.fraudTypes,
        subject: r.subject,
        requestedAt: r.requestedAt,
      }
    : null;
}

/** The case module took the request: it records the case reference (once; false when no longer pending). */
export async function markCaseIntakeTaken(db: Db, intakeId: string, caseRef: string, now: number): Promise<boolean> {
  return repo.takeCaseIntake(db, intakeId, caseRef, now);
}
// The dissuasion module's public surface (minimal: what other modules use).
// The workflow of a running app is `app.dissuasion` (plugin.ts): other modules are handed it (routes) or a port of it.
export { wireDetection, type DissuasionRuntime } from './runtime.ts';
export { dissuasionPlugin } from './plugin.ts';
export type { Notice } from './notify.ts';
export type { SmsPort } from './channels.ts';
export { dissuasionFacts, visitedWarningIds, escalatedWarningIds } from './facts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { NewWarning } from '../../../contract/dissuasion.ts';
import type { DissuasionRuntime } from './runtime.ts';
import { enterWarning } from './service.ts';
/** A hand-entered warning (the 96110 desk turning a call into one), through the running workflow (`app.dissuasion`). */
export async function enterManualWarning(
  rt: DissuasionRuntime,
  actor: Actor,
  input: NewWarning,
): Promise<{ id: string | null; created: boolean }> {
  return enterWarning(rt, actor, input, 'manual');
}
export { type AutoContactOutcome } from './sla.ts';
export { contactTimeline, type ContactTimeline } from './timeline.ts';
export { requestIntakeFromReport, type ReportedLoss } from './report-intake.ts';
