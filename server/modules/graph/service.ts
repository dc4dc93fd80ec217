// Graph use cases: events in (cases, warnings, statements), 串并案 relations, link decisions and groups, money
// flow, mules, neighbourhoods, gangs. Reads check the permission and the record's jurisdiction (out of scope =
// 404), mask identifiers unless the role may unmask and a purpose is given, and write their audit row in the same
// transaction. The in-memory structures (transactions index, whole-graph index for gangs) are caches rebuilt from
// this module's tables when they change, so every node answers the same.
import { randomUUID, createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, can, inScope, type Actor } from '../../platform/auth/actor.ts';
import { AppError, invalid, invalidMany, notFound, conflict } from '../../platform/errors.ts';
import { assertCaseVisible } from '../cases/index.ts';
import { audit } from '../audit/index.ts';
import { allowListedValues, bulkUpsert, checkIndicator } from '../indicators/index.ts';
import { createEntry } from '../cards/index.ts';
import { units } from '../org/index.ts';
import { bankFamily } from '../orders/index.ts';
import {
  canonicalKey,
  entityId,
  maskValue,
  splitEntityId,
  type EntityKind,
  type Observation,
  type RecordKind,
} from './entities.ts';
import {
  discoverGangs,
  EntityIndex,
  recordRef,
  splitRecordRef,
  type LinkOptions,
  type SharedValue,
} from './related.ts';
import { traceFlow, TxStore, TX_CHANNELS, type Attribution, type TxChannel } from './flow.ts';
import { scoreMules } from './mules.ts';
import { caseObservations, entityKindOf, warningObservations } from './ingest.ts';
import type { CaseRecordedPayload, StatementReceivedPayload, WarningOpenedPayload } from './events.ts';
import {
  mapRows,
  readTable,
  suggestMapping,
  MAX_STATEMENT_BYTES,
  type ColumnMapping,
  STATEMENT_FIELDS,
} from './statement.ts';
import * as repo from './repository.ts';
import { graphCasePayments, graphObservations, graphTransactions } from './schema.ts';
import type {
  FlowResponse,
  MuleHandoffBody,
  MuleHandoffResponse,
  NeighbourhoodResponse,
  RelatedResponse,
} from '../../../contract/graph.ts';
type MuleTarget = MuleHandoffBody['targets'][number];

export interface GraphConfig {
  /** A value seen in more than this many cases/warnings is a hub: not followed. */
  hubCap: number;
  /** Accounts with more counterparties are hub accounts in money-flow tracing. */
  hubCounterparties: number;
}
export const DEFAULT_GRAPH_CONFIG: GraphConfig = { hubCap: 30, hubCounterparties: 200 };
let config = DEFAULT_GRAPH_CONFIG;
export function configureGraph(c: Partial<GraphConfig>): void {
  config = { ...config, ...c };
}

const mayUnmask = (actor: Actor) => can(actor, 'personal:unmask') && !!actor.purpose?.trim();

// ---------------------------------------------------------------------------------------------- events in

/** case.recorded / case.updated: the case's identifiers and payments replace what the graph knew of it. */
export async function onCaseRecorded(db: Db, p: CaseRecordedPayload): Promise<void> {
  const obs = caseObservations(p);
  await repo.replaceRecordObservations(db, 'case', p.caseId, p.unitId, obs);
  await repo.replaceCasePayments(
    db,
    p.caseId,
    p.payments.map((x) => ({
      caseId: p.caseId,
      paymentId: x.paymentId,
      unitId: p.unitId,
      paidAt: new Date(x.paidAt),
      amountCents: Math.round(x.amount * 100),
      fromAccount: x.fromAccount ?? null,
      toAccount: x.toAccount.replace(/\D/g, '') || x.toAccount,
      toName: x.toName ?? null,
      toBank: x.toBank ?? null,
      channel: x.channel ?? null,
    })),
  );
}

export async function onWarningOpened(db: Db, p: WarningOpenedPayload): Promise<void> {
  await repo.replaceRecordObservations(db, 'warning', p.warningId, p.unitId, warningObservations(p));
}

/** `onWarningOpened` of many warnings at once, in order (a burst opened together): two statements. */
export async function onWarningsOpened(db: Db, ps: readonly WarningOpenedPayload[]): Promise<void> {
  await repo.replaceManyRecordObservations(
    db,
    'warning',
    ps.map((p) => ({ id: p.warningId, unitId: p.unitId, obs: warningObservations(p) })),
  );
}

/**
 * statement.received (an evidence order's answer file): parsed with the bank's saved column mapping. `readFile`
 * gives the file's bytes (orders' file store). A statement whose bank has no saved mapping gets a suggested one
 * only if it covers the required fields; otherwise it waits for an analyst's upload with a mapping.
 */
export async function onStatementReceived(
  db: Db,
  p: StatementReceivedPayload,
  readFile: (fileId: string) => Promise<Buffer | null>,
  now: () => Date,
): Promise<{ stored: number } | { skipped: string }> {
  if (await repo.findStatementBySha(db, p.caseId, p.sha256)) return { skipped: 'already imported' };
  const buf = await readFile(p.fileId);
  if (!buf) return { skipped: 'file not found' };
  const bankKey = await bankMappingKey(db, p.bank);
  const saved = bankKey ? await repo.getBankMapping(db, bankKey) : null;
  const table = await readTable(buf, p.fileName);
  const mapping = (saved?.mapping as ColumnMapping | undefined) ?? suggestMapping(table.headers);
  const { rows, problems } = mapRows(table.headers, table.rows, mapping, p.account);
  if (problems.some((x) => x.row === 0))
    return { skipped: `no usable column mapping: ${problems.map((x) => x.field).join(', ')}` };
  const r = await storeStatement(
    db,
    {
      caseId: p.caseId,
      orderId: p.orderId,
      fileId: p.fileId,
      fileName: p.fileName,
      sha256: p.sha256,
      bank: p.bank,
      account: p.account,
      encoding: table.encoding,
      createdBy: 'system',
    },
    rows,
    now(),
  );
  return { stored: r.stored };
}

/**
 * The one key a bank's saved column mapping is stored under: the bank's family (中国工商银行 / 工商银行 / 工行 / ICBC
 * → 工商), whether the bank is given as a unit id or code (evidence orders' statements carry the bank unit's id) or
 * as a name (an analyst's upload). Every branch of a bank exports the same layout.
 */
export async function bankMappingKey(db: Db, bank: string | undefined): Promise<string | null> {
  const given = bank?.trim();
  if (!given) return null;
  const unit = await repo.bankUnitByIdOrCode(db, given);
  return bankFamily(unit?.name ?? given);
}

async function storeStatement(
  db: Db,
  s: {
    caseId: string;
    orderId?: string | undefined;
    fileId?: string | undefined;
    fileName: string;
    sha256: string;
    bank?: string | undefined;
    account?: string | undefined;
    encoding?: string | undefined;
    createdBy: string;
  },
  rows: ReturnType<typeof mapRows>['rows'],
  at: Date,
) {
  const id = randomUUID();
  const txs = rows.map((r) => ({
    statementId: id,
    fromAccount: r.out ? r.account : r.counterparty,
    toAccount: r.out ? r.counterparty : r.account,
    amountCents: Math.round(r.amount * 100),
    at: new Date(r.at),
    channel: r.channel,
    counterpartyName: r.counterpartyName ?? null,
    balanceCents: r.balance !== undefined ? Math.round(r.balance * 100) : null,
  }));
  const { inserted } = await repo.insertStatement(
    db,
    {
      id,
      caseId: s.caseId,
      orderId: s.orderId ?? null,
      fileId: s.fileId ?? null,
      fileName: s.fileName,
      sha256: s.sha256,
      bank: s.bank ?? null,
      account: s.account ?? null,
      encoding: s.encoding ?? null,
      rows: rows.length,
      createdBy: s.createdBy,
      createdAt: at,
    },
    txs,
  );
  return { id, stored: inserted.length, duplicates: txs.length - inserted.length };
}

// ---------------------------------------------------------------------------------------------- scoping

async function assertRecordVisible(db: Db, actor: Actor, kind: RecordKind, id: string): Promise<void> {
  if (kind === 'case') {
    // the cases module decides (its jurisdiction check); a case it does not hold (history imported into the graph
    // only) is visible where the unit its event named is in scope
    try {
      await assertCaseVisible(db, actor, id);
      return;
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'not_found') throw e;
    }
  }
  const paths = await repo.recordUnitPaths(db, kind, [id]);
  let path = paths.get(id) ?? null;
  if (path === null && kind === 'case') path = await repo.casePaymentUnitPath(db, id);
  if (path === null || !inScope(actor, path)) throw notFound(kind);
}

async function allowList(db: Db): Promise<Set<string>> {
  const map: Record<string, EntityKind> = {
    phone: 'phone',
    account: 'account',
    domain: 'domain',
    url: 'url',
    app_package: 'app',
    ip: 'ip',
  };
  const out = new Set<string>();
  for (const r of await allowListedValues(db)) {
    const k = map[r.kind];
    if (k) out.add(entityId(k, r.value));
  }
  return out;
}

const toObs = (r: repo.ObservationRow): Observation => ({
  recordKind: r.recordKind as RecordKind,
  recordId: r.recordId,
  kind: r.kind as EntityKind,
  key: r.key,
  value: r.value,
  seenAs: r.seenAs,
  at: r.at.getTime(),
});

/** Loads a record's neighbourhood (two record hops) from SQL into an EntityIndex, with global record counts per value. */
async function loadNeighbourhood(
  db: Db,
  start: { kind: RecordKind; id: string },
  hops: 1 | 2,
): Promise<{ index: EntityIndex; counts: Map<string, number> }> {
  const index = new EntityIndex();
  const counts = new Map<string, number>();
  let frontier = [start];
  const seenRecords = new Set<string>();
  const seenKeys = new Set<string>();
  for (let h = 0; h <= hops && frontier.length; h++) {
    const recs = frontier.filter((r) => !seenRecords.has(recordRef(r.kind, r.id)));
    recs.forEach((r) => seenRecords.add(recordRef(r.kind, r.id)));
    if (!recs.length) break;
    const own = await db
      .select()
      .from(graphObservations)
      .where(
        sql`(${graphObservations.recordKind}, ${graphObservations.recordId}) in (${sql.join(
          recs.map((r) => sql`(${r.kind}, ${r.id})`),
          sql`, `,
        )})`,
      );
    own.forEach((o) => index.add(toObs(o)));
    if (h === hops) break;
    const keys = [...new Set(own.map((o) => entityId(o.kind as EntityKind, o.key)))].filter((k) => !seenKeys.has(k));
    keys.forEach((k) => seenKeys.add(k));
    if (!keys.length) break;
    const kk = keys.map(splitEntityId);
    const cnt = await db
      .select({
        kind: graphObservations.kind,
        key: graphObservations.key,
        n: sql<number>`count(distinct (${graphObservations.recordKind}, ${graphObservations.recordId}))::int`,
      })
      .from(graphObservations)
      .where(
        sql`(${graphObservations.kind}, ${graphObservations.key}) in (${sql.join(
          kk.map((k) => sql`(${k.kind}, ${k.key})`),
          sql`, `,
        )})`,
      )
      .groupBy(graphObservations.kind, graphObservations.key);
    for (const c of cnt) counts.set(entityId(c.kind as EntityKind, c.key), c.n);
    const followed = kk.filter((k) => (counts.get(entityId(k.kind, k.key)) ?? 0) <= config.hubCap);
    if (!followed.length) break;
    const others = await db
      .selectDistinct({ kind: graphObservations.recordKind, id: graphObservations.recordId })
      .from(graphObservations)
      .where(
        sql`(${graphObservations.kind}, ${graphObservations.key}) in (${sql.join(
          followed.map((k) => sql`(${k.kind}, ${k.key})`),
          sql`, `,
        )})`,
      )
      .limit(2000);
    frontier = others.map((o) => ({ kind: o.kind as RecordKind, id: o.id }));
  }
  return { index, counts };
}

// ---------------------------------------------------------------------------------------------- 串并案

function presentShared(s: SharedValue[], unmask: boolean) {
  return s.map((x) => ({ kind: x.kind, value: maskValue(x.kind, x.value, unmask), seenAs: x.seenAs }));
}
const refFields = (ref: string) => {
  const r = splitRecordRef(ref);
  return r.kind === 'case' ? { caseId: r.id } : { warningId: r.id };
};

export async function relatedToCase(db: Db, actor: Actor, caseId: string): Promise<RelatedResponse> {
  assertCan(actor, 'graph:read');
  await assertRecordVisible(db, actor, 'case', caseId);
  const { index, counts } = await loadNeighbourhood(db, { kind: 'case', id: caseId }, 2);
  const opts: LinkOptions = {
    hubCap: config.hubCap,
    allowList: await allowList(db),
    recordCount: (e) => counts.get(e),
  };
  const { items, suppressed } = index.related(recordRef('case', caseId), opts);
  // scope: related records outside the actor's jurisdiction are not shown
  const caseIds = items
    .map((i) => splitRecordRef(i.record))
    .filter((r) => r.kind === 'case')
    .map((r) => r.id);
  const warnIds = items
    .map((i) => splitRecordRef(i.record))
    .filter((r) => r.kind === 'warning')
    .map((r) => r.id);
  const [cp, wp] = await Promise.all([
    repo.recordUnitPaths(db, 'case', caseIds),
    repo.recordUnitPaths(db, 'warning', warnIds),
  ]);
  const visible = (ref: string) => {
    const r = splitRecordRef(ref);
    const p = (r.kind === 'case' ? cp : wp).get(r.id);
    return p !== undefined && inScope(actor, p);
  };
  const decisions = new Map(
    (await repo.linkDecisions(db, caseId)).map((d) => [recordRef(d.otherKind as RecordKind, d.otherId), d.decision]),
  );
  const group = await repo.groupOf(db, caseId);
  const inGroup = new Set(group?.members.map((m) => recordRef('case', m)) ?? []);
  const unmask = mayUnmask(actor);
  const out: RelatedResponse = {
    items: items
      .filter((i) => visible(i.record))
      .map((i) => {
        const d = decisions.get(i.record);
        const item: RelatedResponse['items'][number] = {
          ...refFields(i.record),
          shared: presentShared(i.shared, unmask),
          hops: i.hops,
          confirmed: d === 'confirmed' || inGroup.has(i.record),
        };
        if (d === 'rejected') item.rejected = true;
        if (i.via) item.via = { ...refFields(i.via.record), shared: presentShared(i.via.shared, unmask) };
        return item;
      })
      .sort(
        (a, b) =>
          Number(b.confirmed) - Number(a.confirmed) || Number(a.rejected ?? false) - Number(b.rejected ?? false),
      ),
    suppressed: suppressed.map((s) => ({
      kind: s.kind,
      value: maskValue(s.kind, s.value, unmask),
      reason: s.why.reason,
      ...(s.why.reason === 'hub' ? { records: s.why.records, cap: s.why.cap } : {}),
    })),
    group: group ? { id: group.id, leadCaseId: group.leadCaseId, caseIds: group.members } : null,
  };
  await audit(db, actor, {
    action: unmask ? 'view_unmasked' : 'view',
    entityType: 'case_related',
    entityId: caseId,
    details: { items: out.items.length, ...(unmask ? { purpose: actor.purpose } : {}) },
  });
  return out;
}

/**
 * Confirms or rejects the link between a case and another case/warning. Confirming two cases puts them in one
 * 串并案 group (merging two groups if both had one; the lead is the earlier group's lead); rejecting a case that
 * is in the same group splits it out. Audited in the same transaction.
 */
export async function decideLink(
  db: Db,
  actor: Actor,
  caseId: string,
  body: {
    caseId?: string | undefined;
    warningId?: string | undefined;
    decision: 'confirmed' | 'rejected';
    reason?: string | undefined;
  },
  now: () => Date,
) {
  assertCan(actor, 'graph:write');
  if (!!body.caseId === !!body.warningId) throw invalid('caseId', 'give exactly one of caseId or warningId');
  if (body.caseId === caseId) throw invalid('caseId', 'a case cannot be linked to itself');
  await assertRecordVisible(db, actor, 'case', caseId);
  const other = body.caseId
    ? { kind: 'case' as const, id: body.caseId }
    : { kind: 'warning' as const, id: body.warningId! };
  await assertRecordVisible(db, actor, other.kind, other.id);
  const at = now();
  return db.transaction(async (tx) => {
    for (const [a, b] of [
      [caseId, other],
      ...(other.kind === 'case' ? [[other.id, { kind: 'case' as const, id: caseId }]] : []),
    ] as [string, { kind: RecordKind; id: string }][]) {
      await repo.upsertDecision(tx, {
        caseId: a,
        otherKind: b.kind,
        otherId: b.id,
        decision: body.decision,
        reason: body.reason ?? null,
        decidedBy: actor.id,
        decidedAt: at,
      });
    }
    let group = await repo.groupOf(tx, caseId);
    const details: Record<string, unknown> = { other, decision: body.decision, reason: body.reason };
    if (other.kind === 'case') {
      const og = await repo.groupOf(tx, other.id);
      if (body.decision === 'confirmed') {
        if (!group && !og) {
          const id = randomUUID();
          await repo.createGroup(tx, id, caseId, actor.id, at);
          await repo.addMembers(tx, id, [caseId, other.id], actor.id, at);
          details.group = { created: id };
        } else if (group && og && group.id !== og.id) {
          const [keep, drop] = group.createdAt <= og.createdAt ? [group, og] : [og, group];
          await repo.addMembers(tx, keep.id, drop.members, actor.id, at);
          await repo.deleteGroup(tx, drop.id);
          details.group = { merged: drop.id, into: keep.id };
        } else if (group || og) {
          const g = (group ?? og)!;
          await repo.addMembers(tx, g.id, [caseId, other.id], actor.id, at);
          details.group = { joined: g.id };
        }
      } else if (group && og && group.id === og.id) {
        await repo.removeMember(tx, other.id);
        details.group = { split: other.id, from: group.id };
        if (group.members.length <= 2) {
          await repo.deleteGroup(tx, group.id);
          details.group = { dissolved: group.id };
        } else if (group.leadCaseId === other.id) await repo.setLead(tx, group.id, caseId, at);
      }
      group = await repo.groupOf(tx, caseId);
    }
    await audit(tx, actor, { action: 'update', entityType: 'case_link', entityId: caseId, details });
    return {
      decision: body.decision,
      group: group ? { id: group.id, leadCaseId: group.leadCaseId, caseIds: group.members } : null,
    };
  });
}

export async function setGroupLead(db: Db, actor: Actor, caseId: string, now: () => Date) {
  assertCan(actor, 'graph:write');
  await assertRecordVisible(db, actor, 'case', caseId);
  return db.transaction(async (tx) => {
    const g = await repo.groupOf(tx, caseId);
    if (!g) throw conflict('the case is in no 串并案 group', 'caseId');
    await repo.setLead(tx, g.id, caseId, now());
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case_group',
      entityId: g.id,
      details: { lead: caseId, previousLead: g.leadCaseId },
    });
    return { id: g.id, leadCaseId: caseId, caseIds: g.members };
  });
}

// ---------------------------------------------------------------------------------------------- money flow

interface TxCache {
  version: string;
  store: TxStore;
  victimAccounts: Map<number, string>;
  caseOfPayment: Map<number, string[]>;
}
const txCaches = new WeakMap<Db, TxCache>();

/** The transactions index (statements + case payments), rebuilt when the tables changed. */
async function transactions(db: Db): Promise<TxCache> {
  const [a] = await db
    .select({ v: sql<string>`coalesce(max(${graphTransactions.id}), 0)::text || '/' || count(*)::text` })
    .from(graphTransactions);
  const [b] = await db
    .select({
      v: sql<string>`count(*)::text || '/' || coalesce(sum(${graphCasePayments.amountCents}), 0)::text || '/' || coalesce(max(${graphCasePayments.paidAt})::text, '')`,
    })
    .from(graphCasePayments);
  const version = `${a?.v}/${b?.v}`;
  const cached = txCaches.get(db);
  if (cached && cached.version === version) return cached;
  const store = new TxStore(1 << 12);
  // a case payment usually appears in the first account's statement too (from the victim's account, or from an
  // account the case does not know): matched on (to, time, amount), it is that transaction, not a second one
  const byArrival = new Map<string, number>();
  for await (const page of repo.iterateTransactions(db)) {
    for (const t of page) {
      byArrival.set(`${t.toAccount}|${t.at.getTime()}|${t.amountCents}`, store.count);
      store.addIds(
        store.account(t.fromAccount),
        store.account(t.toAccount),
        t.amountCents,
        t.at.getTime(),
        Math.max(0, TX_CHANNELS.indexOf(t.channel as TxChannel)),
      );
    }
  }
  const victimAccounts = new Map<number, string>();
  const caseOfPayment = new Map<number, string[]>();
  for (const p of await repo.allPayments(db)) {
    const known = byArrival.get(`${p.toAccount}|${p.paidAt.getTime()}|${p.amountCents}`);
    if (known !== undefined) {
      caseOfPayment.set(known, [...(caseOfPayment.get(known) ?? []), p.caseId]);
      victimAccounts.set(store.from[known]!, p.caseId);
      continue;
    }
    const fromId = store.account(p.fromAccount ?? `victim:${p.caseId}`);
    victimAccounts.set(fromId, p.caseId);
    caseOfPayment.set(store.count, [p.caseId]);
    store.addIds(fromId, store.account(p.toAccount), p.amountCents, p.paidAt.getTime(), 0);
  }
  store.build();
  const c = { version, store, victimAccounts, caseOfPayment };
  txCaches.set(db, c);
  return c;
}

export async function caseFlow(
  db: Db,
  actor: Actor,
  caseId: string,
  depth: number,
  rule: Attribution,
): Promise<FlowResponse> {
  assertCan(actor, 'graph:read');
  await assertRecordVisible(db, actor, 'case', caseId);
  const payments = await repo.casePayments(db, caseId);
  const { store } = await transactions(db);
  const r = traceFlow(
    store,
    payments.map((p) => ({ account: p.toAccount, at: p.paidAt.getTime(), amount: p.amountCents / 100 })),
    { depth, rule, hubCounterparties: config.hubCounterparties },
  );
  const unmask = mayUnmask(actor);
  const m = (a: string) => (a.includes(':') ? a : maskValue('account', a, unmask));
  const out: FlowResponse = {
    nodes: r.nodes.map((n) => ({ ...n, account: m(n.account) })),
    edges: r.edges.map((e) => ({
      from: m(e.from),
      to: m(e.to),
      amount: e.amount,
      count: e.count,
      firstAt: new Date(e.firstAt).toISOString(),
      lastAt: new Date(e.lastAt).toISOString(),
      channel: e.channel!,
    })),
    rule: r.rule,
    notes: r.notes,
    traced: r.traced,
    cashedOut: r.cashedOut,
    // still holding traced money, not cash-out, not hubs: the accounts to stop or freeze next (unmasked only for those who may)
    nextAccounts: r.nodes
      .filter((n) => !n.cashOut && !n.hub && (n.balance ?? 0) > 0 && !n.account.includes(':'))
      .map((n) => ({ account: m(n.account), amount: n.balance!, level: n.level }))
      .sort((a, b) => b.amount - a.amount),
  };
  await audit(db, actor, {
    action: unmask ? 'view_unmasked' : 'view',
    entityType: 'case_flow',
    entityId: caseId,
    details: { depth, rule, nodes: out.nodes.length },
  });
  return out;
}

async function currentMules(db: Db, minScore: number) {
  const { store, victimAccounts, caseOfPayment } = await transactions(db);
  return scoreMules(store, {
    passWindow: 6 * 3_600_000,
    burstWindow: 3_600_000,
    burstMin: 3,
    minScore,
    propagate: { minNeighbours: 3, score: 30 },
    victimOf: (a) => victimAccounts.get(a),
    casesOfTx: (tx) => caseOfPayment.get(tx),
  }).filter((m) => !m.account.includes(':') && !victimAccounts.has(store.idOf.get(m.account)!));
}

/** An opaque handle of a mule account: the list may be masked, the hand-off still names the account. */
export const muleRef = (account: string) => createHash('sha256').update(`mule:${account}`).digest('hex').slice(0, 24);

export async function listMules(db: Db, actor: Actor, minScore: number) {
  assertCan(actor, 'graph:read');
  const items = await currentMules(db, minScore);
  const sent = new Map<string, MuleTarget[]>();
  for (const h of await repo.muleHandoffs(
    db,
    items.map((m) => m.account),
  ))
    sent.set(h.account, [...(sent.get(h.account) ?? []), h.target as MuleTarget].sort());
  const unmask = mayUnmask(actor);
  await audit(db, actor, {
    action: unmask ? 'view_unmasked' : 'view',
    entityType: 'mules',
    details: { minScore, items: items.length },
  });
  return {
    items: items.map((m) => ({
      ...m,
      account: maskValue('account', m.account, unmask),
      ref: muleRef(m.account),
      sent: sent.get(m.account) ?? [],
    })),
  };
}

/**
 * An analyst sends a flagged mule account on: to the indicator block list (kind account, the mule's reasons as the
 * entry's reason) and/or to the 两卡 registry (a bank_account entry, source mule, the reasons as evidence, the mule's
 * first case). One row per account and target in this module: a second send answers "already" and writes nothing;
 * an account already blocked or registered by someone else is "already" too. Audited in the same transaction.
 */
export async function handoffMule(
  db: Db,
  actor: Actor,
  body: MuleHandoffBody,
  now: () => Date,
): Promise<MuleHandoffResponse> {
  assertCan(actor, 'graph:write');
  if (body.targets.includes('block_list')) assertCan(actor, 'indicators:write');
  if (body.targets.includes('cards')) assertCan(actor, 'cards:write');
  const given = body.account.trim();
  const mules = await currentMules(db, 1);
  const digits = given.replace(/[\s-]/g, '');
  const mule = mules.find((m) => muleRef(m.account) === given || m.account === digits);
  if (!mule) throw notFound('mule account (not flagged by the mule scoring)');
  const evidence = `跑分/卡农嫌疑账户 mule score ${mule.score}: ${mule.reasons.join('; ')}${
    mule.cases.length ? ` (cases ${mule.cases.slice(0, 10).join(', ')})` : ''
  }${body.note?.trim() ? ` — ${body.note.trim()}` : ''}`.slice(0, 500);
  const at = now();
  const results: MuleHandoffResponse['results'] = [];
  await db.transaction(async (tx) => {
    for (const target of [...body.targets].sort()) {
      const fresh = await repo.insertMuleHandoff(tx, {
        account: mule.account,
        target,
        refId: null,
        score: mule.score,
        reasons: mule.reasons,
        sentBy: actor.id,
        sentAt: at,
      });
      if (!fresh) {
        const prev = (await repo.muleHandoffs(tx, [mule.account])).find((h) => h.target === target);
        results.push({ target, status: 'already', id: prev?.refId ?? null });
        continue;
      }
      let r: { status: 'sent' | 'already'; id: string | null };
      if (target === 'block_list') {
        const listed = await checkIndicator(tx, actor, 'account', mule.account, at.getTime());
        const live = listed.entries.find(
          (e) => e.list === 'block' && (!e.validUntil || Date.parse(e.validUntil) >= at.getTime()),
        );
        if (live) r = { status: 'already', id: live.id };
        else {
          const out = await bulkUpsert(tx, actor, [
            { kind: 'account', value: mule.account, list: 'block', source: 'graph:mules', reason: evidence },
          ]);
          const item = out.items[0]!;
          if (item.status === 'rejected')
            throw invalidMany((item.problems ?? []).map((p) => ({ field: `account.${p.field}`, reason: p.reason })));
          r = { status: 'sent', id: item.id ?? null };
        }
      } else {
        const e = await createEntry(
          tx,
          actor,
          {
            kind: 'bank_account',
            value: mule.account,
            reason: evidence,
            source: 'mule',
            ...(mule.cases[0] ? { caseId: mule.cases[0] } : {}),
          },
          () => at,
        );
        r = { status: e.created ? 'sent' : 'already', id: e.id };
      }
      await repo.setMuleHandoffRef(tx, mule.account, target, r.id);
      results.push({ target, ...r });
    }
    await audit(tx, actor, {
      action: 'create',
      entityType: 'mule_handoff',
      entityId: muleRef(mule.account),
      details: { score: mule.score, reasons: mule.reasons, results },
    });
  });
  return { account: maskValue('account', mule.account, mayUnmask(actor)), score: mule.score, results };
}

// ---------------------------------------------------------------------------------------------- graph view

/** Neighbourhood for the graph view: records and values around a start, 1–3 hops, hubs shown but not expanded. */
export async function neighbourhood(
  db: Db,
  actor: Actor,
  q: { kind: string; value: string; hops?: number | undefined },
): Promise<NeighbourhoodResponse> {
  assertCan(actor, 'graph:read');
  const hops = q.hops ?? 1;
  const unmask = mayUnmask(actor);
  let starts: { kind: RecordKind; id: string }[];
  let startNode: string;
  if (q.kind === 'case' || q.kind === 'warning') {
    await assertRecordVisible(db, actor, q.kind, q.value);
    starts = [{ kind: q.kind, id: q.value }];
    startNode = recordRef(q.kind, q.value);
  } else {
    const kind = entityKindOf(q.kind);
    const key = canonicalKey(kind, q.value);
    if (!key) throw invalid('value', `not a ${kind}`);
    startNode = entityId(kind, key);
    const recs = await db
      .selectDistinct({ kind: graphObservations.recordKind, id: graphObservations.recordId, path: units.path })
      .from(graphObservations)
      .innerJoin(units, eq(units.id, graphObservations.unitId))
      .where(and(eq(graphObservations.kind, kind), eq(graphObservations.key, key)))
      .limit(500);
    starts = recs.filter((r) => inScope(actor, r.path)).map((r) => ({ kind: r.kind as RecordKind, id: r.id }));
  }
  const index = new EntityIndex();
  const counts = new Map<string, number>();
  for (const s of starts.slice(0, 50)) {
    const n = await loadNeighbourhood(db, s, Math.min(2, Math.max(0, hops - 1)) as 1 | 2);
    for (const o of [...n.index.byRecord.values()].flatMap((m) => [...m.values()].flat())) index.add(o);
    for (const [k, v] of n.counts) counts.set(k, v);
  }
  const allow = await allowList(db);
  const paths = new Map<string, string>();
  for (const kind of ['case', 'warning'] as const) {
    const ids = [...index.byRecord.keys()]
      .map(splitRecordRef)
      .filter((r) => r.kind === kind)
      .map((r) => r.id);
    for (const [id, p] of await repo.recordUnitPaths(db, kind, ids)) paths.set(recordRef(kind, id), p);
  }
  const nodes: NeighbourhoodResponse['nodes'] = [];
  const edges: NeighbourhoodResponse['edges'] = [];
  const nodeIds = new Set<string>();
  const LIMIT = 500;
  let truncated = false;
  for (const [ref, ents] of index.byRecord) {
    if (!inScope(actor, paths.get(ref) ?? '\u0000')) continue;
    if (nodes.length >= LIMIT) {
      truncated = true;
      break;
    }
    const r = splitRecordRef(ref);
    if (!nodeIds.has(ref)) {
      nodeIds.add(ref);
      nodes.push({ id: ref, type: r.kind, label: r.id, at: new Date(index.recordAt.get(ref) ?? 0).toISOString() });
    }
    for (const [e, obs] of ents) {
      const { kind } = splitEntityId(e);
      if (!nodeIds.has(e)) {
        nodeIds.add(e);
        const why = index.suppression(e, {
          hubCap: config.hubCap,
          allowList: allow,
          recordCount: (x) => counts.get(x),
        });
        const node: NeighbourhoodResponse['nodes'][number] = {
          id: unmask ? e : `${kind}:${maskValue(kind, obs[0]!.value, false)}#${hashId(e)}`,
          type: kind,
          label: maskValue(kind, obs[0]!.value, unmask),
        };
        if (why) node.suppressed = why.reason === 'hub' ? `hub: ${why.records} records > ${why.cap}` : 'allow_list';
        nodes.push(node);
      }
      const target = unmask ? e : nodes.find((n) => n.type === kind && n.id.endsWith(`#${hashId(e)}`))!.id;
      edges.push({ source: ref, target, seenAs: obs[0]!.seenAs, at: new Date(obs[0]!.at).toISOString() });
    }
  }
  void startNode;
  await audit(db, actor, {
    action: unmask ? 'view_unmasked' : 'view',
    entityType: 'graph_neighbourhood',
    details: { kind: q.kind, hops, nodes: nodes.length },
  });
  return { nodes, edges, truncated };
}
const hashId = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

// ---------------------------------------------------------------------------------------------- gangs

export async function listGangs(db: Db, actor: Actor, minSize: number) {
  assertCan(actor, 'graph:read');
  const index = new EntityIndex();
  const paths = new Map<string, string>();
  for await (const page of repo.iterateObservations(db)) for (const o of page) index.add(toObs(o));
  const unitPaths = new Map(
    (await db.select({ id: units.id, path: units.path }).from(units)).map((u) => [u.id, u.path]),
  );
  const seenAt = new Map<string, number>(); // a record's first observation: its place on a gang's time line
  for await (const page of repo.iterateObservations(db))
    for (const o of page) {
      const ref = recordRef(o.recordKind as RecordKind, o.recordId);
      paths.set(ref, unitPaths.get(o.unitId) ?? '');
      const t = o.at.getTime();
      if (!(seenAt.get(ref)! <= t)) seenAt.set(ref, t);
    }
  const gangs = discoverGangs(index, {
    hubCap: config.hubCap,
    allowList: await allowList(db),
    minSize,
    personRoles: new Set(repo.PERSON_ROLES),
  });
  const unmask = mayUnmask(actor);
  const inView = gangs.filter((g) => g.records.some((r) => inScope(actor, paths.get(r) ?? '\u0000')));
  const losses = await repo.caseLosses(
    db,
    inView.flatMap((g) =>
      g.records
        .map(splitRecordRef)
        .filter((r) => r.kind === 'case')
        .map((r) => r.id),
    ),
  );
  const items = inView.map((g) => {
    const visible = g.records.filter((r) => inScope(actor, paths.get(r) ?? '\u0000'));
    const timeline = visible
      .map((ref) => {
        const r = splitRecordRef(ref);
        const loss = r.kind === 'case' ? losses.get(r.id) : undefined;
        const at = loss?.firstAt.getTime() ?? seenAt.get(ref) ?? g.firstAt;
        return {
          at: new Date(at).toISOString(),
          ...(r.kind === 'case' ? { caseId: r.id } : { warningId: r.id }),
          ...(loss ? { loss: loss.cents / 100 } : {}),
        };
      })
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const item = {
      id: g.id,
      caseIds: visible
        .map(splitRecordRef)
        .filter((r) => r.kind === 'case')
        .map((r) => r.id),
      warningIds: visible
        .map(splitRecordRef)
        .filter((r) => r.kind === 'warning')
        .map((r) => r.id),
      shared: g.shared
        .slice(0, 50)
        .map((s) => ({ kind: s.kind, value: maskValue(s.kind, s.value, unmask), records: s.records })),
      firstAt: new Date(g.firstAt).toISOString(),
      lastAt: new Date(g.lastAt).toISOString(),
      totalLoss: Math.round(timeline.reduce((s, x) => s + (x.loss ?? 0) * 100, 0)) / 100,
      timeline,
    };
    return g.communities
      ? { ...item, communities: g.communities.map((c) => c.filter((r) => visible.includes(r))) }
      : item;
  });
  await audit(db, actor, { action: 'view', entityType: 'gangs', details: { minSize, items: items.length } });
  return { items };
}

// ---------------------------------------------------------------------------------------------- statements upload

/** An analyst's statement upload: the column mapping (given, or the bank's saved one) is saved for the bank. */
export async function importStatement(
  db: Db,
  actor: Actor,
  caseId: string,
  file: { name: string; data: Buffer },
  opts: { bank?: string | undefined; account?: string | undefined; mapping?: ColumnMapping | undefined },
  now: () => Date,
) {
  assertCan(actor, 'graph:write');
  await assertRecordVisible(db, actor, 'case', caseId);
  if (file.data.length > MAX_STATEMENT_BYTES)
    throw invalid('file', `larger than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB`);
  if (opts.mapping) {
    const bad = Object.keys(opts.mapping).filter((k) => !(STATEMENT_FIELDS as readonly string[]).includes(k));
    if (bad.length) throw invalidMany(bad.map((b) => ({ field: `mapping.${b}`, reason: 'unknown field' })));
  }
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  if (await repo.findStatementBySha(db, caseId, sha256))
    throw conflict('this file was already imported for this case', 'file');
  const table = await readTable(file.data, file.name);
  const bankKey = await bankMappingKey(db, opts.bank);
  const saved = bankKey ? await repo.getBankMapping(db, bankKey) : null;
  const mapping = opts.mapping ?? (saved?.mapping as ColumnMapping | undefined) ?? suggestMapping(table.headers);
  const { rows, problems } = mapRows(table.headers, table.rows, mapping, opts.account);
  if (problems.length)
    throw invalidMany(
      problems.slice(0, 500).map((p) => ({ field: p.row ? `rows[${p.row}].${p.field}` : p.field, reason: p.reason })),
    );
  if (!rows.length) throw invalid('file', 'no data rows');
  const at = now();
  return db.transaction(async (tx) => {
    const r = await storeStatement(
      tx,
      {
        caseId,
        fileName: file.name,
        sha256,
        bank: opts.bank,
        account: opts.account,
        encoding: table.encoding,
        createdBy: actor.id,
      },
      rows,
      at,
    );
    if (bankKey) await repo.saveBankMapping(tx, bankKey, mapping as Record<string, string>, actor.id, at);
    await audit(tx, actor, {
      action: 'import',
      entityType: 'statement',
      entityId: r.id,
      details: { caseId, fileName: file.name, rows: rows.length, stored: r.stored, bank: opts.bank },
    });
    return {
      statementId: r.id,
      rows: rows.length,
      stored: r.stored,
      duplicates: r.duplicates,
      encoding: table.encoding,
      mapping: mapping as Record<string, string>,
    };
  });
}

// ---------------------------------------------------------------------------------------------- the person's history

export async function onWarningClosed(
  db: Db,
  p: { warningId: string; disposition: string; closedAt: string; victimised: boolean },
): Promise<void> {
  await repo.upsertClosure(db, {
    warningId: p.warningId,
    disposition: p.disposition,
    victimised: p.victimised,
    closedAt: new Date(p.closedAt),
  });
}

/**
 * The same person's other warnings and cases (same phone or ID number as victim or warned subject), oldest first,
 * with how each warning ended: the officer sees "warned before, 劝阻成功" and 预警后被骗 links to that warning.
 */
export async function personHistory(db: Db, actor: Actor, kind: RecordKind, id: string) {
  assertCan(actor, kind === 'case' ? 'graph:read' : 'warnings:read');
  await assertRecordVisible(db, actor, kind, id);
  const rows = (await repo.personRecords(db, kind, id)).filter((r) => inScope(actor, r.path));
  const byRecord = new Map<
    string,
    { kind: RecordKind; id: string; at: Date; matched: { kind: string; value: string; seenAs: string }[] }
  >();
  const unmask = mayUnmask(actor);
  for (const r of rows) {
    const ref = recordRef(r.recordKind as RecordKind, r.recordId);
    let e = byRecord.get(ref);
    if (!e) {
      e = { kind: r.recordKind as RecordKind, id: r.recordId, at: r.at, matched: [] };
      byRecord.set(ref, e);
    }
    if (!e.matched.some((m) => m.kind === r.kind && m.seenAs === r.seenAs))
      e.matched.push({ kind: r.kind, value: maskValue(r.kind as EntityKind, r.value, unmask), seenAs: r.seenAs });
  }
  const closed = new Map(
    (
      await repo.closures(
        db,
        [...byRecord.values()].filter((r) => r.kind === 'warning').map((r) => r.id),
      )
    ).map((c) => [c.warningId, c]),
  );
  const items = [...byRecord.values()]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((r) => {
      const c = r.kind === 'warning' ? closed.get(r.id) : undefined;
      return {
        ...(r.kind === 'case' ? { caseId: r.id } : { warningId: r.id }),
        at: r.at.toISOString(),
        matched: r.matched,
        ...(c ? { disposition: c.disposition, closedAt: c.closedAt.toISOString(), victimised: c.victimised } : {}),
      };
    });
  await audit(db, actor, {
    action: unmask ? 'view_unmasked' : 'view',
    entityType: `${kind}_history`,
    entityId: id,
    details: { items: items.length },
  });
  return { items };
}
