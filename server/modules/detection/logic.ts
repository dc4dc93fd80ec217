// Pure helpers of the detection runtime: identifier keys in the engine's form, the replay window, partition
// ownership, and the mapping of an engine warning onto the warning store's evidence.
import { stateHorizonSec, type EngineConfig, type WarningView } from '../engine/index.ts';
import type { WarningEvidence } from '../warnings/index.ts';
import type { WarningSubject } from '../warnings/index.ts';
import { PARTITIONS } from '../ingest/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a validated event payload: one of many shapes (contract/events.ts)
type Payload = Record<string, any>;

export { eventKeys } from '../ingest/index.ts';

/** How far back replay must go for the state to equal the live one: the longest window of any rule, which is
 *  also how long the engine keeps an idle subject (engine/config.ts stateHorizonSec). */
export function replayWindowSec(cfg: EngineConfig): number {
  return stateHorizonSec(cfg);
}

/** Worker k of W owns the partitions p with p mod W = k; a single worker owns them all (null: no filter). */
export function ownedPartitions(worker: { index: number; count: number } | undefined): number[] | null {
  if (!worker) return null;
  if (!Number.isInteger(worker.count) || worker.count < 1 || worker.count > PARTITIONS) {
    throw new Error(`engine worker count ${worker.count}: expected 1…${PARTITIONS}`);
  }
  if (worker.count === 1) return null;
  if (!Number.isInteger(worker.index) || worker.index < 0 || worker.index >= worker.count) {
    throw new Error(`worker index ${worker.index} outside 0..${worker.count - 1}`);
  }
  const out: number[] = [];
  for (let p = worker.index; p < PARTITIONS; p += worker.count) out.push(p);
  return out;
}

export function toEvidence(
  subjectKey: string,
  subject: WarningSubject,
  w: WarningView,
  configVersion: string,
): WarningEvidence {
  const top = [...w.hits]
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((h) => h.reason);
  return {
    subjectKey,
    subject,
    level: w.level,
    score: w.score,
    fraudTypes: w.fraudTypes.map((f) => ({ code: f.code, name: f.name, score: f.score })),
    ruleHits: w.hits.map((h) => ({
      ruleId: h.ruleId,
      configVersion: h.configVersion,
      fraudTypes: h.fraudTypes,
      score: h.score,
      reason: h.reason,
      ...(h.text ? { text: h.text } : {}),
      eventIds: h.eventIds,
      at: new Date(h.t).toISOString(),
    })),
    evidenceEventIds: w.eventIds,
    summary: top.join('；'),
    configVersion,
    firstEventAt: w.hits.length ? new Date(Math.min(...w.hits.map((h) => h.t))) : undefined,
  };
}

/** The person as the partners named them, newer values winning (no personal field ever invented). */
export function mergeSubject(into: WarningSubject, p: Payload): WarningSubject {
  const s = (p.subject ?? {}) as WarningSubject;
  const out = { ...into };
  if (s.phone) out.phone = s.phone;
  if (s.idNumber) out.idNumber = s.idNumber.toUpperCase();
  if (s.account) out.account = s.account;
  else if (p.type === 'transaction' && !out.account) out.account = p.account;
  if (s.name) out.name = s.name;
  return out;
}
