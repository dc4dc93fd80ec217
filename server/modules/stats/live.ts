// Point-in-time KPIs: figures that are a state, not a sum over days (两卡: cards under control and measures in
// force now), read from the owning module's index.ts as the caller would see them from the chosen unit. Shown with
// `snapshot: true` and no 同比/环比 (nothing was kept for earlier dates). Other modules' figures are appended to
// LIVE_KPIS the same way.
import type { Db } from '../../platform/db/index.ts';
import { can, type Actor } from '../../platform/auth/actor.ts';
import { cardStats } from '../cards/index.ts';

export interface LiveKpiSource {
  name: string;
  keys: readonly string[];
  /** The figures for the unit's subtree, or null when the caller may not read them (their cards stay hidden). */
  values(db: Db, actor: Actor, unit: { id: string; path: string }): Promise<Record<string, number> | null>;
}

export const LIVE_KPIS: LiveKpiSource[] = [
  {
    name: 'cards',
    keys: ['cards_controlled', 'card_measures_active', 'card_appeals_pending', 'card_repeat_offenders'],
    async values(db, actor, unit) {
      if (!can(actor, 'cards:read')) return null;
      // the caller looking from the chosen unit (already checked to be inside the caller's own subtree)
      const c = await cardStats(db, { ...actor, unitId: unit.id, unitPath: unit.path });
      return {
        cards_controlled: c.cardsControlled,
        card_measures_active: c.measuresActive,
        card_appeals_pending: c.appealsPending,
        card_repeat_offenders: c.repeatOffenders,
      };
    },
  },
];
