import type { Effect } from './lifecycle.ts';

/**
 * Where each effect of the lifecycle happens (pure, no I/O): `stored` — rows written in the transition's own
 * transaction (store.ts); `external` — the outside world after the commit (executor.ts: calls, SMS, notices);
 * `both` — a row now and a notice after the commit (a dispatch's tasks and the unit's notice). Exhaustive: a new
 * `Effect` kind fails the typecheck here until it is placed, and then in the handler table of its layer.
 */
export const EFFECT_KIND = {
  schedule_timer: 'stored',
  cancel_timer: 'stored',
  place_call: 'external',
  send_sms: 'external',
  notify_unit: 'both',
  notify_officer: 'external',
  notify_supervisor: 'external',
  queue_manual_routing: 'stored',
  mark_escalated: 'stored',
  reset_escalation: 'stored',
  open_case: 'stored',
  request_stop_payment: 'stored',
  withdraw_victim: 'stored',
  schedule_followups: 'stored',
  cancel_followups: 'stored',
} as const satisfies Record<Effect['type'], 'stored' | 'external' | 'both'>;

type Kinds = typeof EFFECT_KIND;
export type StoredEffectType = { [K in keyof Kinds]: Kinds[K] extends 'external' ? never : K }[keyof Kinds];
export type ExternalEffectType = { [K in keyof Kinds]: Kinds[K] extends 'stored' ? never : K }[keyof Kinds];
export type EffectOf<K extends Effect['type']> = Extract<Effect, { type: K }>;

export const isExternal = (e: Effect): e is EffectOf<ExternalEffectType> => EFFECT_KIND[e.type] !== 'stored';
export const isStored = (e: Effect): e is EffectOf<StoredEffectType> => EFFECT_KIND[e.type] !== 'external';

/** The effects that leave the process after the commit (in order). */
export const EXTERNAL: readonly Effect['type'][] = (Object.keys(EFFECT_KIND) as Effect['type'][]).filter(
  (k) => EFFECT_KIND[k] !== 'stored',
);
