// The cases module's durable event subscribers (platform/events): registered once, when the module is loaded.
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { subscribe } from '../../platform/events/index.ts';
import '../dissuasion/index.ts'; // its events.ts declares warning.closed and warning.reopened
import { caseFromWarning, withdrawCaseOfWarning } from './service.ts';

let clock: () => number = Date.now;
/** The clock the subscribers use (tests, the demo's simulated time). */
export function setSubscriberClock(now: () => number) {
  clock = now;
}

const handlers = {
  // 已被骗: the warning's intake request becomes a case, prefilled from the warning
  'warning.closed': async (
    p: { warningId: string; closedAt: string; victimised: boolean },
    { db }: { db: Parameters<typeof caseFromWarning>[0] },
  ) => {
    if (!p.victimised) return;
    await caseFromWarning(db, { ...SYSTEM_ACTOR, name: '预警转案' }, p, clock());
  },
  // the warning is reopened (no longer 已被骗): the case its closure made is withdrawn, not silently left open
  'warning.reopened': async (
    p: { warningId: string; reason: string; previousDisposition: string | null },
    { db }: { db: Parameters<typeof withdrawCaseOfWarning>[0] },
  ) => {
    await withdrawCaseOfWarning(db, { ...SYSTEM_ACTOR, name: '预警重开' }, p, clock());
  },
};

subscribe('cases.warning-intake', handlers);
