// The demo city's victims who report become cases with their payments (server/main.ts --demo wires it into the
// live simulation): recorded like an officer's intake a minute after the report (the city stamps reports in real
// time, so never later than now).
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { fraudType } from '../fraud-types/index.ts';
import { locateResident } from '../residents/index.ts';
import { keyIdentifier } from '../identifiers/index.ts';
import { casesContext, type CasesOptions } from './runtime.ts';
import { createCase } from './service.ts';

export interface DemoCaseReport {
  reportedAt: string;
  victim: { name: string; phone: string; idNumber?: string };
  fraudType: string;
  losses: { at: string; amount: number; toAccount?: string }[];
  /** the fraudsters' numbers, sites and apps the victim names (kept when the identifiers module can key them) */
  identifiers?: { kind: string; value: string }[];
  reference: string;
}

export async function recordDemoCase(db: Db, r: DemoCaseReport, o: CasesOptions = {}): Promise<string | null> {
  const payments = r.losses
    .filter((l) => l.toAccount)
    .map((l) => ({ paidAt: l.at, amount: l.amount, toAccount: l.toAccount!, channel: 'mobile_banking' as const }));
  if (!payments.length) return null;
  const home = await locateResident(db, { phone: r.victim.phone, idNumber: r.victim.idNumber ?? null });
  if (!home) return null; // not in the registry: no station to own the case
  const ctx = casesContext(db, { ...o, now: () => Math.min(Date.parse(r.reportedAt) + 60_000, Date.now()) });
  const c = await createCase(
    ctx,
    { ...SYSTEM_ACTOR, name: '96110 接警（演示）' },
    {
      reportedAt: r.reportedAt,
      victim: r.victim,
      fraudTypes: [fraudType(r.fraudType) ? r.fraudType : 'brushing_rebate'],
      loss: Math.round(r.losses.reduce((s, l) => s + l.amount, 0) * 100) / 100,
      summary: '演示城市受害人报案',
      payments,
      ...(r.identifiers?.length
        ? { identifiers: r.identifiers.filter((x) => keyIdentifier(x.kind, x.value).ok).slice(0, 200) }
        : {}),
      source: 'call_96110',
      reference: r.reference,
      unitId: home.unitId,
    },
  ).catch((e: unknown) => {
    // the same report again (a restart replays the city's history): already a case
    if (e instanceof AppError && e.problems.some((p) => p.reason.startsWith('duplicate'))) return null;
    throw e;
  });
  return c?.id ?? null;
}
