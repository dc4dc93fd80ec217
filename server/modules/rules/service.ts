// Versioned engine configuration. A change is a new row (never an update), validated by the engine's own
// validateConfig, audited in the same transaction. Engine nodes read the current version with currentEngineConfig.
import { assertTopLevel } from '../org/index.ts';
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, can, type Actor } from '../../platform/auth/actor.ts';
import { conflict, forbidden, invalidMany, notFound } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import { DEFAULT_CONFIG, validateConfig, type EngineConfig } from '../engine/index.ts';
import type {
  BacktestJob,
  BacktestRequest,
  BacktestResult,
  FitWeightsRequest,
  FitWeightsResult,
  RuleConfigVersion,
  ScriptModelBacktestRequest,
  StoredBacktestRequest,
  StoredScriptModelBacktestRequest,
} from '../../../contract/rules.ts';
import { backtestPages, backtestSimulation, type BacktestTexts } from './backtest.ts';
import { draftScriptModel, scriptClassifier, type ScriptModel } from '../fraud-types/index.ts';
import { buildTextAnalyzer } from '../engine/index.ts';
import { countStoredEvents, readStoredEvents } from '../ingest/index.ts';
import { closedWarningOutcomes } from '../warnings/index.ts';
import { applyFactors, fitRuleWeights } from './fit.ts';
import { builtinRules } from './catalogue.ts';
import type { TypedEvent } from '../engine/index.ts';
import { ruleConfigs } from './schema.ts';
import { changedPaths } from './diff.ts';
import { dateClock, systemClock } from '../../platform/clock.ts';

const WRITE_LOCK = 727302;
export const BUILTIN_VERSION = '1';

/** The engine configuration in force: the highest stored version, or the built-in defaults as version '1'. */
export async function currentEngineConfig(db: Db): Promise<{ version: string; config: EngineConfig }> {
  const [row] = await db.select().from(ruleConfigs).orderBy(desc(ruleConfigs.version)).limit(1);
  if (!row) return { version: BUILTIN_VERSION, config: { ...DEFAULT_CONFIG, version: BUILTIN_VERSION } };
  const version = String(row.version);
  return { version, config: { ...row.config, version } };
}

const builtinVersion = (): RuleConfigVersion => ({
  version: BUILTIN_VERSION,
  config: { ...DEFAULT_CONFIG, version: BUILTIN_VERSION },
  note: '内置默认配置 built-in defaults',
  createdBy: null,
  createdByName: null,
  createdAt: null,
});

function assertCanRead(actor: Actor) {
  // Who reads warnings may see what produced them; no separate permission is needed for that.
  if (!can(actor, 'rules:write') && !can(actor, 'warnings:read') && !can(actor, 'indicators:read'))
    throw forbidden('requires permission rules:write or warnings:read');
}

export async function getRuleConfig(db: Db, actor: Actor): Promise<RuleConfigVersion> {
  assertCanRead(actor);
  const [row] = await db.select().from(ruleConfigs).orderBy(desc(ruleConfigs.version)).limit(1);
  return row ? presentRow(row) : builtinVersion();
}

export async function ruleConfigHistory(db: Db, actor: Actor): Promise<{ items: RuleConfigVersion[] }> {
  assertCanRead(actor);
  const rows = await db.select().from(ruleConfigs).orderBy(desc(ruleConfigs.version)).limit(500);
  return { items: [...rows.map(presentRow), builtinVersion()] };
}

/** Stores a new version; an invalid config is a 400 naming each field path, and nothing is stored. */
export async function putRuleConfig(
  db: Db,
  actor: Actor,
  input: { config: Record<string, unknown>; note?: string },
): Promise<RuleConfigVersion> {
  assertCan(actor, 'rules:write');
  await assertTopLevel(db, actor, 'the rule configuration');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
    const [top] = await tx.select({ v: sql<number | null>`max(${ruleConfigs.version})` }).from(ruleConfigs);
    const previous = (await currentEngineConfig(tx)).config;
    const next = Math.max(Number(top?.v ?? 0), Number(BUILTIN_VERSION)) + 1;
    // The version inside the config is the row's version: hits record it, so it must not be chosen by the client.
    const candidate = { ...input.config, version: String(next) };
    const errors = validateConfig(candidate);
    if (errors.length)
      throw invalidMany(errors.map((e) => ({ field: `config${e.path === '/' ? '' : e.path}`, reason: e.message })));
    const [row] = await tx
      .insert(ruleConfigs)
      .values({
        version: next,
        config: candidate as EngineConfig,
        note: input.note?.trim() || null,
        createdBy: actor.id,
        createdByName: actor.name,
      })
      .returning();
    await audit(tx, actor, {
      action: 'update',
      entityType: 'rule_config',
      entityId: String(next),
      details: { note: input.note ?? null, changed: changedPaths(previous, candidate).slice(0, 100) },
    });
    return presentRow(row!);
  });
}

/**
 * A stored version shown with sections the engine gained since (filled from the defaults, as the engine does when
 * it runs it), so the form offers every parameter; saving then stores them explicitly in the next version.
 */
function withNewSections(cfg: EngineConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...cfg };
  for (const [k, dv] of Object.entries(DEFAULT_CONFIG)) {
    const v = out[k];
    if (v === undefined) out[k] = dv;
    else if (dv && typeof dv === 'object' && !Array.isArray(dv) && v && typeof v === 'object') out[k] = { ...dv, ...v };
  }
  return out;
}

function presentRow(r: typeof ruleConfigs.$inferSelect): RuleConfigVersion {
  return {
    version: String(r.version),
    config: { ...withNewSections(r.config), version: String(r.version) },
    note: r.note,
    createdBy: r.createdBy,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Backtest a draft configuration (not stored) against a simulated city beside the configuration in force: what
 * warnings it would gain or lose, per type and level, with examples. An invalid draft is a 400 naming each field.
 */
export async function backtestDraft(db: Db, actor: Actor, input: BacktestRequest): Promise<BacktestResult> {
  assertCan(actor, 'rules:write');
  const { version, config: current } = await currentEngineConfig(db);
  const draft = { ...input.config, version: 'draft' };
  const errors = validateConfig(draft);
  if (errors.length)
    throw invalidMany(errors.map((e) => ({ field: `config${e.path === '/' ? '' : e.path}`, reason: e.message })));
  const source = { seed: input.source.seed ?? 42, people: input.source.people ?? 1000, days: input.source.days ?? 7 };
  const r = backtestSimulation(current, draft as EngineConfig, source);
  await audit(db, actor, {
    action: 'view',
    entityType: 'rule_config',
    entityId: version,
    details: { backtest: { ...source, kind: 'simulation' }, changed: changedPaths(current, draft).slice(0, 100) },
  });
  return { ...r, currentVersion: version, source: { kind: 'simulation', ...source } };
}

function validDraft(config: Record<string, unknown>): EngineConfig {
  const draft = { ...config, version: 'draft' };
  const errors = validateConfig(draft);
  if (errors.length)
    throw invalidMany(errors.map((e) => ({ field: `config${e.path === '/' ? '' : e.path}`, reason: e.message })));
  return draft as EngineConfig;
}

/** Stored-period backtest limits: a month of events, at most this many (both replays run on this node). */
export const STORED_MAX_DAYS = 31;
export const STORED_MAX_EVENTS = 300_000;
const jobs = new Map<string, BacktestJob & { actorId: string }>();
let jobSeq = 0;

/**
 * Starts replaying the stored events of [from, to) against the configuration in force and a draft, in the
 * background; returns the job to poll (processed / total, then the result). One job at a time per node; a period
 * longer than a month or with more than STORED_MAX_EVENTS events is refused (400 naming the field).
 */
export async function startStoredBacktest(db: Db, actor: Actor, input: StoredBacktestRequest): Promise<BacktestJob> {
  assertCan(actor, 'rules:write');
  const draft = validDraft(input.config);
  const { from, to } = checkPeriod(input);
  assertNoJobRunning();
  const total = await storedTotal(db, from, to);
  const { version, config: current } = await currentEngineConfig(db);
  await audit(db, actor, {
    action: 'view',
    entityType: 'rule_config',
    entityId: version,
    details: {
      backtest: { kind: 'stored', from: from.toISOString(), to: to.toISOString(), events: total },
      changed: changedPaths(current, draft).slice(0, 100),
    },
  });
  return runStoredJob(db, actor, { from, to, total, version, current, draft });
}

function checkPeriod(input: { from: string; to: string }): { from: Date; to: Date } {
  const from = new Date(input.from),
    to = new Date(input.to);
  if (!(to.getTime() > from.getTime())) throw invalidMany([{ field: 'to', reason: 'must be after from' }]);
  if (to.getTime() - from.getTime() > STORED_MAX_DAYS * 86_400_000)
    throw invalidMany([{ field: 'to', reason: `the period may be at most ${STORED_MAX_DAYS} days` }]);
  return { from, to };
}

function assertNoJobRunning(): void {
  for (const j of jobs.values())
    if (j.state === 'running') throw conflict('a stored-period backtest is already running on this node');
}

async function storedTotal(db: Db, from: Date, to: Date): Promise<number> {
  const total = await countStoredEvents(db, from, to);
  if (total > STORED_MAX_EVENTS)
    throw invalidMany([
      { field: 'to', reason: `${total} events in the period; at most ${STORED_MAX_EVENTS} — choose a shorter period` },
    ]);
  return total;
}

function runStoredJob(
  db: Db,
  actor: Actor,
  p: {
    from: Date;
    to: Date;
    total: number;
    version: string;
    current: EngineConfig;
    draft: EngineConfig;
    texts?: BacktestTexts;
    models?: BacktestResult['models'];
  },
): BacktestJob {
  const id = `bt${Date.now().toString(36)}${(++jobSeq).toString(36)}`;
  const job: BacktestJob & { actorId: string } = {
    id,
    actorId: actor.id,
    state: 'running',
    processed: 0,
    total: p.total,
    startedAt: new Date(systemClock()).toISOString(),
    result: null,
    error: null,
  };
  jobs.set(id, job);
  for (const [k, j] of jobs) if (jobs.size > 20 && j.state !== 'running') jobs.delete(k); // keep the last few
  const pages = readStoredEvents(db, p.from, p.to) as AsyncIterable<readonly TypedEvent[]>;
  void backtestPages(
    p.current,
    p.draft,
    pages,
    (n) => {
      job.processed = n;
    },
    10,
    p.texts,
  )
    .then((r) => {
      job.result = {
        ...r,
        currentVersion: p.version,
        source: { kind: 'stored', from: p.from.toISOString(), to: p.to.toISOString() },
        ...(p.models ? { models: p.models } : {}),
      };
      job.state = 'done';
    })
    .catch((err: unknown) => {
      job.error = err instanceof Error ? err.message : String(err);
      job.state = 'failed';
    });
  return present(job);
}

/** The two sides of a script-model backtest: the model in use (published) and the draft a publish would make. */
async function scriptModelSides(
  db: Db,
  actor: Actor,
): Promise<{ texts: BacktestTexts; models: NonNullable<BacktestResult['models']> }> {
  const { draft, current, newLabels } = await draftScriptModel(db, actor);
  const analyzer = (m: ScriptModel) => {
    const c = scriptClassifier(m);
    return buildTextAnalyzer(undefined, undefined, undefined, (t) => c.classify(t));
  };
  return {
    texts: { current: analyzer(current), draft: analyzer(draft) },
    models: { current: current.version, draft: draft.version, draftExamples: draft.examples, newLabels },
  };
}

/**
 * Backtest of a draft script model (corpus + every confirmed label, what publishing would put in use) against the
 * model in use, on a simulated city, with the rules configuration in force on both sides: warnings gained and
 * lost per type and level, with examples. Nothing is stored or switched.
 */
export async function backtestScriptModel(
  db: Db,
  actor: Actor,
  input: ScriptModelBacktestRequest,
): Promise<BacktestResult> {
  assertCan(actor, 'rules:write');
  const { version, config } = await currentEngineConfig(db);
  const { texts, models } = await scriptModelSides(db, actor);
  const source = { seed: input.source.seed ?? 42, people: input.source.people ?? 1000, days: input.source.days ?? 7 };
  const r = backtestSimulation(config, config, source, texts);
  await audit(db, actor, {
    action: 'view',
    entityType: 'script_model',
    entityId: models.draft,
    details: { backtest: { ...source, kind: 'simulation' }, current: models.current, newLabels: models.newLabels },
  });
  return { ...r, currentVersion: version, source: { kind: 'simulation', ...source }, models };
}

/** The same over the stored events of [from, to), in the background (one job per node, as for a draft config). */
export async function startStoredScriptModelBacktest(
  db: Db,
  actor: Actor,
  input: StoredScriptModelBacktestRequest,
): Promise<BacktestJob> {
  assertCan(actor, 'rules:write');
  const { from, to } = checkPeriod(input);
  assertNoJobRunning();
  const total = await storedTotal(db, from, to);
  const { version, config } = await currentEngineConfig(db);
  const { texts, models } = await scriptModelSides(db, actor);
  await audit(db, actor, {
    action: 'view',
    entityType: 'script_model',
    entityId: models.draft,
    details: {
      backtest: { kind: 'stored', from: from.toISOString(), to: to.toISOString(), events: total },
      current: models.current,
      newLabels: models.newLabels,
    },
  });
  return runStoredJob(db, actor, { from, to, total, version, current: config, draft: config, texts, models });
}

function present(j: BacktestJob & { actorId: string }): BacktestJob {
  const { actorId: _, ...rest } = j;
  void _;
  return rest;
}

/** A stored-period backtest's progress or result (jobs live on the node that runs them). */
export function storedBacktestJob(actor: Actor, id: string): BacktestJob {
  assertCan(actor, 'rules:write');
  const j = jobs.get(id);
  if (!j) throw notFound('backtest job');
  return present(j);
}

/**
 * Rule weights fitted on closed warnings' dispositions: a DRAFT configuration (the one in force with fitted weights)
 * and its backtest on a simulated city. Nothing is stored or switched: a person publishes it (PUT …/config).
 */
export async function fitWeightsDraft(
  db: Db,
  actor: Actor,
  input: FitWeightsRequest,
  now: () => Date = dateClock(),
): Promise<FitWeightsResult> {
  assertCan(actor, 'rules:write');
  const since = new Date(now().getTime() - (input.sinceDays ?? 90) * 86_400_000);
  const outcomes = await closedWarningOutcomes(db, since);
  const fit = fitRuleWeights(outcomes, { minExamples: input.minExamples ?? 5 });
  const sections = new Map(builtinRules().map((r) => [r.id, r.configSections]));
  const { version, config: current } = await currentEngineConfig(db);
  const { config: draft, changed } = applyFactors(current, fit, (r) => sections.get(r) ?? []);
  const errors = validateConfig(draft);
  if (errors.length) throw invalidMany(errors.map((e) => ({ field: `draft${e.path}`, reason: e.message })));
  const source = {
    seed: input.source?.seed ?? 42,
    people: input.source?.people ?? 1000,
    days: input.source?.days ?? 7,
  };
  const backtest: BacktestResult | null = changed.length
    ? {
        ...backtestSimulation(current, { ...draft, version: 'draft' }, source),
        currentVersion: version,
        source: { kind: 'simulation', ...source },
      }
    : null;
  await audit(db, actor, {
    action: 'view',
    entityType: 'rule_config',
    entityId: version,
    details: { fitWeights: { since: since.toISOString(), examples: fit.examples, changed: changed.length } },
  });
  const { version: _v, ...draftBody } = draft as EngineConfig & { version?: string };
  void _v;
  return {
    currentVersion: version,
    examples: fit.examples,
    positives: fit.positives,
    pooledSlope: fit.pooledSlope,
    rules: fit.rules,
    changed,
    draft: draftBody as Record<string, unknown>,
    backtest,
  };
}
