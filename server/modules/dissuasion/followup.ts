import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { subjectKeyList } from '../identifiers/index.ts';
import type { Disposition } from './lifecycle.ts';

/**
 * Follow-up after a warning (跟踪回访) and the headline KPI 预警后被骗 = 0: a person who was warned and is
 * defrauded later within the follow-up period. Pure: the service feeds stored rows in and stores what comes out.
 */

const DAY = 86_400_000;

export const FollowupConfigSchema = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 365 }), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type FollowupConfig = Static<typeof FollowupConfigSchema>;
/** Seed 001 / Linzi: three months of revisits. */
export const DEFAULT_FOLLOWUP: FollowupConfig = { version: 'followup-default-1', days: [1, 7, 30, 60, 90] };

const check = Compile(FollowupConfigSchema);
export function parseFollowupConfig(
  input: unknown,
): { ok: true; config: FollowupConfig } | { ok: false; errors: string[] } {
  if (!check.Check(input))
    return { ok: false, errors: [...check.Errors(input)].map((e) => `${e.instancePath || '/'} ${e.message}`) };
  // strictly increasing: a repeated or unordered day would schedule a duplicate visit or confuse "the next one"
  for (let i = 1; i < input.days.length; i++) {
    if (input.days[i]! <= input.days[i - 1]!) return { ok: false, errors: ['/days must be strictly increasing'] };
  }
  return { ok: true, config: input };
}

export type Assignee = { kind: 'grid_worker'; id: string } | { kind: 'unit'; id: string };
export interface FollowupTask {
  warningId: string;
  seq: number;
  day: number;
  dueAt: number;
  assignee: Assignee;
  configVersion: string;
}

/**
 * One task per configured day, for the grid worker of the subject's grid; without a grid worker the unit
 * that closed the warning keeps the duty rather than the follow-up silently not happening.
 */
export function scheduleFollowups(
  w: { warningId: string; closedAt: number; unitId: string; gridWorkerId?: string | undefined },
  cfg: FollowupConfig = DEFAULT_FOLLOWUP,
): FollowupTask[] {
  const assignee: Assignee = w.gridWorkerId
    ? { kind: 'grid_worker', id: w.gridWorkerId }
    : { kind: 'unit', id: w.unitId };
  return cfg.days.map((day, i) => ({
    warningId: w.warningId,
    seq: i + 1,
    day,
    dueAt: w.closedAt + day * DAY,
    assignee,
    configVersion: cfg.version,
  }));
}

export function followupPeriodEnd(closedAt: number, cfg: FollowupConfig = DEFAULT_FOLLOWUP): number {
  return closedAt + Math.max(...cfg.days) * DAY;
}

/**
 * Identity keys of a subject, so "the same person" survives formatting differences ("+86 138-0013-8000" vs
 * "13800138000"). Resident IDs are upper-cased (the X check digit).
 */
export function subjectKeys(s: { phones?: readonly string[]; residentId?: string | undefined }): string[] {
  // the one subject key form of identifiers/keys.ts ('p:…', 'i:…'), the one warnings are keyed by
  const keys = new Set<string>();
  for (const p of s.phones ?? []) for (const k of subjectKeyList({ phone: p })) keys.add(k);
  if (s.residentId) for (const k of subjectKeyList({ idNumber: s.residentId })) keys.add(k);
  return [...keys];
}

export interface WarnedRecord {
  warningId: string;
  unitId: string;
  subjectKeys: readonly string[];
  closedAt: number;
  disposition: Disposition;
  flagged: boolean;
  followupConfig?: FollowupConfig;
}
/** Where a victim became known: a warning closed 已被骗, a case, a 96110 report, anything else recorded by hand. */
export type VictimKind = 'warning_defrauded' | 'case' | 'report_96110' | 'other';
export interface VictimEvent {
  kind: VictimKind;
  id: string;
  subjectKeys: readonly string[];
  /** when the person was defrauded (or reported it); this, not the case's filing time, is what must fall in the period */
  at: number;
}
export interface WarnedThenDefrauded {
  warningId: string;
  unitId: string;
  victimKind: VictimEvent['kind'];
  victimId: string;
  daysAfterClose: number;
  rule: string;
}

export const RULE_ID = 'followup.warned_then_defrauded.v1';

/**
 * Which earlier warnings does this victim event flag? A warning that itself closed 已被骗 does not count (the
 * person was a victim when warned, not after). A 误报 closure does count: the officer judged no risk and the
 * person was then defrauded, which is exactly the failure this KPI exists to surface.
 */
export function findWarnedThenDefrauded(event: VictimEvent, warned: readonly WarnedRecord[]): WarnedThenDefrauded[] {
  const keys = new Set(event.subjectKeys);
  const out: WarnedThenDefrauded[] = [];
  for (const w of warned) {
    if (w.flagged || w.disposition === 'defrauded') continue;
    if (event.kind === 'warning_defrauded' && event.id === w.warningId) continue;
    if (!(event.at > w.closedAt && event.at <= followupPeriodEnd(w.closedAt, w.followupConfig))) continue;
    if (!w.subjectKeys.some((k) => keys.has(k))) continue;
    out.push({
      warningId: w.warningId,
      unitId: w.unitId,
      victimKind: event.kind,
      victimId: event.id,
      daysAfterClose: Math.floor((event.at - w.closedAt) / DAY),
      rule: RULE_ID,
    });
  }
  return out;
}

/** The headline KPI per unit for a period [from, to): flags counted by when the person was defrauded. */
export function warnedThenDefraudedByUnit(
  flags: readonly { unitId: string; at: number }[],
  from: number,
  to: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of flags) if (f.at >= from && f.at < to) out[f.unitId] = (out[f.unitId] ?? 0) + 1;
  return out;
}
