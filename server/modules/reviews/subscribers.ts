// 复盘 opened by the system (platform/events, durable: once per event, in its transaction): a warning that closed
// 已被骗 or after a failed dissuasion (refused / unreachable), a warning flagged 预警后被骗, and a case recorded with a
// loss that no warning's review already covers; withdrawn again (or the reopen noted) when the warning is reopened.
// Registered when the module loads (routes.ts imports this file).
import { subscribe } from '../../platform/events/index.ts';
import '../cases/index.ts'; // its events.ts declares case.recorded
import '../dissuasion/index.ts'; // its events.ts declares warning.closed, warning.reopened and warning.flagged
import { openReviewAutomatically, withdrawAutomaticReview } from './service.ts';

let clock: () => number = Date.now;
/** The clock the subscriber uses (tests, the demo's simulated time). */
export function setReviewClock(now: () => number) {
  clock = now;
}

/** A case recorded with at least this loss (yuan) gets its review; a case from a warning has the warning's. */
export const autoReview = { caseMinLoss: 1 };

const FAILED = new Set(['defrauded', 'refused', 'unreachable']);

subscribe('reviews.auto-open', {
  'warning.closed': async (p, { db }) => {
    if (FAILED.has(p.disposition))
      await openReviewAutomatically(db, { kind: 'warning', id: p.warningId }, new Date(clock()));
  },
  // reopened: not a failure after all (yet) — the system's untouched review is withdrawn, a worked-on one notes it
  'warning.reopened': async (p, { db }) => {
    await withdrawAutomaticReview(db, p, new Date(clock()));
  },
  'warning.flagged': async (p, { db }) => {
    await openReviewAutomatically(db, { kind: 'warning', id: p.warningId }, new Date(clock()));
  },
  'case.recorded': async (p, { db }) => {
    if (p.fromWarningId || !(p.loss >= autoReview.caseMinLoss)) return;
    await openReviewAutomatically(db, { kind: 'case', id: p.caseId }, new Date(clock()));
  },
});
