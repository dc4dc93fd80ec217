// Bulk inserts whose rows travel as ONE JSON parameter (issue 10, a burst of warnings). A drizzle multi-row insert
// binds one parameter per column and row: for a batch of 50 warnings that is about a thousand parameters built,
// typed and serialised in JavaScript (on PGlite, in the same thread as everything else), which cost more than the
// database's own work. Here the rows are one JSON text that the database unpacks with jsonb_to_recordset.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './index.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** A serial column's type in a column definition list. */
const SERIAL: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };
const isJson = (c: PgColumn) => c.getSQLType() === 'json' || c.getSQLType() === 'jsonb';

/**
 * `db.insert(table).values(rows)` in one statement with one parameter, the same rows: a value left undefined takes
 * the column's `$defaultFn` (computed here, per row, as drizzle does) or its SQL default; values are encoded as
 * drizzle encodes them (`mapToDriverValue`), JSON columns embedded as they are. A column that some rows give and
 * others leave to a SQL default cannot be written this way: those rows go through drizzle's own insert.
 *
 * `suffix` is SQL after the select (e.g. `on conflict … do update …`); `returning` answers the inserted (or
 * updated) rows mapped as drizzle maps them.
 */
export async function insertJson<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  o: { suffix?: SQL; returning?: boolean } = {},
): Promise<T['$inferSelect'][]> {
  if (!rows.length) return [];
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const used = columns.filter(
    ([key, c]) => c.defaultFn !== undefined || rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  const mixed = used.some(
    ([key, c]) =>
      c.defaultFn === undefined && c.hasDefault && rows.some((r) => (r as Record<string, unknown>)[key] === undefined),
  );
  if (mixed) {
    // rare (no hot path does it): drizzle writes DEFAULT per row
    const q = db.insert(table).values(rows as never);
    return (
      o.returning ? await (q as unknown as { returning(): Promise<unknown[]> }).returning() : (await q, [])
    ) as T['$inferSelect'][];
  }
  const json = JSON.stringify(
    rows.map((r) => {
      const out: Record<string, unknown> = {};
      for (const [key, c] of used) {
        let v = (r as Record<string, unknown>)[key];
        if (v === undefined && c.defaultFn) v = c.defaultFn();
        out[c.name] = v === undefined || v === null ? null : isJson(c) || Array.isArray(v) ? v : c.mapToDriverValue(v);
      }
      return out;
    }),
  );
  const names = sql.join(
    used.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const defs = sql.raw(
    used.map(([, c]) => `"${c.name.replace(/"/g, '""')}" ${SERIAL[c.getSQLType()] ?? c.getSQLType()}`).join(', '),
  );
  const res = await db.execute(sql`
    insert into ${sql.identifier(getTableName(table))} (${names})
    select ${names} from jsonb_to_recordset(${json}::jsonb) as x(${defs})
    ${o.suffix ?? sql``}
    ${o.returning ? sql`returning *` : sql``}`);
  if (!o.returning) return [];
  return rowsOf<Record<string, unknown>>(res).map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, c] of columns) {
      const v = raw[c.name];
      row[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
    }
    return row as T['$inferSelect'];
  });
}
