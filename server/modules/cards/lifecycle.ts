// The life of an Art. 31 measure (反电信网络诈骗法 第三十一条) as a pure transition function. Nothing here reads a
// clock or a database: the service passes who acts and when, and stores what this returns.
//
// proposed ─confirm(person ≠ proposer)→ in_force ─ack(partner)→ executed
//    │                                     │  ╲                     │
//  reject→ rejected                   appeal  expire             appeal / expire
//                                          ▼                        ▼
//                          appealed ─decide(upheld)→ upheld ─expire→ expired (release notice)
//                                   ─decide(revoked)→ revoked ─release(partner)→ released
//
// Only a person's confirmation moves a measure into a restricting state; the system may propose, never confirm.

export const MEASURE_KINDS = ['stop_non_counter', 'limit_functions', 'suspend_new_business', 'limit_new_lines'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_STATUSES = [
  'proposed', 'rejected', 'in_force', 'executed', 'appealed', 'upheld', 'revoked', 'released', 'expired',
] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export type ActorKind = 'user' | 'token' | 'system';

export interface MeasureState {
  status: MeasureStatus;
  proposedBy: string;
  confirmedBy: string | null;
  endsAt: Date;
}

export type MeasureEvent =
  | { type: 'confirm'; by: string; byKind: ActorKind }
  | { type: 'reject'; by: string; byKind: ActorKind }
  | { type: 'ack'; by: string; byKind: ActorKind }
  | { type: 'appeal'; by: string; byKind: ActorKind }
  | { type: 'decide'; by: string; byKind: ActorKind; upheld: boolean }
  | { type: 'release'; by: string; byKind: ActorKind }
  | { type: 'expire'; at: Date };

export type TransitionResult =
  | { ok: true; status: MeasureStatus }
  | { ok: false; reason: 'not_allowed_in_status' | 'needs_a_person' | 'same_person' | 'not_yet_due' };

/** States in which the person or card is actually restricted (partners must apply the measure). */
export const RESTRICTING: ReadonlySet<MeasureStatus> = new Set(['in_force', 'executed', 'appealed', 'upheld']);
export const restricts = (s: MeasureStatus) => RESTRICTING.has(s);
/** States nothing can leave. */
export const FINAL: ReadonlySet<MeasureStatus> = new Set(['rejected', 'released', 'expired']);

const fail = (reason: Extract<TransitionResult, { ok: false }>['reason']): TransitionResult => ({ ok: false, reason });
const to = (status: MeasureStatus): TransitionResult => ({ ok: true, status });

export function transition(s: MeasureState, e: MeasureEvent): TransitionResult {
  switch (e.type) {
    case 'confirm':
      if (s.status !== 'proposed') return fail('not_allowed_in_status');
      if (e.byKind !== 'user') return fail('needs_a_person');
      if (e.by === s.proposedBy) return fail('same_person');
      return to('in_force');
    case 'reject':
      if (s.status !== 'proposed') return fail('not_allowed_in_status');
      if (e.byKind !== 'user') return fail('needs_a_person');
      return to('rejected');
    case 'ack':
      if (s.status !== 'in_force') return fail('not_allowed_in_status');
      if (e.byKind === 'system') return fail('needs_a_person');
      return to('executed');
    case 'appeal':
      if (s.status !== 'in_force' && s.status !== 'executed') return fail('not_allowed_in_status');
      if (e.byKind === 'system') return fail('needs_a_person');
      return to('appealed');
    case 'decide':
      if (s.status !== 'appealed') return fail('not_allowed_in_status');
      if (e.byKind !== 'user') return fail('needs_a_person');
      // the appeal is decided by a third person: neither who proposed nor who confirmed the measure
      if (e.by === s.proposedBy || e.by === s.confirmedBy) return fail('same_person');
      return to(e.upheld ? 'upheld' : 'revoked');
    case 'release':
      if (s.status !== 'revoked') return fail('not_allowed_in_status');
      if (e.byKind === 'system') return fail('needs_a_person');
      return to('released');
    case 'expire':
      if (!restricts(s.status)) return fail('not_allowed_in_status');
      if (e.at.getTime() < s.endsAt.getTime()) return fail('not_yet_due');
      return to('expired');
    default:
      return assertNever(e);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled measure event ${JSON.stringify(x)}`);
}

// ── durations: 2024 joint penalty rules (联合惩戒): 3 years for the convicted, 2 years for card traders, at most 5
// consecutive years. Configurable bounds, because the numbers are policy, not physics.
export interface DurationRules {
  maxTermYears: number;
  minTermYears: number;
  maxConsecutiveYears: number;
}
export const DEFAULT_DURATION_RULES: DurationRules = { minTermYears: 2, maxTermYears: 3, maxConsecutiveYears: 5 };

const DAY = 86_400_000;
/** Calendar years after `from` (same month and day, clamped), so a 3-year term is exactly what a person reads. */
export function addYears(from: Date, years: number): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCDate() !== from.getUTCDate()) d.setUTCDate(0); // 29 Feb → 28 Feb
  return d;
}

export type DurationProblem = 'ends_before_start' | 'term_too_short' | 'term_too_long' | 'more_than_consecutive_limit';

/**
 * Checks a term [startsAt, endsAt] of a measure on one entry against the rules, given the entry's earlier
 * restricting terms of the same measure. A term that starts within a day of an earlier one's end continues it;
 * the chain from its first start to the new end must stay within maxConsecutiveYears. A day of slack on each bound
 * absorbs time zones.
 */
export function checkDuration(
  term: { startsAt: Date; endsAt: Date },
  earlier: { startsAt: Date; endsAt: Date }[],
  rules: DurationRules = DEFAULT_DURATION_RULES,
): DurationProblem | null {
  const { startsAt, endsAt } = term;
  if (endsAt.getTime() <= startsAt.getTime()) return 'ends_before_start';
  if (endsAt.getTime() < addYears(startsAt, rules.minTermYears).getTime() - DAY) return 'term_too_short';
  if (endsAt.getTime() > addYears(startsAt, rules.maxTermYears).getTime() + DAY) return 'term_too_long';
  let chainStart = startsAt;
  const sorted = [...earlier].sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime());
  for (const t of sorted) {
    if (t.endsAt.getTime() >= chainStart.getTime() - DAY && t.startsAt.getTime() < chainStart.getTime()) chainStart = t.startsAt;
  }
  if (endsAt.getTime() > addYears(chainStart, rules.maxConsecutiveYears).getTime() + DAY) return 'more_than_consecutive_limit';
  return null;
}

/** Which partner executes a measure: phone cards go to the telecom operator, bank accounts to the bank. */
export type EntryKind = 'bank_account' | 'phone';
export const partnerKindFor = (kind: EntryKind): 'bank' | 'telecom' => (kind === 'phone' ? 'telecom' : 'bank');
/** Measures that make sense per card kind (限制入网 is a telecom measure; 停止非柜面业务 a bank one). */
export const MEASURES_FOR: Record<EntryKind, readonly MeasureKind[]> = {
  bank_account: ['stop_non_counter', 'limit_functions', 'suspend_new_business'],
  phone: ['limit_functions', 'suspend_new_business', 'limit_new_lines'],
};
