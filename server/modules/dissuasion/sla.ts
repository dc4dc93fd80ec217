import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

/**
 * Time limits per warning level. No national response time is published (domain.md §4), so every number
 * here is deployment data: versioned, validated, never hard-coded in the workflow.
 */

export type Level = 'high' | 'medium' | 'low';
export const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

export type AutoContactOutcome = 'answered_safe' | 'answered_help' | 'busy' | 'no_answer' | 'failed';
/** What the workflow does with an auto-call result: hand to the station now, call again, or let the centre decide. */
export type AutoContactAction = 'dispatch' | 'retry' | 'review';

/** Timers a warning can carry. Each is stored by the caller (so it survives restarts) and fed back on expiry. */
export type TimerKind =
  'auto_contact' | 'call_result' | 'call_retry' | 'review' | 'route' | 'sign' | 'visit' | 'feedback';
export const TIMER_KINDS: readonly TimerKind[] = [
  'auto_contact',
  'call_result',
  'call_retry',
  'review',
  'route',
  'sign',
  'visit',
  'feedback',
];

const Ms = Type.Integer({ minimum: 1_000, maximum: 30 * 86_400_000 });
const Action = Type.Union([Type.Literal('dispatch'), Type.Literal('retry'), Type.Literal('review')]);
const LevelSla = Type.Object(
  {
    autoContactMs: Ms, // from creation to the first automatic contact attempt
    callResultMs: Ms, // gateway silence after this long counts as a failed call
    signMs: Ms, // from dispatch to the station's 签收
    visitMs: Ms, // from dispatch to face-to-face (the clock does not restart because signing was late)
    maxAutoAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
    // the limits below came later: a stored configuration without them takes the defaults of its level
    /** before the next automatic call: this long after the first failed one, doubling with each attempt */
    retryBackoffMs: Type.Optional(Ms),
    /** the centre's review of a call answered "I'm safe" (1) on a level whose policy is `review` */
    reviewMs: Type.Optional(Ms),
    /** the centre's manual routing of a warning no unit covers; repeated as a reminder while it waits */
    routeMs: Type.Optional(Ms),
    /** from the start of the face-to-face visit to the feedback that closes the warning */
    feedbackMs: Type.Optional(Ms),
    onAutoContact: Type.Object(
      { answered_safe: Action, answered_help: Action, busy: Action, no_answer: Action, failed: Action },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export const SlaConfigSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    levels: Type.Object({ high: LevelSla, medium: LevelSla, low: LevelSla }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
type LevelSlaInput = Static<typeof LevelSla>;
const LATER_FIELDS = ['retryBackoffMs', 'reviewMs', 'routeMs', 'feedbackMs'] as const;
export type LevelSla = LevelSlaInput & Required<Pick<LevelSlaInput, (typeof LATER_FIELDS)[number]>>;
export interface SlaConfig {
  version: string;
  levels: Record<Level, LevelSla>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Example defaults from the issue. A busy or unanswered call on a 高 warning dispatches at once (seed 004: the
 * line was busy because the fraudster was on it); even "I am safe" on 高 still goes to the station, because
 * the person saying so may be coached by the fraudster.
 */
export const DEFAULT_SLA: SlaConfig = {
  version: 'sla-default-1',
  levels: {
    high: {
      autoContactMs: 1 * MIN,
      callResultMs: 2 * MIN,
      signMs: 5 * MIN,
      visitMs: 30 * MIN,
      maxAutoAttempts: 1,
      retryBackoffMs: 1 * MIN,
      reviewMs: 5 * MIN,
      routeMs: 5 * MIN,
      feedbackMs: 2 * HOUR,
      onAutoContact: {
        answered_safe: 'dispatch',
        answered_help: 'dispatch',
        busy: 'dispatch',
        no_answer: 'dispatch',
        failed: 'dispatch',
      },
    },
    medium: {
      autoContactMs: 10 * MIN,
      callResultMs: 5 * MIN,
      signMs: 2 * HOUR,
      visitMs: 8 * HOUR,
      maxAutoAttempts: 3,
      retryBackoffMs: 10 * MIN,
      reviewMs: 1 * HOUR,
      routeMs: 1 * HOUR,
      feedbackMs: 24 * HOUR,
      onAutoContact: {
        answered_safe: 'review',
        answered_help: 'dispatch',
        busy: 'retry',
        no_answer: 'retry',
        failed: 'retry',
      },
    },
    low: {
      autoContactMs: 1 * HOUR,
      callResultMs: 10 * MIN,
      signMs: 24 * HOUR,
      visitMs: 72 * HOUR,
      maxAutoAttempts: 2,
      retryBackoffMs: 1 * HOUR,
      reviewMs: 8 * HOUR,
      routeMs: 8 * HOUR,
      feedbackMs: 72 * HOUR,
      onAutoContact: {
        answered_safe: 'review',
        answered_help: 'dispatch',
        busy: 'retry',
        no_answer: 'retry',
        failed: 'retry',
      },
    },
  },
};

const check = Compile(SlaConfigSchema);

export type SlaParse = { ok: true; config: SlaConfig } | { ok: false; errors: string[] };

/** A configuration stored before a limit existed takes that limit from the defaults of its level. */
export function withDefaults(c: { version: string; levels: Record<Level, LevelSlaInput> }): SlaConfig {
  const levels = {} as Record<Level, LevelSla>;
  for (const level of LEVELS) {
    const l = { ...c.levels[level] } as LevelSla;
    for (const k of LATER_FIELDS) l[k] ??= DEFAULT_SLA.levels[level][k];
    levels[level] = l;
  }
  return { version: c.version, levels };
}

/** Validate untrusted config (file, admin form). Besides shape: signing must fit inside the visit window. */
export function parseSlaConfig(input: unknown): SlaParse {
  if (!check.Check(input)) {
    return { ok: false, errors: [...check.Errors(input)].map((e) => `${e.instancePath || '/'} ${e.message}`) };
  }
  const config = withDefaults(input);
  const errors: string[] = [];
  for (const level of LEVELS) {
    const l = config.levels[level];
    if (l.signMs > l.visitMs) errors.push(`/levels/${level} signMs must not exceed visitMs`);
  }
  // a lower level must never be held to a tighter limit than a higher one, or escalation would invert
  for (const k of ['autoContactMs', 'signMs', 'visitMs', 'reviewMs', 'routeMs', 'feedbackMs'] as const) {
    if (config.levels.high[k] > config.levels.medium[k] || config.levels.medium[k] > config.levels.low[k]) {
      errors.push(`/levels ${k} must not decrease from high to low`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, config };
}

const RETRY_CAP = 24 * HOUR;

/**
 * Due time for a timer started at `startedAt`. `attempts` (automatic calls already placed) sets the retry
 * backoff: the base after the first call, doubled after each further one, never more than a day.
 */
export function timerDueAt(sla: SlaConfig, level: Level, timer: TimerKind, startedAt: number, attempts = 1): number {
  const l = sla.levels[level];
  switch (timer) {
    case 'auto_contact':
      return startedAt + l.autoContactMs;
    case 'call_result':
      return startedAt + l.callResultMs;
    case 'call_retry':
      return startedAt + Math.min(l.retryBackoffMs * 2 ** Math.max(0, attempts - 1), RETRY_CAP);
    case 'review':
      return startedAt + l.reviewMs;
    case 'route':
      return startedAt + l.routeMs;
    case 'sign':
      return startedAt + l.signMs;
    case 'visit':
      return startedAt + l.visitMs;
    case 'feedback':
      return startedAt + l.feedbackMs;
  }
}

/** A stored timer row as the repository will keep it. */
export interface StoredTimer {
  warningId: string;
  timer: TimerKind;
  dueAt: number;
  slaVersion: string;
}

/** A timer is due when now has reached dueAt (inclusive: at the deadline it is already late). */
export function isExpired(t: Pick<StoredTimer, 'dueAt'>, now: number): boolean {
  return now >= t.dueAt;
}

export interface Countdown {
  timer: TimerKind;
  dueAt: number;
  remainingMs: number;
  overdue: boolean;
}

/** For the board: remaining time per active timer, soonest first; overdue ones show negative remaining. */
export function countdown(timers: readonly Pick<StoredTimer, 'timer' | 'dueAt'>[], now: number): Countdown[] {
  return timers
    .map((t) => ({ timer: t.timer, dueAt: t.dueAt, remainingMs: t.dueAt - now, overdue: now >= t.dueAt }))
    .sort((a, b) => a.dueAt - b.dueAt);
}
