import type { Db } from '../server/platform/db/index.ts';
import { SYSTEM_ACTOR } from '../server/platform/auth/actor.ts';
import type { Role } from '../server/platform/auth/policy.ts';
import { createUnit, ensureRoot, type Unit } from '../server/modules/org/service.ts';
import { createUser } from '../server/modules/users/service.ts';

export const USER_PASSWORD = 'Officer-pass-1234';

export interface TestOrg {
  root: Unit;
  province: Unit;
  city: Unit;
  district: Unit;
  otherDistrict: Unit;
  stationA: Unit;
  stationB: Unit;
  gridA: Unit;
  gridB: Unit;
  bank: Unit;
  branch: Unit;
  telecom: Unit;
}

/**
 * A small real organisation (河池市, two districts, a station with a grid in each, a bank branch, a telecom) and
 * one user per role, all with USER_PASSWORD: officerA/officerB (stations A and B), analyst (city),
 * districtAnalyst, leader, gridA, bank, telecom.
 */
export async function seedOrg(db: Db): Promise<TestOrg> {
  const root = await ensureRoot(db);
  const unit = (parent: Unit, kind: Parameters<typeof createUnit>[2]['kind'], name?: string, code?: string) =>
    createUnit(db, SYSTEM_ACTOR, { parentId: parent.id, kind, name, code });
  const province = await unit(root, 'province', undefined, '450000');
  const city = await unit(province, 'city', undefined, '451200');
  const district = await unit(city, 'district', undefined, '451202');
  const otherDistrict = await unit(city, 'district', undefined, '451203');
  const stationA = await unit(district, 'station', '金城江派出所', '451202001');
  const stationB = await unit(otherDistrict, 'station', '庆远派出所', '451203001');
  const gridA = await unit(stationA, 'grid', '城北社区', '451202001001');
  const gridB = await unit(stationB, 'grid', '城东社区', '451203001001');
  const bank = await unit(city, 'bank', '中国工商银行河池分行');
  const branch = await unit(bank, 'bank_branch', '工商银行金城江支行');
  const telecom = await unit(city, 'telecom', '中国移动河池分公司');
  const org = {
    root,
    province,
    city,
    district,
    otherDistrict,
    stationA,
    stationB,
    gridA,
    gridB,
    bank,
    branch,
    telecom,
  };

  const users: [string, Role, Unit][] = [
    ['officerA', 'station_officer', stationA],
    ['officerB', 'station_officer', stationB],
    ['analyst', 'center_analyst', city],
    ['districtAnalyst', 'center_analyst', district],
    ['leader', 'leader', city],
    ['gridA', 'grid_worker', gridA],
    ['bank', 'bank_liaison', branch],
    ['telecom', 'telecom_liaison', telecom],
  ];
  for (const [username, role, u] of users) {
    await createUser(db, SYSTEM_ACTOR, {
      username,
      displayName: username,
      role,
      unitId: u.id,
      password: USER_PASSWORD,
    });
  }
  return org;
}
