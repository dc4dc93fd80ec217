/**
 * Route a warning to the station (派出所) covering the subject. Order of trust: the resident registry knows
 * where the person lives (grid first, it is maintained by the community; address second); the phone's home
 * area only says where the SIM was sold; the reporting bank branch only says where the person was seen.
 * What none of these answer goes to the centre's manual queue, never to a guessed station.
 * Pure over ports: the lookups are injected, so this runs the same against tables, a DB or test data.
 */

export interface ResidentHit {
  gridId?: string | undefined;
  address?: string | undefined;
}

export interface RoutingPorts {
  /** resident registry lookup by identity (resident ID first, then phone) */
  findResident(subject: RoutingSubject): Promise<ResidentHit | null> | ResidentHit | null;
  stationForGrid(gridId: string): Promise<string | null> | string | null;
  stationForAddress(address: string): Promise<string | null> | string | null;
  /** phone number -> administrative area code (GB/T 2260) of its home location; null when unknown */
  phoneHomeArea(phone: string): Promise<string | null> | string | null;
  /** area code -> the unit handling warnings there (e.g. the county bureau's duty station) */
  stationForArea(areaCode: string): Promise<string | null> | string | null;
  branchArea(branchId: string): Promise<string | null> | string | null;
}

export interface RoutingSubject {
  residentId?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
}
export interface RoutingInput {
  subject: RoutingSubject;
  reportingBranchId?: string | undefined;
}

export type RouteVia = 'resident_grid' | 'resident_address' | 'subject_address' | 'phone_area' | 'bank_branch';
export interface RouteStep {
  via: RouteVia;
  key: string | null;
  result: string | null;
}
export type RouteResult =
  | { routed: true; unitId: string; via: RouteVia; steps: RouteStep[] }
  | { routed: false; queue: 'centre_manual'; steps: RouteStep[] };

/** The steps taken are returned either way so the officer can see why a warning landed where it did. */
export async function routeWarning(input: RoutingInput, ports: RoutingPorts): Promise<RouteResult> {
  const steps: RouteStep[] = [];
  const attempt = async (
    via: RouteVia,
    key: string | null | undefined,
    lookup: (k: string) => Promise<string | null> | string | null,
  ) => {
    const k = key?.trim() || null;
    const result = k ? await lookup(k) : null;
    steps.push({ via, key: k, result });
    return result ? { routed: true as const, unitId: result, via, steps } : null;
  };

  const s = input.subject;
  const resident = s.residentId || s.phone ? await ports.findResident(s) : null;
  const found =
    (await attempt('resident_grid', resident?.gridId, (g) => ports.stationForGrid(g))) ??
    (await attempt('resident_address', resident?.address, (a) => ports.stationForAddress(a))) ??
    // an address given with the warning (e.g. typed in from a 96110 call) is weaker than the registry's
    (await attempt('subject_address', s.address, (a) => ports.stationForAddress(a))) ??
    (await attempt('phone_area', s.phone, async (p) => {
      const area = await ports.phoneHomeArea(p);
      return area ? ports.stationForArea(area) : null;
    })) ??
    (await attempt('bank_branch', input.reportingBranchId, async (b) => {
      const area = await ports.branchArea(b);
      return area ? ports.stationForArea(area) : null;
    }));
  return found ?? { routed: false, queue: 'centre_manual', steps };
}

/** In-memory ports over plain tables: for tests, the demo, and small deployments that load CSVs at start. */
export function tablePorts(t: {
  residents?: readonly { residentId?: string; phone?: string; gridId?: string; address?: string }[];
  grids?: Record<string, string>;
  /** address prefix -> station; the longest matching prefix wins (省市区街道 nest by prefix) */
  addressPrefixes?: Record<string, string>;
  phoneAreas?: Record<string, string>;
  areas?: Record<string, string>;
  branches?: Record<string, string>;
}): RoutingPorts {
  const prefixes = Object.entries(t.addressPrefixes ?? {}).sort((a, b) => b[0].length - a[0].length);
  return {
    findResident: (s) =>
      (s.residentId && t.residents?.find((r) => r.residentId === s.residentId)) ||
      (s.phone && t.residents?.find((r) => r.phone === s.phone)) ||
      null,
    stationForGrid: (g) => t.grids?.[g] ?? null,
    stationForAddress: (a) => prefixes.find(([p]) => a.startsWith(p))?.[1] ?? null,
    phoneHomeArea: (p) => t.phoneAreas?.[p] ?? t.phoneAreas?.[p.slice(0, 7)] ?? null, // 7-digit 号段 → area
    stationForArea: (a) => t.areas?.[a] ?? null,
    branchArea: (b) => t.branches?.[b] ?? null,
  };
}
