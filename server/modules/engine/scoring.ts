// Combining hits into a level and likely types. A rule counts once per warning (its strongest hit), so a
// stream of similar SMS does not inflate the score; different signals add up.
import { fraudTypeRef } from '../fraud-types/index.ts';
import type { EngineConfig } from './config.ts';
import type { Level, RuleHit, WarningView } from './types.ts';

export function scoreHits(hits: readonly RuleHit[]): number {
  const best = new Map<string, number>();
  for (const h of hits) if ((best.get(h.ruleId) ?? 0) < h.score) best.set(h.ruleId, h.score);
  let s = 0;
  for (const v of best.values()) s += v;
  return s;
}

export function levelOf(score: number, cfg: EngineConfig): Level | null {
  const l = cfg.levels;
  return score >= l.high ? 'high' : score >= l.medium ? 'medium' : score >= l.low ? 'low' : null;
}

/** Types ranked by the weight of the hits naming them (a hit's first type counts fully, later ones half). */
export function rankTypes(hits: readonly RuleHit[]): { code: string; name: string; score: number }[] {
  const acc = new Map<string, number>();
  for (const h of hits) {
    h.fraudTypes.forEach((t, i) => acc.set(t, (acc.get(t) ?? 0) + (i === 0 ? h.score : h.score / 2)));
  }
  const ranked = [...acc.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top = ranked[0]?.[1] ?? 0;
  // keep the types with real support: several are allowed, noise is not
  return ranked
    .filter(([, s]) => s >= top * 0.5)
    .slice(0, 3)
    .map(([code, s]) => ({ ...fraudTypeRef(code), score: Math.round(s) }));
}

export function warningView(hits: readonly RuleHit[], level: Level, openedAt: number): WarningView {
  const eventIds: string[] = [];
  for (const h of hits) for (const id of h.eventIds) if (id && !eventIds.includes(id)) eventIds.push(id);
  return {
    level,
    score: scoreHits(hits),
    fraudTypes: rankTypes(hits),
    hits: hits.slice(),
    eventIds: eventIds.slice(-200),
    openedAt,
  };
}
