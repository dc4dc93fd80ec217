// Test support: store events as they are, bypassing ingest's checks (an event stored before a check existed).
import type { ZhiwangEvent } from '../../../../contract/events.ts';
import type { Db } from '../../../platform/db/index.ts';
import { insertEvents } from '../repository.ts';
import { partitionOf } from '../validate.ts';

export async function storeUnchecked(db: Db, events: ZhiwangEvent[]): Promise<void> {
  await insertEvents(
    db,
    events.map((e) => ({
      source: e.source,
      ext_id: e.id,
      type: e.type,
      occurred_at: e.occurredAt,
      partition: partitionOf(e),
      payload: e,
    })),
  );
}
