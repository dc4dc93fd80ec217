import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CaseOrderView } from '../../../contract/cases.ts';
import { can } from '../../platform/auth/actor.ts';
import { listWarnings } from '../warnings/index.ts';
import { DEFAULT_CHAIN_CONFIG, type ChainConfig } from './chain.ts';
import { storageFromEnv, type EvidenceStorage } from './storage.ts';

/** What the composition root may configure for the cases module (AppDeps.cases). */
export interface CasesOptions {
  now?: () => number;
  chain?: Partial<ChainConfig> & { limitsMs?: ChainConfig['limitsMs'] };
  /** where evidence files go: local disk by default (storage.ts), S3-compatible by configuration */
  storage?: EvidenceStorage;
  /** The orders of a case, from the orders module (its index.ts); absent = none shown. */
  ordersOfCase?: (db: Db, actor: Actor, caseId: string) => Promise<CaseOrderView[]>;
  /** The victim's warnings, from the warnings module (its index.ts); absent = none shown. */
  warningsOfVictim?: (
    db: Db,
    actor: Actor,
    who: { phone: string | null; idNumber: string | null },
  ) => Promise<LinkedWarningView[]>;
}

export interface LinkedWarningView {
  id: string;
  level: string;
  status: string;
  openedAt: string;
  fraudTypes: { code: string; name: string }[];
}

export interface CasesContext {
  db: Db;
  now: () => number;
  chain: ChainConfig;
  storage: EvidenceStorage | null;
  ordersOfCase: NonNullable<CasesOptions['ordersOfCase']>;
  warningsOfVictim: NonNullable<CasesOptions['warningsOfVictim']>;
}

export function casesContext(db: Db, o: CasesOptions = {}, storage: EvidenceStorage | null = null): CasesContext {
  return {
    db,
    now: o.now ?? Date.now,
    chain: {
      filingThreshold: o.chain?.filingThreshold ?? DEFAULT_CHAIN_CONFIG.filingThreshold,
      limitsMs: { ...DEFAULT_CHAIN_CONFIG.limitsMs, ...o.chain?.limitsMs },
    },
    storage: o.storage ?? storage,
    ordersOfCase: o.ordersOfCase ?? (async () => []),
    warningsOfVictim: o.warningsOfVictim ?? victimWarnings,
  };
}

/** The victim's warnings in the actor's jurisdiction (by phone and by resident ID), newest first. */
async function victimWarnings(
  db: Db,
  actor: Actor,
  who: { phone: string | null; idNumber: string | null },
): Promise<LinkedWarningView[]> {
  if (!can(actor, 'warnings:read')) return [];
  const seen = new Map<string, LinkedWarningView>();
  for (const q of [who.phone ? { phone: who.phone } : null, who.idNumber ? { idNumber: who.idNumber } : null]) {
    if (!q) continue;
    for (const w of (await listWarnings(db, actor, { ...q, pageSize: 20 })).items) {
      seen.set(w.id, { id: w.id, level: w.level, status: w.status, openedAt: w.openedAt, fraudTypes: w.fraudTypes });
    }
  }
  return [...seen.values()].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}

/**
 * From the environment (docs/operations.md): ZHIWANG_CASE_FILING_THRESHOLD (yuan, default 3000),
 * ZHIWANG_CASE_LIMIT_<STAGE>_HOURS (e.g. ZHIWANG_CASE_LIMIT_ACCEPTED_HOURS=72), evidence storage (storage.ts).
 * A bad value stops the start with the variable's name.
 */
export function casesOptionsFromEnv(env: NodeJS.ProcessEnv, dataDir: string): CasesOptions {
  const num = (name: string): number | undefined => {
    const v = env[name]?.trim();
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: a non-negative number, got "${v}"`);
    return n;
  };
  const limitsMs: ChainConfig['limitsMs'] = {};
  for (const stage of Object.keys(DEFAULT_CHAIN_CONFIG.limitsMs) as (keyof ChainConfig['limitsMs'])[]) {
    const h = num(`ZHIWANG_CASE_LIMIT_${stage.toUpperCase()}_HOURS`);
    if (h !== undefined) limitsMs[stage] = h * 3_600_000;
  }
  const threshold = num('ZHIWANG_CASE_FILING_THRESHOLD');
  return {
    chain: { ...(threshold !== undefined ? { filingThreshold: threshold } : {}), limitsMs },
    storage: storageFromEnv(env, dataDir),
  };
}
