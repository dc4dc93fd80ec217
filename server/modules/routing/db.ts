import { and, eq, inArray } from 'drizzle-orm';
import { divisionName } from '../org/index.ts';
import { communityName, matchAddress, townshipOfStationName, type GazetteerStation } from './address.ts';
import type { Db } from '../../platform/db/index.ts';
import { normalizePhone } from '../identifiers/index.ts';
import { units } from '../org/schema.ts';
import { routingAreas } from './schema.ts';
import type { WarningRoute } from '../warnings/index.ts';
import { locateResident } from '../residents/index.ts';
import * as repo from './repository.ts';
import { routeWarning, type RouteResult, type RoutingPorts } from './routing.ts';

/**
 * routing.ts over the database: the resident registry (a resident belongs to a grid, the grid to its station),
 * phone 号段 → area (routing_areas), bank branch → area, area → the station (or district) with that GB/T 2260 code.
 */
export function dbRoutingPorts(db: Db): RoutingPorts {
  return {
    findResident: async (s) => {
      const r = await locateResident(db, { idNumber: s.residentId ?? null, phone: s.phone ?? null });
      return r ? { gridId: r.unitId } : null;
    },
    stationForGrid: (unitId) => stationAbove(db, unitId),
    stationForAddress: async (address) => matchAddress(address, await gazetteer(db)),
    phoneHomeArea: async (phone) => {
      const [p7, p4] = phonePrefixes(phone);
      return (await repo.areaFor(db, 'phone_prefix', p7)) ?? (await repo.areaFor(db, 'phone_prefix', p4));
    },
    stationForArea: async (code) => {
      const rows = await db
        .select({ id: units.id, kind: units.kind })
        .from(units)
        .where(and(eq(units.code, code), inArray(units.kind, ['station', 'district'])));
      return (rows.find((r) => r.kind === 'station') ?? rows[0])?.id ?? null;
    },
    branchArea: (branchId) => repo.areaFor(db, 'branch', branchId),
  };
}

/**
 * The stations with the names of their areas, from the organisation tree: the district above each station, the
 * township/street of its GB/T 2260 code (or its own name, "东兰镇派出所"), and the communities of its grids.
 */
export async function gazetteer(db: Db): Promise<GazetteerStation[]> {
  const rows = await db
    .select({ id: units.id, kind: units.kind, code: units.code, name: units.name, path: units.path })
    .from(units)
    .where(inArray(units.kind, ['district', 'station', 'grid']));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const official = (code: string | null, len: number) => (code && code.length === len ? divisionName(code) : undefined);
  const stations = rows.filter((r) => r.kind === 'station');
  return stations.map((st) => {
    const district = st.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id))
      .find((u) => u?.kind === 'district');
    const grids = rows.filter((g) => g.kind === 'grid' && g.path.startsWith(st.path));
    const set = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
    return {
      id: st.id,
      district: set([district?.name, official(district?.code ?? null, 6)]),
      streets: set([official(st.code, 9), townshipOfStationName(st.name)]),
      communities: set(
        grids.flatMap((g) => [
          communityName(g.name),
          g.code && official(g.code, 12) ? communityName(official(g.code, 12)!) : null,
        ]),
      ),
    };
  });
}

/**
 * The routing steps for a warning, kept with it so the officer sees why it landed where it did. The unit is the
 * warning's own (routing may also have fallen back to the registry grid or the centre's queue).
 */
export function routeExplanation(r: RouteResult, placed: { unitId: string; routed: boolean }): WarningRoute {
  return { steps: r.steps, via: r.routed ? r.via : null, unitId: placed.unitId, routed: placed.routed };
}

/**
 * Routes a stored warning anew, for warnings opened before the route was kept with them (warnings/service.ts
 * keeps it in the transaction that opens the warning); the answer is today's registry's, not the one at opening.
 */
export async function explainRoute(
  db: Db,
  w: {
    subject: { phone?: string; idNumber?: string; address?: string; reportingBranchId?: string };
    unitId: string;
    routed: boolean;
  },
) {
  return routeExplanation(await routeSubjectToStation(db, w.subject), w);
}

/** The 号段 keys of a phone's home area, the 7-digit one first, then the 4-digit area code. */
function phonePrefixes(phone: string): [string, string] {
  const n = normalizePhone(phone);
  const national = n.ok ? (n.national ?? phone) : phone.replace(/\D/g, '');
  return [national.slice(0, 7), national.slice(0, 4)];
}

/** The `phoneHomeArea` port for many phones in one query (routing a batch of warnings). */
export async function phoneHomeAreas(db: Db, phones: string[]): Promise<Map<string, string | null>> {
  const keys = new Map(phones.map((p) => [p, phonePrefixes(p)]));
  const all = [...new Set([...keys.values()].flat())];
  const rows = all.length
    ? await db
        .select({ key: routingAreas.key, area: routingAreas.areaCode })
        .from(routingAreas)
        .where(and(eq(routingAreas.kind, 'phone_prefix'), inArray(routingAreas.key, all)))
    : [];
  const area = new Map(rows.map((r) => [r.key, r.area]));
  return new Map([...keys].map(([p, [p7, p4]]) => [p, area.get(p7) ?? area.get(p4) ?? null]));
}

/** The station a unit lies in (itself if it is one); a unit above station level has none. */
export async function stationAbove(db: Db, unitId: string): Promise<string | null> {
  const u = (await db.select({ path: units.path }).from(units).where(eq(units.id, unitId)).limit(1))[0];
  if (!u) return null;
  const ids = u.path.split('/').filter(Boolean);
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, ids), eq(units.kind, 'station')));
  return rows[0]?.id ?? null;
}

/** `stationAbove` for many units in two queries (routing a batch of warnings). */
export async function stationsAbove(db: Db, unitIds: string[]): Promise<Map<string, string | null>> {
  const us = unitIds.length
    ? await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, unitIds))
    : [];
  const paths = new Map(us.map((u) => [u.id, u.path.split('/').filter(Boolean)]));
  const all = [...new Set([...paths.values()].flat())];
  const stations = new Set(
    all.length
      ? (
          await db
            .select({ id: units.id })
            .from(units)
            .where(and(inArray(units.id, all), eq(units.kind, 'station')))
        ).map((r) => r.id)
      : [],
  );
  return new Map(unitIds.map((id) => [id, paths.get(id)?.find((x) => stations.has(x)) ?? null]));
}

export async function routeSubjectToStation(
  db: Db,
  subject: {
    phone?: string | undefined;
    idNumber?: string | undefined;
    address?: string | undefined;
    reportingBranchId?: string | undefined;
  },
): Promise<RouteResult> {
  return routeWarning(
    {
      subject: { residentId: subject.idNumber, phone: subject.phone, address: subject.address },
      reportingBranchId: subject.reportingBranchId,
    },
    dbRoutingPorts(db),
  );
}

/** The GB/T 2260 area a phone 号段 or a bank branch routes to (null: none recorded). */
export const areaFor = (db: Db, kind: 'phone_prefix' | 'branch', key: string): Promise<string | null> =>
  repo.areaFor(db, kind, key);

/** Records (or moves) the area a phone 号段 or a bank branch routes to: the demo city's and the tests' set-up. */
export const putArea = (db: Db, kind: 'phone_prefix' | 'branch', key: string, areaCode: string): Promise<void> =>
  repo.putArea(db, kind, key, areaCode);
