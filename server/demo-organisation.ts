import type { Db } from './platform/db/index.ts';
import { SYSTEM_ACTOR } from './platform/auth/actor.ts';
import type { Role } from './platform/auth/policy.ts';
import { createUser } from './modules/users/index.ts';
import { createUnit, ensureRoot, listUnitRows, villagesOf, type Unit, type UnitKind } from './modules/org/index.ts';

// The demo organisation: 河池市 (Hechi, Guangxi) — the city of seed 004 — with real GB/T 2260 codes for the
// province, city, districts, townships (stations) and communities (grids), plus the partners of a real centre.
const CITY = { province: '450000', city: '451200' };
const DISTRICTS: { code: string; stations: { street: string; name: string }[] }[] = [
  {
    code: '451202',
    stations: [
      { street: '451202001', name: '金城江派出所' },
      { street: '451202101', name: '东江派出所' },
    ],
  },
  { code: '451203', stations: [{ street: '451203001', name: '庆远派出所' }] },
  { code: '451223', stations: [{ street: '451223101', name: '凤城派出所' }] },
  { code: '451224', stations: [{ street: '451224101', name: '东兰镇派出所' }] },
];
const GRIDS_PER_STATION = 3;

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  unit: string;
}

export interface DemoResult {
  created: boolean;
  users: DemoUser[];
  units: Record<string, Unit>;
}

/** The demo city's community grids (GB/T 2260 village codes), for the live demo's simulated residents. */
export async function demoGridCodes(db: Db): Promise<string[]> {
  const root = await ensureRoot(db);
  const [city] = (await listUnitRows(db, { pathPrefix: root.path, kind: 'city' })).filter((u) => u.code === CITY.city);
  if (!city) return [];
  return (await listUnitRows(db, { pathPrefix: city.path, kind: 'grid' }))
    .map((u) => u.code)
    .filter((c): c is string => !!c);
}

/** Loads the demo organisation once; a second call finds the city and does nothing. */
export async function loadDemoOrganisation(db: Db, password: string): Promise<DemoResult> {
  const root = await ensureRoot(db);
  const existing = await listUnitRows(db, { pathPrefix: root.path, kind: 'city' });
  if (existing.some((u) => u.code === CITY.city)) return { created: false, users: [], units: {} };

  const units: Record<string, Unit> = {};
  const add = async (key: string, parent: Unit, kind: UnitKind, name?: string, code?: string) =>
    (units[key] = await createUnit(db, SYSTEM_ACTOR, { parentId: parent.id, kind, name, code }));

  const villages = villagesOf(DISTRICTS.flatMap((d) => d.stations.map((s) => s.street)));
  const province = await add('province', root, 'province', undefined, CITY.province);
  const city = await add('city', province, 'city', undefined, CITY.city);
  for (const d of DISTRICTS) {
    const district = await add(d.code, city, 'district', undefined, d.code);
    for (const s of d.stations) {
      const station = await add(s.street, district, 'station', s.name, s.street);
      for (const v of villages.get(s.street)!.slice(0, GRIDS_PER_STATION)) {
        await add(v.code, station, 'grid', v.name.replace(/居民委员会|村民委员会/, ''), v.code);
      }
    }
  }
  const icbc = await add('icbc', city, 'bank', '中国工商银行河池分行', '102-4512');
  await add('icbc-jcj', icbc, 'bank_branch', '工商银行金城江支行', '102-451202');
  await add('icbc-yz', icbc, 'bank_branch', '工商银行宜州支行', '102-451203');
  const abc = await add('abc', city, 'bank', '中国农业银行河池分行', '103-4512');
  await add('abc-dl', abc, 'bank_branch', '农业银行东兰支行', '103-451224');
  await add('cmcc', city, 'telecom', '中国移动河池分公司', 'cmcc-4512');
  await add('sf', city, 'logistics', '顺丰速运河池营业部', 'sf-4512');
  await add('school', city, 'school', '河池学院', 'hcxy');

  const firstGrid = Object.values(units).find((u) => u.kind === 'grid' && u.parentId === units['451202001']!.id)!;
  const users: DemoUser[] = [
    { username: 'leader', displayName: '市反诈联席办 领导', role: 'leader', unit: 'city' },
    { username: 'analyst', displayName: '市反诈中心 研判员', role: 'center_analyst', unit: 'city' },
    // a second person at the centre: 两卡 appeals are decided by neither the proposer nor the confirmer
    { username: 'analyst_legal', displayName: '市反诈中心 法制审核员', role: 'center_analyst', unit: 'city' },
    { username: 'district_analyst', displayName: '金城江分局 研判员', role: 'center_analyst', unit: '451202' },
    { username: 'officer_jcj', displayName: '金城江派出所 民警', role: 'station_officer', unit: '451202001' },
    { username: 'officer_dj', displayName: '东江派出所 民警', role: 'station_officer', unit: '451202101' },
    { username: 'officer_qy', displayName: '庆远派出所 民警', role: 'station_officer', unit: '451203001' },
    { username: 'officer_fs', displayName: '凤城派出所 民警', role: 'station_officer', unit: '451223101' },
    { username: 'grid_jcj', displayName: '网格员', role: 'grid_worker', unit: firstGrid.code! },
    { username: 'bank_icbc', displayName: '工行金城江支行 反诈专员', role: 'bank_liaison', unit: 'icbc-jcj' },
    { username: 'bank_abc', displayName: '农行东兰支行 反诈专员', role: 'bank_liaison', unit: 'abc-dl' },
    { username: 'telecom_cmcc', displayName: '河池移动 反诈专员', role: 'telecom_liaison', unit: 'cmcc' },
  ];
  for (const u of users) {
    await createUser(db, SYSTEM_ACTOR, {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      unitId: units[u.unit]!.id,
      password,
    });
  }
  return { created: true, users, units };
}
