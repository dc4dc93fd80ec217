// The change feed engine nodes follow: load everything once, then poll for rows whose `version` moved past the
// last one seen. Tombstoned rows are removals. Pages are keyed by version so a 10M list streams in bounded memory.
import { and, asc, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { IndicatorInput, IndicatorKind, IndicatorStore, ListName } from '../engine/index.ts';
import { indicators } from './schema.ts';

const PAGE = 20_000;
// Only what the store keeps: narrower rows load markedly faster (PGlite copies every column out of WASM).
// Times come as epoch numbers, not Date objects: parsing a timestamp per row was a large share of the load time.
const FEED_COLUMNS = {
  kind: indicators.kind,
  value: indicators.value,
  list: indicators.list,
  source: indicators.source,
  reason: indicators.reason,
  confidence: indicators.confidence,
  fraudType: indicators.fraudType,
  version: indicators.version,
  validUntilMs: sql<number | null>`(extract(epoch from ${indicators.validUntil}) * 1000)::float8`,
  deleted: sql<boolean>`(${indicators.deletedAt} is not null)`,
};
type FeedRow = {
  kind: string;
  value: string;
  list: string;
  source: string;
  reason: string | null;
  confidence: number;
  fraudType: string | null;
  validUntilMs: number | null;
};

function feedInput(r: FeedRow): IndicatorInput {
  return {
    kind: r.kind as IndicatorKind,
    value: r.value,
    list: r.list as ListName,
    source: r.source,
    reason: r.reason ?? '',
    confidence: r.confidence,
    validUntil: r.validUntilMs === null ? null : Number(r.validUntilMs),
    fraudType: r.fraudType ?? undefined,
  };
}

/** The highest change version written so far (0 for an empty table). */
export async function currentIndicatorVersion(db: Db): Promise<number> {
  const [row] = await db.select({ v: sql<string | null>`max(${indicators.version})` }).from(indicators);
  return row?.v ? Number(row.v) : 0;
}

/**
 * Loads all live entries into the store and returns the change version they reflect. The version is read first:
 * a row changed meanwhile has a higher version, is skipped here and arrives through indicatorChangesSince.
 */
export async function loadIndicators(db: Db, store: IndicatorStore): Promise<number> {
  const upTo = await currentIndicatorVersion(db);
  let after = 0;
  for (;;) {
    const page = await db
      .select(FEED_COLUMNS)
      .from(indicators)
      .where(and(gt(indicators.version, after), lte(indicators.version, upTo), isNull(indicators.deletedAt)))
      .orderBy(asc(indicators.version))
      .limit(PAGE);
    for (const r of page) store.add(feedInput(r));
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.version;
  }
  return upTo;
}

/** Applies adds, updates and removals with a version above `version`; returns the new version to poll from. */
export async function indicatorChangesSince(db: Db, version: number, store: IndicatorStore): Promise<number> {
  let after = version;
  for (;;) {
    const page = await db
      .select(FEED_COLUMNS)
      .from(indicators)
      .where(gt(indicators.version, after))
      .orderBy(asc(indicators.version))
      .limit(PAGE);
    for (const r of page) {
      if (r.deleted) store.remove(r.kind as IndicatorKind, r.value, r.list as ListName);
      else store.add(feedInput(r));
    }
    if (page.length === 0) return after;
    after = page[page.length - 1]!.version;
    if (page.length < PAGE) return after;
  }
}
