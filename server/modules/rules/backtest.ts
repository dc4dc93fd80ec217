// Backtest (回测): replay the same events through the configuration in force and a draft, and show what would
// change — warnings gained and lost per fraud type and level, with examples — before a person publishes it.
// Pure over an event sequence; `backtestSimulation` plays a simulated city (with its ground truth, so gained and
// lost warnings are also counted on real victims).
import { createEngine, type EngineConfig, type Level, type TextAnalyzer, type TypedEvent } from '../engine/index.ts';
import { createSimulation, DEFAULT_WARMUP_DAYS } from '../simulation/index.ts';
import { fraudTypeRef } from '../fraud-types/index.ts';

const RANK: Record<Level, number> = { low: 1, medium: 2, high: 3 };
const LEVELS: Level[] = ['low', 'medium', 'high'];

export interface SubjectOutcome {
  level: Level;
  type: string | null;
  rules: string[];
  reason: string;
  at: number;
}
export interface BacktestExample {
  subject: string;
  before: Level | null;
  after: Level | null;
  type: string | null;
  rules: string[];
  reason: string;
  onVictim: boolean | null;
}
export interface BacktestRow {
  type: string;
  typeName: string;
  level: Level;
  before: number;
  after: number;
  gained: number;
  lost: number;
}
export interface BacktestResult {
  events: number;
  subjects: { before: number; after: number };
  /** per minimum level: warned subjects before/after, and (simulated city) how many of them were victims */
  byLevel: {
    level: Level;
    before: number;
    after: number;
    gained: number;
    lost: number;
    victimsBefore: number | null;
    victimsAfter: number | null;
  }[];
  rows: BacktestRow[];
  gained: BacktestExample[];
  lost: BacktestExample[];
}

/** The text analyzers of the two sides (a draft script model against the published one); absent = the model in use. */
export interface BacktestTexts {
  current?: TextAnalyzer;
  draft?: TextAnalyzer;
}

/** The strongest warning each subject reached under one configuration, fed event by event. */
function createReplay(cfg: EngineConfig, text?: TextAnalyzer) {
  const engine = createEngine(text ? { config: cfg, text } : { config: cfg });
  const outcomes = new Map<string, SubjectOutcome>();
  function keep(sid: string, o: SubjectOutcome) {
    const prev = outcomes.get(sid);
    if (
      !prev ||
      RANK[o.level] > RANK[prev.level] ||
      (RANK[o.level] === RANK[prev.level] && o.rules.length > prev.rules.length)
    )
      outcomes.set(sid, o);
  }
  return {
    feed(e: TypedEvent): void {
      const d = engine.decide(e);
      for (const m of d.mergedSubjectIds) {
        const o = outcomes.get(m);
        if (o) {
          outcomes.delete(m);
          keep(d.subjectId, o);
        }
      }
      if (!d.warning || (d.action !== 'open' && d.action !== 'raise' && d.action !== 'update')) return;
      const w = d.warning;
      keep(d.subjectId, {
        level: w.level,
        type: w.fraudTypes[0]?.code ?? null,
        rules: [...new Set(w.hits.map((h) => h.ruleId))],
        reason: w.hits.reduce((a, h) => (h.score > a.score ? h : a)).reason,
        at: Date.parse(e.occurredAt),
      });
    },
    outcomes,
    subjectOf: (k: string) => engine.subjectOf(k),
  };
}
type Replay = ReturnType<typeof createReplay>;

function replay(cfg: EngineConfig, events: Iterable<TypedEvent>, text?: TextAnalyzer): Replay {
  const r = createReplay(cfg, text);
  for (const e of events) r.feed(e);
  return r;
}

/** Masks the digits of a subject id for display (p:13812345678 → p:138****5678). */
export const maskSubject = (s: string) => s.replace(/(\d{3})\d+(\d{4})/, (_, a: string, b: string) => `${a}****${b}`);

export function backtest(
  current: EngineConfig,
  draft: EngineConfig,
  events: readonly TypedEvent[],
  victims?: { keys: string[] },
  maxExamples = 10,
  texts: BacktestTexts = {},
): BacktestResult {
  return compare(
    replay(current, events, texts.current),
    replay(draft, events, texts.draft),
    events.length,
    victims,
    maxExamples,
  );
}

function compare(
  a: Replay,
  b: Replay,
  eventCount: number,
  victims: { keys: string[] } | undefined,
  maxExamples: number,
): BacktestResult {
  const victimOf = (r: typeof a) =>
    victims ? new Set(victims.keys.map((k) => r.subjectOf(k)).filter((x): x is string => x !== null)) : null;
  const va = victimOf(a),
    vb = victimOf(b);
  const subjects = new Set([...a.outcomes.keys(), ...b.outcomes.keys()]);
  const rows = new Map<string, BacktestRow>();
  const row = (type: string | null, level: Level) => {
    const t = type ?? '';
    const k = `${t}|${level}`;
    return (
      rows.get(k) ??
      rows
        .set(k, {
          type: t,
          typeName: t ? fraudTypeRef(t).name : '（未定类型）',
          level,
          before: 0,
          after: 0,
          gained: 0,
          lost: 0,
        })
        .get(k)!
    );
  };
  const byLevel = LEVELS.map((level) => ({
    level,
    before: 0,
    after: 0,
    gained: 0,
    lost: 0,
    victimsBefore: va ? 0 : null,
    victimsAfter: vb ? 0 : null,
  }));
  const gained: BacktestExample[] = [],
    lost: BacktestExample[] = [];
  for (const s of [...subjects].sort()) {
    const x = a.outcomes.get(s),
      y = b.outcomes.get(s);
    LEVELS.forEach((level, i) => {
      const inA = !!x && RANK[x.level] >= RANK[level],
        inB = !!y && RANK[y.level] >= RANK[level];
      const L = byLevel[i]!;
      if (inA) {
        L.before++;
        row(x!.type, level).before++;
        if (va?.has(s)) L.victimsBefore!++;
      }
      if (inB) {
        L.after++;
        row(y!.type, level).after++;
        if (vb?.has(s)) L.victimsAfter!++;
      }
      if (inB && !inA) {
        L.gained++;
        row(y!.type, level).gained++;
      }
      if (inA && !inB) {
        L.lost++;
        row(x!.type, level).lost++;
      }
    });
    const ra = x ? RANK[x.level] : 0,
      rb = y ? RANK[y.level] : 0;
    if (ra === rb) continue;
    const o = (rb > ra ? y : x)!;
    const ex: BacktestExample = {
      subject: maskSubject(s),
      before: x?.level ?? null,
      after: y?.level ?? null,
      type: o.type,
      rules: o.rules,
      reason: o.reason,
      onVictim: va || vb ? va?.has(s) || vb?.has(s) || false : null,
    };
    (rb > ra ? gained : lost).push(ex);
  }
  // most telling first: the biggest level change
  const order = (e: BacktestExample) => -Math.abs((e.after ? RANK[e.after] : 0) - (e.before ? RANK[e.before] : 0));
  return {
    events: eventCount,
    subjects: { before: a.outcomes.size, after: b.outcomes.size },
    byLevel,
    rows: [...rows.values()]
      .filter((r) => r.gained || r.lost || r.before || r.after)
      .sort((p, q) => (p.type < q.type ? -1 : p.type > q.type ? 1 : RANK[p.level] - RANK[q.level])),
    gained: gained.sort((p, q) => order(p) - order(q)).slice(0, maxExamples),
    lost: lost.sort((p, q) => order(p) - order(q)).slice(0, maxExamples),
  };
}

export interface SimulatedPeriod {
  seed: number;
  people: number;
  days: number;
  targetsPer1000?: number;
}

/** A simulated city (with a week of background history first) replayed against both configurations. */
export function backtestSimulation(
  current: EngineConfig,
  draft: EngineConfig,
  p: SimulatedPeriod,
  texts: BacktestTexts = {},
): BacktestResult & { source: SimulatedPeriod } {
  const sim = createSimulation({
    seed: p.seed,
    people: p.people,
    days: p.days,
    targetsPer1000: p.targetsPer1000 ?? 30,
    warmupDays: Math.min(DEFAULT_WARMUP_DAYS, 7),
  });
  const events: TypedEvent[] = [];
  for (const { events: day } of sim.days()) for (const { ev } of day) events.push(ev as TypedEvent);
  const phones = new Map(sim.population.map((x) => [x.index, x.phone]));
  const keys = sim.truth.victims.map((v) => `p:${phones.get(v.person)}`);
  return { ...backtest(current, draft, events, { keys }, 10, texts), source: p };
}

/**
 * A stored period (the event log, read page by page) replayed against both configurations side by side: memory
 * follows the subjects, not the events; `onProgress` after each page; yields to the event loop between pages so
 * a long run does not hold the node. No victims are known for stored events (gained/lost by level and type).
 */
export async function backtestPages(
  current: EngineConfig,
  draft: EngineConfig,
  pages: AsyncIterable<readonly TypedEvent[]>,
  onProgress?: (processed: number) => void,
  maxExamples = 10,
  texts: BacktestTexts = {},
): Promise<BacktestResult> {
  const a = createReplay(current, texts.current),
    b = createReplay(draft, texts.draft);
  let n = 0;
  for await (const page of pages) {
    for (const e of page) {
      a.feed(e);
      b.feed(e);
    }
    n += page.length;
    onProgress?.(n);
    await new Promise<void>((r) => setImmediate(r));
  }
  return compare(a, b, n, undefined, maxExamples);
}
