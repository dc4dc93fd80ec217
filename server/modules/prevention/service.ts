import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { parseResidentId } from '../identifiers/index.ts';
import { visibleUnit } from '../org/index.ts';
import { fraudType } from '../fraud-types/index.ts';
import { listWarnings } from '../warnings/index.ts';
import { locateResident, residentPopulation, residentProfiles } from '../residents/index.ts';
import { audit } from '../audit/index.ts';
import { riskGroups, type Signal } from './risk.ts';
import * as repo from './repository.ts';

export type Clock = () => Date;
const DAY = 86_400_000;
const MAX_WARNINGS = 10_000;

/** The `case.recorded` payload fields prevention reads (events appendix of the brief). */
export interface CaseRecordedLike {
  caseId: string;
  unitId: string;
  reportedAt: string | Date;
  fraudTypes: (string | { code: string })[];
  victim: { phone?: string; phoneKey?: string; idNumberKey?: string };
}

/** Keeps what prevention needs of a recorded case; subscribe it to `case.recorded` / `case.updated`. */
export async function recordCaseSignal(db: Db, c: CaseRecordedLike): Promise<void> {
  const who = { idNumber: c.victim.idNumberKey ?? null, phone: c.victim.phoneKey ?? c.victim.phone ?? null };
  const [profile] = await residentProfiles(db, [who]);
  const id = who.idNumber ? parseResidentId(who.idNumber) : null;
  const located = profile ?? (await locateResident(db, who));
  await repo.upsertCaseSignal(db, {
    caseId: c.caseId,
    fraudTypes: c.fraudTypes.map((t) => (typeof t === 'string' ? t : t.code)),
    unitId: located?.unitId ?? c.unitId,
    residentId: profile?.id ?? null,
    birthYear: profile?.birthYear ?? (id?.ok && id.birthDate ? Number(id.birthDate.slice(0, 4)) : null),
    occupation: profile?.occupation ?? null,
    reportedAt: new Date(c.reportedAt),
  });
}

/** This week's risk groups under a unit, ranked, with the counts behind each score. */
export async function listRiskGroups(db: Db, actor: Actor, q: { unitId?: string; limit?: number }, clock: Clock) {
  assertCan(actor, 'prevention:read');
  const now = clock();
  const unit = await visibleUnit(db, actor, q.unitId ?? actor.unitId ?? '');
  const since = new Date(now.getTime() - 35 * DAY);
  // the warnings of the last five weeks under the unit, read as the platform with a stated purpose (audited there)
  const reader: Actor = {
    ...actor,
    kind: 'system',
    id: 'prevention',
    name: 'prevention',
    unitPath: unit.path,
    permissions: new Set(['warnings:read', 'personal:unmask']),
    purpose: '精准宣防：计算本周风险人群（仅统计年龄段与职业）',
  };
  const warnings = [];
  for (let page = 1; warnings.length < MAX_WARNINGS; page++) {
    const r = await listWarnings(db, reader, { from: since.toISOString(), unmask: true, page, pageSize: 500 });
    warnings.push(...r.items);
    if (r.items.length < 500) break;
  }
  const profiles = await residentProfiles(
    db,
    warnings.map((w) => ({ idNumber: w.subject.idNumber, phone: w.subject.phone })),
  );
  const byId = new Map(profiles.filter((p) => p.idNumber).map((p) => [p.idNumber!, p]));
  const byPhone = new Map(profiles.filter((p) => p.phone).map((p) => [p.phone!, p]));
  const signals: Signal[] = [];
  for (const w of warnings) {
    const p =
      (w.subject.idNumber && byId.get(w.subject.idNumber)) || (w.subject.phone && byPhone.get(w.subject.phone)) || null;
    const id = !p && w.subject.idNumber ? parseResidentId(w.subject.idNumber) : null;
    const birthYear = p?.birthYear ?? (id?.ok && id.birthDate ? Number(id.birthDate.slice(0, 4)) : null);
    for (const t of w.fraudTypes) {
      signals.push({
        kind: 'warning',
        fraudType: t.code,
        unitId: p?.unitId ?? w.unitId,
        birthYear,
        occupation: p?.occupation ?? null,
        at: new Date(w.openedAt),
      });
    }
  }
  for (const c of await repo.caseSignals(db, unit.path, since)) {
    for (const t of c.fraudTypes)
      signals.push({
        kind: 'case',
        fraudType: t,
        unitId: c.unitId,
        birthYear: c.birthYear,
        occupation: c.occupation,
        at: c.reportedAt,
      });
  }
  const groups = riskGroups(signals, await residentPopulation(db, unit.path), now, { limit: q.limit ?? 100 });
  const names = new Map((await repo.unitNames(db, unit.path)).map((u) => [u.id, u.name]));
  await audit(db, actor, {
    action: 'view',
    entityType: 'risk_groups',
    entityId: unit.id,
    details: { warnings: warnings.length, groups: groups.length },
  });
  return {
    weekEnding: now.toISOString(),
    items: groups.map((g) => ({
      ...g,
      unitName: names.get(g.unitId) ?? g.unitId,
      fraudTypeName: fraudType(g.fraudType)?.name ?? g.fraudType,
    })),
  };
}
