// The case chain as a pure state machine (no I/O): 接警 → 受理 → 立案 (criminal threshold, configurable) or 不予立案
// (with a reason) → 侦查 → 破案 → 移送起诉 → 结案. Every step has a configurable time limit, shown as a countdown.
import type { CaseStage } from '../../../contract/cases.ts';

export const TRANSITIONS: Readonly<Record<CaseStage, readonly CaseStage[]>> = {
  reported: ['accepted'],
  accepted: ['filed', 'not_filed'],
  filed: ['investigating'],
  not_filed: ['closed'],
  investigating: ['solved'],
  solved: ['prosecuted'],
  prosecuted: ['closed'],
  closed: [],
};

export interface ChainConfig {
  /** 立案 threshold in yuan: a loss below it is not a criminal case (¥3,000 for fraud; (~) provinces set 3,000–10,000) */
  filingThreshold: number;
  /** time allowed in each stage before the next step is due, in ms (~ configured per deployment) */
  limitsMs: Partial<Record<CaseStage, number>>;
}

const H = 3_600_000;
const D = 24 * H;

export const DEFAULT_CHAIN_CONFIG: ChainConfig = {
  filingThreshold: 3000,
  limitsMs: {
    reported: 24 * H, // 受理 the same day
    accepted: 3 * D, // 立案审查: decide within 3 days (extendable to 30 by approval)
    filed: 1 * D, // open the investigation
    investigating: 60 * D,
    solved: 30 * D,
    prosecuted: 30 * D,
  },
};

export type TransitionCheck =
  | { ok: true }
  | {
      ok: false;
      code: 'invalid_transition' | 'below_threshold' | 'reason_required' | 'before_previous_step';
      field: string;
      message: string;
    };

export interface ChainState {
  stage: CaseStage;
  stageAt: number;
  loss: number;
}

/** May the case go from its stage to `to`? Reasons are required for 不予立案; 立案 needs the loss to reach the threshold. */
export function checkTransition(
  c: ChainState,
  to: CaseStage,
  input: { at: number; reason?: string | null },
  cfg: ChainConfig,
): TransitionCheck {
  if (!TRANSITIONS[c.stage].includes(to)) {
    return {
      ok: false,
      code: 'invalid_transition',
      field: 'to',
      message: `cannot go from ${c.stage} to ${to} (allowed: ${TRANSITIONS[c.stage].join(', ') || 'none'})`,
    };
  }
  if (input.at < c.stageAt)
    return { ok: false, code: 'before_previous_step', field: 'at', message: 'is before the previous step' };
  if (to === 'not_filed' && !input.reason?.trim()) {
    return { ok: false, code: 'reason_required', field: 'reason', message: '不予立案 needs a reason' };
  }
  if (to === 'filed' && c.loss < cfg.filingThreshold) {
    return {
      ok: false,
      code: 'below_threshold',
      field: 'to',
      message: `loss ${c.loss} is below the filing threshold ${cfg.filingThreshold}: record 不予立案 with a reason`,
    };
  }
  return { ok: true };
}

export interface CountdownView {
  stage: CaseStage;
  next: CaseStage[];
  dueAt: number;
  remainingMs: number;
  overdue: boolean;
}

/** The countdown of the current stage: when the next step is due; null at the end of the chain or without a limit. */
export function countdown(
  c: Pick<ChainState, 'stage' | 'stageAt'>,
  now: number,
  cfg: ChainConfig,
): CountdownView | null {
  const next = TRANSITIONS[c.stage];
  const limit = cfg.limitsMs[c.stage];
  if (!next.length || limit === undefined) return null;
  const dueAt = c.stageAt + limit;
  return { stage: c.stage, next: [...next], dueAt, remainingMs: dueAt - now, overdue: now > dueAt };
}

/** Stages in chain order, for timelines and the web's step bar. */
export const MAIN_LINE: readonly CaseStage[] = [
  'reported',
  'accepted',
  'filed',
  'investigating',
  'solved',
  'prosecuted',
  'closed',
];

/** Is `stage` reachable from 'reported'? (every stage is; the test checks the table has no dead ends) */
export function reachable(from: CaseStage): Set<CaseStage> {
  const seen = new Set<CaseStage>([from]);
  const todo = [from];
  while (todo.length)
    for (const n of TRANSITIONS[todo.pop()!])
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
  return seen;
}
