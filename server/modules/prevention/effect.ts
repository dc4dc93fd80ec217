// Campaign effect, measured honestly: victimisation among the people targeted vs a holdout of the same group chosen
// at launch, as counts, rates and a 95 % confidence interval of the difference — not only a percentage. Pure.

export interface ArmCounts { people: number; victims: number }
export interface Effect {
  target: ArmCounts & { rate: number };
  holdout: ArmCounts & { rate: number };
  /** target rate − holdout rate (negative = fewer victims among those reached) */
  difference: number;
  ci95: [number, number];
  /** true when the interval excludes 0 */
  significant: boolean;
}

/** Newcombe's hybrid score interval (method 10) for a difference of two proportions: sane with zero counts. */
export function campaignEffect(target: ArmCounts, holdout: ArmCounts): Effect | null {
  if (target.people === 0 || holdout.people === 0) return null;
  const p1 = target.victims / target.people, p2 = holdout.victims / holdout.people;
  const [l1, u1] = wilson(target.victims, target.people), [l2, u2] = wilson(holdout.victims, holdout.people);
  const d = p1 - p2;
  const lo = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const hi = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    target: { ...target, rate: r(p1) }, holdout: { ...holdout, rate: r(p2) }, difference: r(d), ci95: [r(lo), r(hi)], significant: lo > 0 || hi < 0,
  };
}

/** Wilson score interval, z = 1.96. */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  const p = k / n, z2 = z * z, den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den, half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Holdout at launch: a stable pseudo-random share of the group, by a hash of campaign and person. */
export function inHoldout(campaignId: string, personId: string, share: number): boolean {
  let h = 2166136261;
  for (const ch of `${campaignId}:${personId}`) { h ^= ch.charCodeAt(0); h = Math.imul(h, 16777619); }
  return ((h >>> 0) % 10_000) / 10_000 < share;
}

/** SMS text for a campaign: no links (phishing looks the same), a sender, an opt-out, within 5 segments. */
export function checkSmsText(text: string): string | null {
  if (/(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|cn|net|org|top|xyz|cc|vip|io|me|app|info)\b)/i.test(text)) return 'no links in prevention SMS: scammers send links, we never do';
  if (text.length > 300) return 'at most 300 characters';
  if (text.trim().length < 10) return 'too short';
  return null;
}
export const OPT_OUT_SUFFIX = ' 拒收请回复TD';
