import type { EffectiveConfig as EngineConfig } from './config.ts';
import type { IndicatorStore } from './indicators.ts';
import type { SubjectState } from './state.ts';
import type { TextFindings } from './text.ts';
import type { NormEvent, RuleHit } from './types.ts';
import type { EventType } from '../../../contract/events.ts';
import type { ServerText } from '../../../contract/texts.ts';

/**
 * A rule is a pure function of the event, the subject's state *before* this event, the indicator lists and
 * the configuration. `text` is the phrase findings of the event's text (computed once per event).
 */
export type RuleFn = (
  ev: NormEvent,
  st: SubjectState,
  ind: IndicatorStore,
  cfg: EngineConfig,
  text: TextFindings | null,
  /** hits of the rules before this one on the same event (rules run in order) */
  prior: readonly RuleHit[] | null,
) => RuleHit | null;

export interface Rule {
  id: string;
  /** event types the rule reads; the engine only calls it for these */
  on: readonly EventType[];
  /** what it detects, for the UI and docs */
  title: string;
  fn: RuleFn;
}

export function hit(
  ruleId: string,
  cfg: EngineConfig,
  ev: NormEvent,
  fraudTypes: string[],
  score: number,
  reason: string,
  /** the reason as a code and its facts, for a reader of another language (contract/texts.ts) */
  text: ServerText,
  earlier?: string[],
): RuleHit {
  const eventIds = earlier && earlier.length ? [...earlier.filter((x) => x !== ev.id), ev.id] : [ev.id];
  return { ruleId, configVersion: cfg.version, fraudTypes, score, reason, text, eventIds, t: ev.t };
}

// Plain formatting on purpose: toLocaleString goes through ICU and costs microseconds per call on the hot path.
const group = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
export const yuan = (n: number) =>
  n >= 10_000 ? `${+(n / 10_000).toFixed(2)}万元` : `${Number.isInteger(n) ? group(n) : n.toFixed(2)}元`;
export const minutes = (sec: number) => (sec >= 60 ? `${Math.round(sec / 60)}分钟` : `${sec}秒`);
export const hours = (sec: number) =>
  sec >= 3600 ? `${Math.round(sec / 360) / 10}小时` : `${Math.round(sec / 60)}分钟`;
