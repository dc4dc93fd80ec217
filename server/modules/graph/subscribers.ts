// The graph's durable subscriber (platform/events): cases and warnings arrive as events and are stored in this
// module's tables in the subscriber's transaction, exactly once. case.recorded/case.updated are declared by the
// cases module; until it is merged they are not in EventMap, hence the cast (the dispatcher subscribes by name).
// statement.received (orders) is added once orders exports a way to read the answer file (index.ts).
import { subscribe, type Handlers } from '../../platform/events/index.ts';
import { onCaseRecorded, onWarningClosed, onWarningOpened } from './service.ts';
import type { CaseRecordedPayload, WarningOpenedPayload } from './events.ts';

export const GRAPH_SUBSCRIBER = 'graph';

const handlers = {
  'case.recorded': async (p: CaseRecordedPayload, { db }: { db: Parameters<typeof onCaseRecorded>[0] }) => onCaseRecorded(db, p),
  'case.updated': async (p: CaseRecordedPayload, { db }: { db: Parameters<typeof onCaseRecorded>[0] }) => onCaseRecorded(db, p),
  'warning.opened': async (p: WarningOpenedPayload, { db }: { db: Parameters<typeof onWarningOpened>[0] }) => onWarningOpened(db, p),
  'warning.closed': async (p: Parameters<typeof onWarningClosed>[1], { db }: { db: Parameters<typeof onWarningClosed>[0] }) => onWarningClosed(db, p),
};
subscribe(GRAPH_SUBSCRIBER, handlers as unknown as Handlers);
