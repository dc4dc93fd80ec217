import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { auditMany, type AuditEntry } from '../audit/index.ts';
import * as warningsRepo from '../warnings/index.ts';
import type { WarningRoute } from '../warnings/index.ts';
import { initialEffects, transition, type Command, type Effect } from './lifecycle.ts';
import * as repo from './repository.ts';
import { explainRoute } from '../routing/index.ts';
import type { DissuasionContext, Loaded } from './context.ts';
import { isExternal } from './effects.ts';
import { ctxOf, storeEffects, transitionDetails, workflowPatch, type StoreItem } from './store.ts';

/**
 * Warnings just opened (engine, upstream push, hand entry) enter the lifecycle here: the creation with the level's
 * first timer, then at once the automatic contact (`start_auto_contact`: the call and the SMS). The same outcome,
 * transition by transition, as `applyCommand` would store, but for a burst of warnings in one transaction with a
 * fixed number of statements: lock, load, workflows, timers, phases, audit rows. The route is the one computed
 * when the warning opened (warnings/service.ts), not computed again.
 *
 * Idempotent under the warnings' row locks: a warning whose lifecycle has started (or that left `new`) is left
 * alone, so the creator, the startup sweep and several nodes may all call it. The locks are taken in id order,
 * skipping rows another transaction holds: a transaction holding many locks never waits for one (no deadlock with
 * detection's multi-row updates); the skipped warnings are then started one by one, each waiting for its lock.
 * After commit, the calls, SMS and notices leave per warning, each recorded as an attempt.
 */
export async function startWarnings(
  rt: DissuasionContext,
  ids: readonly string[],
  actor: Actor = SYSTEM_ACTOR,
  extra: { leads?: ReadonlyMap<string, string[]> } = {},
): Promise<string[]> {
  const want = [...new Set(ids)].sort();
  if (!want.length) return [];
  const many = want.length > 1;
  const { started, skipped } = await rt.db.transaction((tx) => startLocked(rt, tx, want, actor, extra, many));
  const at = new Date(rt.now()).toISOString();
  for (const s of started)
    rt.hub.publish({
      kind: 'warning_changed',
      warningId: s.l.id,
      unitPath: s.l.unitPath,
      status: s.l.status,
      level: s.l.level,
      at,
    });
  if (started.length) void rt.track(rt.runExternalMany(SYSTEM_ACTOR, started));
  const out = started.map((s) => s.l.id);
  for (const id of skipped) out.push(...(await startWarnings(rt, [id], actor, extra)));
  return out;
}

/**
 * The start of warnings a transaction has just created (and so holds the row locks of), inside that transaction:
 * the detection runtime starts the warnings of a decision batch in the batch's own transaction, so a stored event
 * is decided and its warning started together, once, across crashes (no sweep needed, no second transaction for
 * ingest to queue behind). Returns what to do after the commit: the live notices and the calls, SMS and notices.
 */
export async function startWarningsIn(
  rt: DissuasionContext,
  tx: Db,
  ids: readonly string[],
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ started: string[]; afterCommit: () => void }> {
  const want = [...new Set(ids)].sort();
  if (!want.length) return { started: [], afterCommit: () => {} };
  const { started } = await startLocked(rt, tx, want, actor, {}, false, true);
  return {
    started: started.map((s) => s.l.id),
    afterCommit: () => {
      const at = new Date(rt.now()).toISOString();
      for (const s of started)
        rt.hub.publish({
          kind: 'warning_changed',
          warningId: s.l.id,
          unitPath: s.l.unitPath,
          status: s.l.status,
          level: s.l.level,
          at,
        });
      if (started.length) void rt.track(rt.runExternalMany(SYSTEM_ACTOR, started));
    },
  };
}

/** One warning: `startWarnings` of one. True when this call started it. */
export async function startWarning(
  rt: DissuasionContext,
  warningId: string,
  actor: Actor = SYSTEM_ACTOR,
  extra: { leads?: string[] } = {},
): Promise<boolean> {
  const leads = extra.leads ? new Map([[warningId, extra.leads]]) : undefined;
  return (await startWarnings(rt, [warningId], actor, leads ? { leads } : {})).length > 0;
}

const START: Command = { type: 'start_auto_contact' };
type Started = { l: Loaded; effects: Effect[] };

async function startLocked(
  rt: DissuasionContext,
  tx: Db,
  ids: string[],
  actor: Actor,
  extra: { leads?: ReadonlyMap<string, string[]> },
  skipLocked: boolean,
  // created by this transaction: no workflow row and no timer can exist yet, so none is read or cancelled
  createdHere = false,
) {
  const now = rt.now();
  const ws = await warningsRepo.lockWarnings(tx, ids, { skipLocked });
  const locked = new Set(ws.map((w) => w.id));
  // a row held elsewhere (or one that does not exist) is tried again on its own, waiting for its lock
  const skipped = skipLocked ? ids.filter((id) => !locked.has(id)) : [];
  const wfs = new Map(createdHere ? [] : (await repo.workflowsOf(tx, [...locked])).map((wf) => [wf.warningId, wf]));
  const fresh = ws.filter((w) => w.status === 'new' && !wfs.get(w.id)?.startedAt);
  if (!fresh.length) return { started: [] as Started[], skipped };

  const created: AuditEntry[] = [],
    transitions: AuditEntry[] = [],
    statuses: { id: string; status: string; route?: WarningRoute }[] = [];
  const stored: StoreItem[] = [];
  const starts: Parameters<typeof repo.startWorkflows>[1] = [];
  const out: Started[] = [];
  for (const w of fresh) {
    // only warnings opened before routes were kept with them are routed here, with today's registry
    const route = w.route ? undefined : await explainRoute(tx, w);
    const before = wfs.get(w.id)?.autoContactAttempts ?? 0;
    const ctx = ctxOf(rt, { ...w, wf: { autoContactAttempts: before } as repo.WorkflowRow }, now);
    const first = initialEffects(ctx);
    const r = transition('new', START, ctx);
    if (!r.ok) throw new Error(`start_auto_contact refused in new: ${r.reason}`); // legal in `new` by the lifecycle's table
    const slaVersion = rt.sla.version;
    created.push({
      action: 'transition',
      entityType: 'warning',
      entityId: w.id,
      details: { command: 'create', from: null, to: 'new', ok: true, effects: first.map((e) => e.type), slaVersion },
    });
    transitions.push({
      action: 'transition',
      entityType: 'warning',
      entityId: w.id,
      details: transitionDetails(START, w.status, r.next, r.effects, slaVersion),
    });
    statuses.push({ id: w.id, status: r.next, ...(route ? { route } : {}) });
    const l = { ...w, status: r.next, route: w.route ?? route ?? null } as Loaded;
    // the creation's first timer, then the automatic contact's effects, stored as applying them in order would
    stored.push({ l, cmd: START, effects: [...first, ...r.effects] });
    const attempts = workflowPatch(l, START, r.effects, now).autoContactAttempts;
    starts.push({
      warningId: w.id,
      startedAt: new Date(now),
      autoContactAttempts: attempts ?? before,
      leads: extra.leads?.get(w.id),
    });
    out.push({ l, effects: r.effects.filter(isExternal) });
  }
  const stamped = new Map((await repo.startWorkflows(tx, starts)).map((wf) => [wf.warningId, wf]));
  await storeEffects(rt, tx, SYSTEM_ACTOR, stored, now, { noEarlierTimers: createdHere });
  await warningsRepo.updateStatuses(tx, statuses, rt.now);
  // the creation is the creator's; the automatic contact is the system's, as when applied as a command (one
  // statement when the creator is the system)
  if (actor === SYSTEM_ACTOR) await auditMany(tx, actor, [...created, ...transitions]);
  else {
    await auditMany(tx, actor, created);
    await auditMany(tx, SYSTEM_ACTOR, transitions);
  }
  for (const s of out) s.l.wf = stamped.get(s.l.id)!;
  return { started: out, skipped };
}
