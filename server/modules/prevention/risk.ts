// Weekly risk groups (精准宣防): who, where, against which fraud type, to warn first. Pure: the service gathers the
// signals (recent cases and warnings) and the registry's population, this ranks fraud type × age band ×
// occupation × grid and keeps the counts behind every score so an officer can see why a group is on the list.

export const AGE_BANDS = ['under_18', '18_40', '41_65', 'over_65'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(birthYear: number | null | undefined, now: Date): AgeBand | null {
  if (!birthYear) return null;
  const age = now.getUTCFullYear() - birthYear;
  if (age < 0 || age > 120) return null;
  return age < 18 ? 'under_18' : age <= 40 ? '18_40' : age <= 65 ? '41_65' : 'over_65';
}

/**
 * Published national shares (MPS figures in /work/shared/data/reference/fraud_stats_published.csv): victims aged
 * 18–40 62.1 %, 41–65 33.1 % (中通社 2024-06-25, 2023 data); 刷单返利 about 1/3 of cases and five types about 80 %
 * (央视新闻 2022-05-11). The remaining 4.8 % of victims is split between minors and over-65s; other types share
 * what the five leave. These are priors, outweighed by local counts as soon as there are any.
 */
export const NATIONAL_AGE_SHARE: Record<AgeBand, number> = { under_18: 0.02, '18_40': 0.621, '41_65': 0.331, over_65: 0.028 };
export const NATIONAL_TYPE_SHARE: Record<string, number> = {
  brushing_rebate: 1 / 3, fake_investment: 0.12, fake_loan: 0.12, fake_customer_service: 0.12, impersonate_authority: 0.1,
};
export const OTHER_TYPE_SHARE = 0.2 / 6;

/**
 * Which occupations a type targets most (~ common practice in prevention work, not an official figure: data, so a
 * centre can change it). 1 = no particular affinity.
 */
export const OCCUPATION_AFFINITY: Record<string, Record<string, number>> = {
  brushing_rebate: { 学生: 1.8, 待业: 1.6, 个体: 1.2 },
  game_trade: { 学生: 2.5 },
  fake_credit: { 学生: 2, 职员: 1.2 },
  fake_loan: { 个体: 1.6, 务工: 1.5, 待业: 1.4 },
  fake_investment: { 职员: 1.4, 退休: 1.5, 个体: 1.3 },
  impersonate_acquaintance: { 财务: 2.5, 会计: 2.5 },
  impersonate_authority: { 退休: 1.6, 学生: 1.3 },
  online_romance: { 职员: 1.3, 待业: 1.2 },
  fake_customer_service: { 职员: 1.2, 学生: 1.2 },
};

/** Occupation codes some registries use (the simulated city among them), shown and matched by their Chinese name. */
const OCCUPATION_NAMES: Record<string, string> = {
  student: '学生', retired: '退休', finance: '财务', office: '职员', self_employed: '个体', worker: '务工', farmer: '务农',
  service: '服务业', civil_servant: '公务员', teacher: '教师', unemployed: '待业', accountant: '会计',
};
export const occupationName = (o: string | null | undefined): string | null => (o ? OCCUPATION_NAMES[o] ?? o : null);

export interface Signal {
  kind: 'case' | 'warning';
  fraudType: string;
  unitId: string;
  birthYear: number | null;
  occupation: string | null;
  at: Date;
}
export interface PopulationCell { unitId: string; birthYear: number | null; occupation: string | null; n: number }

export interface GroupCounts {
  casesThisWeek: number;
  warningsThisWeek: number;
  casesPrevious4Weeks: number;
  warningsPrevious4Weeks: number;
  residents: number;
}
export interface RiskGroup {
  fraudType: string;
  ageBand: AgeBand;
  occupation?: string;
  unitId: string;
  score: number;
  rising: boolean;
  counts: GroupCounts;
}

const WEEK = 7 * 86_400_000;
const CASE_WEIGHT = 3; // a loss counts more than a warning

/**
 * Ranks the groups. A group is (type, age band, grid) from the signals, split by the occupations of the people the
 * registry lists in that grid and band. score = (local weight + national prior) × trend × occupation affinity ×
 * reach, where local weight = 3·cases + warnings this week + half the weekly mean of the four weeks before, trend =
 * this week ÷ the previous weekly mean (bounded 0.5..3), reach = log2(1 + residents in the cell).
 */
export function riskGroups(signals: Signal[], population: PopulationCell[], now: Date, opts: { limit?: number } = {}): RiskGroup[] {
  const weekStart = now.getTime() - WEEK, prevStart = now.getTime() - 5 * WEEK;
  type Acc = { fraudType: string; ageBand: AgeBand; unitId: string; cw: number; ww: number; cp: number; wp: number; occ: Map<string, number> };
  const groups = new Map<string, Acc>();
  for (const s of signals) {
    const t = s.at.getTime();
    if (t > now.getTime() || t < prevStart) continue;
    const band = ageBand(s.birthYear, now) ?? '18_40';
    const key = `${s.fraudType}|${band}|${s.unitId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { fraudType: s.fraudType, ageBand: band, unitId: s.unitId, cw: 0, ww: 0, cp: 0, wp: 0, occ: new Map() }));
    const recent = t >= weekStart;
    if (s.kind === 'case') recent ? g.cw++ : g.cp++;
    else recent ? g.ww++ : g.wp++;
    if (s.occupation && recent) g.occ.set(occupationName(s.occupation)!, (g.occ.get(s.occupation) ?? 0) + 1);
  }
  const pop = new Map<string, Map<string, number>>(); // unit|band → occupation → n
  for (const c of population) {
    const band = ageBand(c.birthYear, now);
    if (!band) continue;
    const k = `${c.unitId}|${band}`;
    const m = pop.get(k) ?? new Map<string, number>();
    const occ = occupationName(c.occupation) ?? '';
    m.set(occ, (m.get(occ) ?? 0) + c.n);
    pop.set(k, m);
  }
  const out: RiskGroup[] = [];
  for (const g of groups.values()) {
    const prior = (NATIONAL_TYPE_SHARE[g.fraudType] ?? OTHER_TYPE_SHARE) * NATIONAL_AGE_SHARE[g.ageBand] * 10;
    const recent = CASE_WEIGHT * g.cw + g.ww;
    const prevWeekly = (CASE_WEIGHT * g.cp + g.wp) / 4;
    const local = recent + prevWeekly / 2;
    const trend = Math.min(3, Math.max(0.5, (recent + 1) / (prevWeekly + 1)));
    const cells = pop.get(`${g.unitId}|${g.ageBand}`) ?? new Map<string, number>([['', 0]]);
    for (const [occupation, residents] of cells) {
      const affinity = (occupation && OCCUPATION_AFFINITY[g.fraudType]?.[occupation]) || 1;
      const reach = Math.log2(2 + residents);
      const score = Math.round((local + prior) * trend * affinity * reach * 10) / 10;
      out.push({
        fraudType: g.fraudType, ageBand: g.ageBand, ...(occupation ? { occupation } : {}), unitId: g.unitId, score, rising: trend > 1.2 && recent >= 2,
        counts: { casesThisWeek: g.cw, warningsThisWeek: g.ww, casesPrevious4Weeks: g.cp, warningsPrevious4Weeks: g.wp, residents },
      });
    }
  }
  out.sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId) || a.fraudType.localeCompare(b.fraudType) || (a.occupation ?? '').localeCompare(b.occupation ?? ''));
  return out.slice(0, opts.limit ?? 100);
}
