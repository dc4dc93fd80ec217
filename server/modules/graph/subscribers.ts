// The graph's durable subscriber (platform/events): cases and warnings arrive as events and are stored in this
// module's tables in the subscriber's transaction, exactly once (events declared by cases, warnings, dissuasion, orders).
import { dateClock, systemClock, type Clock } from '../../platform/clock.ts';
import { batched, subscribe, type Handlers } from '../../platform/events/index.ts';
import { statementFileBytes } from '../orders/index.ts';
import { onCaseRecorded, onStatementReceived, onWarningClosed, onWarningOpened, onWarningsOpened } from './service.ts';
import type { CaseRecordedPayload, StatementReceivedPayload } from './events.ts';

export const GRAPH_SUBSCRIBER = 'graph';

let clock: Clock = systemClock;
/** The clock the subscriber uses (tests, the demo's simulated time), as cases' and reviews' subscribers. */
export function setSubscriberClock(now: Clock) {
  clock = now;
}

const handlers: Handlers = {
  'case.recorded': async (p: CaseRecordedPayload, { db }: { db: Parameters<typeof onCaseRecorded>[0] }) =>
    onCaseRecorded(db, p),
  'case.updated': async (p: CaseRecordedPayload, { db }: { db: Parameters<typeof onCaseRecorded>[0] }) =>
    onCaseRecorded(db, p),
  // a burst of warnings opened together is stored in two statements (the dispatcher's batch form)
  'warning.opened': batched<'warning.opened'>(
    async (p, { db }) => onWarningOpened(db, p),
    async (ps, { db }) => onWarningsOpened(db, ps),
  ),
  // an evidence order's answer file: parsed with the bank's saved column mapping (or recognised headers)
  'statement.received': async (
    p: StatementReceivedPayload,
    { db }: { db: Parameters<typeof onStatementReceived>[0] },
  ) => {
    await onStatementReceived(
      db,
      p,
      async (fileId) => (p.orderId ? statementFileBytes(db, p.orderId, fileId) : null),
      dateClock(clock),
    );
  },
  'warning.closed': async (
    p: Parameters<typeof onWarningClosed>[1],
    { db }: { db: Parameters<typeof onWarningClosed>[0] },
  ) => onWarningClosed(db, p),
};
subscribe(GRAPH_SUBSCRIBER, handlers);
