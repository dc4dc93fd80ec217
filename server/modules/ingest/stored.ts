// Reading the event log back for a period (the rules backtest replays a stored period against a draft): pages in
// ingest order, each event with the id the engine knows it by (as detection gives it), so replays match decisions.
import type { Db } from '../../platform/db/index.ts';
import type { ZhiwangEvent } from '../../../contract/events.ts';
import { engineEventId } from './evidence.ts';
import { countEventsInPeriod, eventsInPeriodPage } from './repository.ts';

export function countStoredEvents(db: Db, from: Date, to: Date): Promise<number> {
  return countEventsInPeriod(db, from, to);
}

/** The stored events that occurred in [from, to), page by page (`pageSize` per query). */
export async function* readStoredEvents(
  db: Db,
  from: Date,
  to: Date,
  pageSize = 5000,
): AsyncGenerator<ZhiwangEvent[], void, void> {
  let after = 0;
  for (;;) {
    const page = await eventsInPeriodPage(db, from, to, after, pageSize);
    if (!page.length) return;
    after = page[page.length - 1]!.seq;
    yield page.map((r) => {
      const p = r.payload as unknown as ZhiwangEvent;
      return { ...p, id: engineEventId(p.source, p.id) } as ZhiwangEvent;
    });
    if (page.length < pageSize) return;
  }
}
