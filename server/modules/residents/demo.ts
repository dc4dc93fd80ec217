// Registers the live demo's simulated residents (server/main.ts --demo) through the ordinary import, so their
// warnings route to the station of their grid like real ones. All-or-nothing: a restart that replays the same
// city finds them registered and imports nothing.
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { importResidents } from './import.ts';

export interface DemoResident {
  name: string;
  idNumber: string;
  phone: string;
  grid: string;
  occupation: string;
}

export async function registerDemoResidents(
  db: Db,
  people: readonly DemoResident[],
): Promise<{ imported: number; alreadyRegistered: number }> {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = [
    '姓名,身份证号,手机号,网格,职业',
    ...people.map((p) => [p.name, p.idNumber, p.phone, p.grid, p.occupation].map(cell).join(',')),
  ].join('\n');
  const report = await importResidents(db, SYSTEM_ACTOR, Buffer.from(csv, 'utf8'));
  return {
    imported: report.imported,
    alreadyRegistered: report.rows.filter((r) => r.error?.includes('already')).length,
  };
}
