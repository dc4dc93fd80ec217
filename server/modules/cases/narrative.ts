// A case's narrative for the script classifier's training (issue 15): the summary an officer wrote at intake and
// the fraud types the case was recorded with. De-identified before it leaves the module: the victim's name and
// every run of digits that could be a phone, account or ID number are masked; a person still confirms each text
// (fraud-types proposals) before it trains a model.
import type { Db } from '../../platform/db/index.ts';
import { findCase } from './repository.ts';

/** The victim's name → 某某; 5+ digits (phones, accounts, case numbers; an ID with its final X) → ****. */
export function deidentifyNarrative(text: string, names: readonly string[] = []): string {
  let t = text;
  for (const n of names) if (n && n.trim().length >= 2) t = t.split(n.trim()).join('某某');
  return t.replace(/\d{5,}[Xx]?/g, '****');
}

export async function caseNarrative(db: Db, caseId: string): Promise<{ text: string; fraudTypes: string[] } | null> {
  const c = await findCase(db, caseId);
  if (!c) return null;
  return { text: deidentifyNarrative(c.summary, [c.victimName]), fraudTypes: c.fraudTypes };
}
