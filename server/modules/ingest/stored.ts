// Reading the event log back for a period (the rules backtest replays a stored period against a draft): pages in
// ingest order, each event with the id the engine knows it by (as detection gives it), so replays match decisions.
import type { Db } from '../../platform/db/index.ts';
import type { ZhiwangEvent } from '../../../contract/events.ts';
import { engineEventId } from './evidence.ts';
import { countEventsInPeriod, eventsByKeys, eventsInPeriodPage } from './repository.ts';

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

/** The texts of stored events named by their engine ids (`source/id`): SMS and report texts, parcel contents and
 *  notes, alert notes — what the script classifier reads. */
export async function storedEventTexts(db: Db, engineIds: readonly string[]): Promise<string[]> {
  const keys = engineIds
    .map((x) => ({ i: x.indexOf('/'), x }))
    .filter((k) => k.i > 0)
    .map((k) => ({ source: k.x.slice(0, k.i), extId: k.x.slice(k.i + 1) }));
  const rows = await eventsByKeys(db, keys);
  const out: string[] = [];
  for (const r of rows) {
    const p = r.payload as Record<string, unknown>;
    const t =
      r.type === 'sms' || r.type === 'report'
        ? p.text
        : r.type === 'alert'
          ? p.note
          : r.type === 'parcel'
            ? [p.contents, p.note].filter(Boolean).join('\n')
            : null;
    if (typeof t === 'string' && t.trim()) out.push(t.trim());
  }
  return out;
}
