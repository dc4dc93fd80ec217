// The warning's summary as codes (contract/texts.ts) beside the stored Chinese, for a reader of another language.
// Derived on reading from what is stored, so warnings opened before the codes existed get them too, and only when
// the codes say exactly what the stored summary says: anything else (a summary a person wrote, hits stored without
// codes) stays the Chinese text alone.
import { text, type ServerText } from '../../../contract/texts.ts';
import type { StoredRuleHit } from './schema.ts';

/** What a hand entry or an upstream push without a summary of its own is summarised as (dissuasion/service.ts). */
export const GENERATED_SUMMARY = { manual: '人工录入预警', upstream: '上级推送预警' } as const;
/** The rule hit's reason of such a warning. */
export const GENERATED_HIT_REASON = { manual: '人工录入', upstream: '上级推送' } as const;

/**
 * An engine warning's summary is its three strongest hits' reasons joined by "；" (detection/logic.ts
 * `toEvidence`): their codes, in the same order, when they rebuild the stored summary exactly.
 */
export function summaryTextOf(
  source: string,
  summary: string | null,
  hits: readonly StoredRuleHit[],
): ServerText[] | null {
  if (summary === null) return null;
  if (source === 'manual' || source === 'upstream') {
    if (summary === GENERATED_SUMMARY[source]) return [text(`summary.${source}`)];
    // a summary the system wrote from a person's report is also the hand entry's one hit, with its code
    const only = hits.length === 1 ? hits[0]! : null;
    return only?.text && only.reason === summary ? [only.text] : null;
  }
  if (source !== 'engine' || hits.length === 0) return null;
  const top = [...hits].sort((a, b) => b.score - a.score).slice(0, 3);
  if (top.some((h) => !h.text) || top.map((h) => h.reason).join('；') !== summary) return null;
  return top.map((h) => h.text!);
}
