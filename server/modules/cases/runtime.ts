import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CaseOrderView } from '../../../contract/cases.ts';
import { DEFAULT_CHAIN_CONFIG, type ChainConfig } from './chain.ts';
import type { EvidenceStorage } from './storage.ts';

/** What the composition root may configure for the cases module (AppDeps.cases). */
export interface CasesOptions {
  now?: () => number;
  chain?: Partial<ChainConfig> & { limitsMs?: ChainConfig['limitsMs'] };
  /** where evidence files go: local disk by default (storage.ts), S3-compatible by configuration */
  storage?: EvidenceStorage;
  /** The orders of a case, from the orders module (its index.ts); absent = none shown. */
  ordersOfCase?: (db: Db, actor: Actor, caseId: string) => Promise<CaseOrderView[]>;
  /** The victim's warnings, from the warnings module (its index.ts); absent = none shown. */
  warningsOfVictim?: (db: Db, actor: Actor, who: { phone: string | null; idNumber: string | null }) => Promise<LinkedWarningView[]>;
}

export interface LinkedWarningView { id: string; level: string; status: string; openedAt: string; fraudTypes: { code: string; name: string }[] }

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
    chain: { filingThreshold: o.chain?.filingThreshold ?? DEFAULT_CHAIN_CONFIG.filingThreshold, limitsMs: { ...DEFAULT_CHAIN_CONFIG.limitsMs, ...o.chain?.limitsMs } },
    storage: o.storage ?? storage,
    ordersOfCase: o.ordersOfCase ?? (async () => []),
    warningsOfVictim: o.warningsOfVictim ?? (async () => []),
  };
}
