// The indicators module's public surface for other modules (minimal: add what another module needs).
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { indicators } from './schema.ts';

/** Live allow-list entries (白名单: banks' service numbers, big platforms), normalised values as the engine keys them. */
export async function allowListedValues(db: Db): Promise<{ kind: string; value: string }[]> {
  return db
    .select({ kind: indicators.kind, value: indicators.value })
    .from(indicators)
    .where(and(eq(indicators.list, 'allow'), isNull(indicators.deletedAt)));
}
// The indicators module's public surface for other modules.
export { checkIndicator, bulkUpsert } from './service.ts';
export { normalizeValue } from './rules.ts';
export { loadIndicators, indicatorChangesSince, currentIndicatorVersion } from './service.ts';
