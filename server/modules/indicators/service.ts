// Indicator use cases: permission checks, normalisation, upsert with per-item results, audit rows in the same
// transaction as each change. The change feed for engine nodes lives in feed.ts.
import type { Db } from '../../platform/db/index.ts';
import { assertCan, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { invalid, invalidMany, notFound } from '../../platform/errors.ts';
import { audit, auditMany, type AuditEntry } from '../audit/index.ts';
import type { BulkIndicatorResponse, CheckResponse, Indicator, IndicatorQuery } from '../../../contract/indicators.ts';
import type { IndicatorKind } from '../engine/index.ts';
import { ipOfUrl } from '../engine/index.ts';
import {
  findById,
  findLive,
  insertMissing,
  iterateIndicators,
  lockIndicatorWrites,
  searchIndicators,
  tombstoneIndicator,
  upsertIndicators,
  type IndicatorFilter,
} from './repository.ts';
import { entryId, normalizeItem, normalizeValue, type IndicatorItemInput, type NormalizedIndicator } from './rules.ts';
import { BUILTIN_SOURCE, builtinAllowList } from './builtin.ts';
import { assertTopLevel } from '../org/index.ts';
import type { IndicatorRow } from './schema.ts';
import { readIndicatorFile, writeIndicatorFile } from './files.ts';

export { loadIndicators, indicatorChangesSince, currentIndicatorVersion } from './feed.ts';

export function present(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    kind: r.kind as Indicator['kind'],
    value: r.value,
    rawValue: r.rawValue,
    list: r.list as Indicator['list'],
    reason: r.reason,
    source: r.source,
    confidence: r.confidence,
    validUntil: r.validUntil?.toISOString() ?? null,
    fraudType: r.fraudType,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

/** A partner token writes under its own name unless it says otherwise; a user's entries default to 'manual'. */
const defaultSource = (actor: Actor) => (actor.kind === 'token' ? `partner:${actor.name}` : 'manual');

async function writeEntries(db: Db, actor: Actor, entries: NormalizedIndicator[], via: string) {
  return db.transaction(async (tx) => {
    await lockIndicatorWrites(tx);
    const results = await upsertIndicators(tx, entries, actor.id);
    const rows: AuditEntry[] = results.map((r, i) => ({
      action: r.status === 'created' ? 'create' : 'update',
      entityType: 'indicator',
      entityId: r.id,
      details: {
        kind: entries[i]!.kind,
        value: entries[i]!.key,
        list: entries[i]!.list,
        source: entries[i]!.source,
        via,
      },
    }));
    for (let i = 0; i < rows.length; i += 1000) await auditMany(tx, actor, rows.slice(i, i + 1000));
    return results;
  });
}

/** Bulk upsert: valid items are written, invalid ones come back with their index and reasons. */
export async function bulkUpsert(db: Db, actor: Actor, items: IndicatorItemInput[]): Promise<BulkIndicatorResponse> {
  assertCan(actor, 'indicators:write');
  const out: BulkIndicatorResponse['items'] = new Array(items.length);
  // The same entry twice in one request: the later item wins, as if sent one after the other.
  const lastIndex = new Map<string, number>();
  const valid: { index: number; value: NormalizedIndicator }[] = [];
  items.forEach((x, index) => {
    const r = normalizeItem(x, defaultSource(actor));
    if (!r.ok) out[index] = { index, status: 'rejected', problems: r.problems };
    else {
      valid.push({ index, value: r.value });
      lastIndex.set(entryId(r.value), index);
    }
  });
  const unique = valid.filter((v) => lastIndex.get(entryId(v.value)) === v.index);
  const results = unique.length
    ? await writeEntries(
        db,
        actor,
        unique.map((u) => u.value),
        'bulk',
      )
    : [];
  const byEntry = new Map(unique.map((u, i) => [entryId(u.value), results[i]!]));
  for (const v of valid) {
    const r = byEntry.get(entryId(v.value))!;
    out[v.index] = { index: v.index, status: r.status, id: r.id, value: v.value.key };
  }
  const count = (s: string) => out.filter((o) => o.status === s).length;
  return { created: count('created'), updated: count('updated'), rejected: count('rejected'), items: out };
}

/** All-or-nothing write of parsed file rows: any bad row → 400 listing every bad row, nothing written. */
/** An uploaded CSV/XLSX file of indicators: read (a file it cannot read is a 400 on `file`), then imported as rows. */
export async function importIndicatorFile(db: Db, actor: Actor, fileName: string, data: Buffer) {
  assertCan(actor, 'indicators:write');
  const parsed = await readIndicatorFile(fileName, data);
  if ('error' in parsed) throw invalid('file', parsed.error);
  return importRows(db, actor, parsed.rows, fileName);
}

export async function importRows(
  db: Db,
  actor: Actor,
  rows: { row: number; item: IndicatorItemInput }[],
  filename: string,
) {
  assertCan(actor, 'indicators:write');
  const problems: { field: string; reason: string }[] = [];
  const entries = new Map<string, NormalizedIndicator>();
  for (const { row, item } of rows) {
    const r = normalizeItem(item, 'import');
    if (!r.ok) for (const p of r.problems) problems.push({ field: `rows[${row}].${p.field}`, reason: p.reason });
    else entries.set(entryId(r.value), r.value);
  }
  if (rows.length === 0) problems.push({ field: 'file', reason: 'no data rows' });
  if (problems.length) throw invalidMany(problems.slice(0, 500));
  const list = [...entries.values()];
  const results = await db.transaction(async (tx) => {
    const res = await writeEntries(tx, actor, list, 'import');
    await audit(tx, actor, { action: 'import', entityType: 'indicator', details: { filename, rows: rows.length } });
    return res;
  });
  return {
    rows: rows.length,
    created: results.filter((r) => r.status === 'created').length,
    updated: results.filter((r) => r.status === 'updated').length,
  };
}

export async function listIndicators(db: Db, actor: Actor, q: IndicatorQuery) {
  assertCan(actor, 'indicators:read');
  const { items, total } = await searchIndicators(db, q, q.page ?? 1, q.pageSize ?? 50);
  return { items: items.map(present), total };
}

export async function deleteIndicator(db: Db, actor: Actor, id: string): Promise<void> {
  assertCan(actor, 'indicators:write');
  const existing = await findById(db, id);
  if (existing?.source === BUILTIN_SOURCE) await assertTopLevel(db, actor, 'the built-in allow-list');
  await db.transaction(async (tx) => {
    await lockIndicatorWrites(tx);
    const row = await tombstoneIndicator(tx, id, actor.id);
    if (!row) throw notFound('indicator');
    await audit(tx, actor, {
      action: 'delete',
      entityType: 'indicator',
      entityId: id,
      details: { kind: row.kind, value: row.value, list: row.list, source: row.source },
    });
  });
}

export async function getIndicator(db: Db, actor: Actor, id: string): Promise<Indicator> {
  assertCan(actor, 'indicators:read');
  const r = await findById(db, id);
  if (!r || r.deletedAt) throw notFound('indicator');
  return present(r);
}

/**
 * Is this value listed, and why? The same precedence as the engine: an allow entry wins over a block entry, an
 * expired block entry does not count, and a URL is also judged by its registrable domain or IP (fraud_url rule).
 */
export async function checkIndicator(
  db: Db,
  actor: Actor,
  kind: IndicatorKind,
  value: string,
  now = Date.now(),
): Promise<CheckResponse> {
  assertCan(actor, 'indicators:read');
  const n = normalizeValue(kind, value);
  if ('reason' in n) return { kind, key: null, status: 'none', listed: false, reason: n.reason, entries: [] };
  const rows = await findLive(db, kind, n.key);
  if (kind === 'url') {
    // as the fraud_url rule judges it: by the URL, its registrable domain, or the IP it lives on
    const ip = ipOfUrl(n.key);
    const domain = ip ? null : normalizeValue('domain', n.key.split('/')[0]!);
    if (domain && 'key' in domain) rows.push(...(await findLive(db, 'domain', domain.key)));
    if (ip) rows.push(...(await findLive(db, 'ip', ip)));
  }
  const live = (r: IndicatorRow) => !r.validUntil || r.validUntil.getTime() >= now;
  const allow = rows.find((r) => r.list === 'allow');
  const block =
    rows.find((r) => r.list === 'block' && r.kind === kind && live(r)) ??
    rows.find((r) => r.list === 'block' && live(r));
  const hit = allow ?? block;
  return {
    kind,
    key: n.key,
    status: allow ? 'allowed' : block ? 'blocked' : 'none',
    listed: rows.length > 0,
    reason: hit ? (hit.reason ?? hit.source) : rows.length ? 'block entry expired' : null,
    entries: rows.map(present),
  };
}

export type { IndicatorFilter };

/** Seeds the default allow-list once; safe to call at every start (existing and deleted seeds are left alone). */
export async function ensureBuiltinAllowList(db: Db): Promise<number> {
  const entries: NormalizedIndicator[] = [];
  for (const item of builtinAllowList()) {
    const r = normalizeItem(item, 'builtin');
    if (r.ok) entries.push(r.value);
  }
  return db.transaction(async (tx) => {
    await lockIndicatorWrites(tx);
    const n = await insertMissing(tx, entries, SYSTEM_ACTOR.id);
    if (n > 0)
      await audit(tx, SYSTEM_ACTOR, { action: 'create', entityType: 'indicator', details: { builtinAllowList: n } });
    return n;
  });
}

/** The lists as a file; the export itself is audited with its filter (lists leave the platform). */
export async function exportIndicators(
  db: Db,
  actor: Actor,
  format: 'xlsx' | 'csv',
  filter: IndicatorFilter,
): Promise<Buffer> {
  assertCan(actor, 'indicators:read');
  await audit(db, actor, { action: 'export', entityType: 'indicator', details: { format, filter } });
  return writeIndicatorFile(format, iterateIndicators(db, filter));
}
