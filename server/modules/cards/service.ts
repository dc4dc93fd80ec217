import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, can, inScope, type Actor } from '../../platform/auth/actor.ts';
import { forbidden, illegalTransition, invalid, notFound } from '../../platform/errors.ts';
import type { CardEntry, CardStats, Measure, NewCardEntry, NewMeasure, Notice } from '../../../contract/cards.ts';
import {
  accountKey,
  maskAccount,
  maskName,
  maskPhone,
  maskResidentId,
  normalizePhone,
  parseResidentId,
  phoneKey,
} from '../identifiers/index.ts';
import { audit } from '../audit/index.ts';
import { visibleUnit } from '../org/index.ts';
import {
  checkDuration,
  MEASURES_FOR,
  partnerKindFor,
  restricts,
  transition,
  type EntryKind,
  type MeasureEvent,
  type MeasureKind,
  type MeasureStatus,
} from './lifecycle.ts';
import * as repo from './repository.ts';

export type Clock = () => Date;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where a person restricted under Art. 31 may appeal (the law gives the right; the route is local practice). */
export const APPEAL_ROUTE =
  '被采取措施的单位或个人可向作出决定的公安机关提出申诉（反电信网络诈骗法第三十一条第二款），由非原决定人复核。';

const isPartner = (a: Actor) => a.role === 'bank_liaison' || a.role === 'telecom_liaison';

function wantsUnmasked(actor: Actor, unmask?: boolean) {
  if (!unmask) return false;
  assertMayUnmask(actor);
  return true;
}
const maskValue = (kind: string, v: string) => (kind === 'phone' ? maskPhone(v) : maskAccount(v));

function presentEntry(r: repo.EntryRow & { restricted?: boolean; measures?: number }, full: boolean): CardEntry {
  return {
    id: r.id,
    kind: r.kind as EntryKind,
    value: full ? r.value : maskValue(r.kind, r.value),
    source: r.source,
    reason: r.reason,
    caseId: r.caseId,
    holderName: r.holderName ? (full ? r.holderName : maskName(r.holderName)) : null,
    holderIdNumber: r.holderIdNumber ? (full ? r.holderIdNumber : maskResidentId(r.holderIdNumber)) : null,
    evidence: r.evidence,
    unitId: r.unitId,
    unitName: r.unitName,
    createdAt: r.createdAt.toISOString(),
    restricted: r.restricted ?? false,
    measures: r.measures ?? 0,
    masked: !full,
  };
}

function presentMeasure(m: repo.MeasureRow, full: boolean): Measure {
  return {
    id: m.id,
    entryId: m.entryId,
    entryKind: m.entryKind as EntryKind,
    entryValue: full ? m.entryValue : maskValue(m.entryKind, m.entryValue),
    measure: m.measure as MeasureKind,
    status: m.status as MeasureStatus,
    restricts: restricts(m.status as MeasureStatus),
    reason: m.reason,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    partnerUnitId: m.partnerUnitId,
    partnerUnitName: m.partnerUnitName,
    proposedBy: m.proposedBy,
    proposedByName: m.proposedByName,
    proposedAt: m.proposedAt.toISOString(),
    confirmedBy: m.confirmedBy,
    confirmedAt: iso(m.confirmedAt),
    ackAt: iso(m.ackAt),
    appealReason: m.appealReason,
    appealedAt: iso(m.appealedAt),
    decisionReason: m.decisionReason,
    decidedAt: iso(m.decidedAt),
    appealRoute: APPEAL_ROUTE,
    history: m.history,
  };
}

function keyOf(kind: EntryKind, value: string): { key: string; value: string } {
  if (kind === 'phone') {
    const p = normalizePhone(value);
    if (!p.ok) throw invalid('value', p.reason ?? 'not a valid phone number');
    if (p.kind !== 'mobile' && p.kind !== 'landline')
      throw invalid('value', 'a phone card is a mobile or landline number');
    return { key: phoneKey(value) ?? p.national ?? value, value: p.national ?? value };
  }
  const k = accountKey(value);
  if (!k || k.length < 10 || k.length > 30) throw invalid('value', 'a bank account is 10–30 digits');
  return { key: k, value: k };
}

/** Adds a card to the registry, or adds the new evidence to its existing entry (one entry per card). */
export async function createEntry(
  db: Db,
  actor: Actor,
  input: NewCardEntry,
  clock: Clock,
): Promise<{ id: string; created: boolean }> {
  assertCan(actor, 'cards:write');
  const { key, value } = keyOf(input.kind, input.value);
  let holderIdNumber: string | null = null;
  if (input.holderIdNumber) {
    const r = parseResidentId(input.holderIdNumber);
    if (!r.ok) throw invalid('holderIdNumber', r.reason ?? 'not a valid resident ID');
    holderIdNumber = r.normalized!;
  }
  const now = clock();
  const ev = {
    at: now.toISOString(),
    by: actor.name,
    kind: input.source ?? (input.caseId ? 'case_account' : 'analyst'),
    text: input.reason,
    ...(input.caseId ? { caseId: input.caseId } : {}),
  };
  return db.transaction(async (tx) => {
    const unitId = input.unitId ?? actor.unitId;
    const unit = unitId ? await visibleUnit(tx, actor, unitId).catch(() => null) : null;
    if (!unit) throw invalid('unitId', 'no such unit in your jurisdiction');
    const existing = await repo.findEntryByKey(tx, input.kind, key);
    if (existing) {
      await repo.appendEvidence(tx, existing.id, ev);
      await audit(tx, actor, {
        action: 'update',
        entityType: 'card_entry',
        entityId: existing.id,
        details: { evidence: ev.kind },
      });
      return { id: existing.id, created: false };
    }
    const id = randomUUID();
    await repo.insertEntry(tx, {
      id,
      kind: input.kind,
      value,
      key,
      holderName: input.holderName ?? null,
      holderIdNumber,
      source: ev.kind,
      reason: input.reason,
      caseId: input.caseId ?? null,
      evidence: [ev],
      unitId: unit.id,
      createdBy: actor.id,
      createdAt: now,
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'card_entry',
      entityId: id,
      details: { kind: input.kind, source: ev.kind },
    });
    return { id, created: true };
  });
}

async function visibleEntry(db: Db, actor: Actor, id: string) {
  const e = await repo.findEntry(db, id);
  if (!e || !inScope(actor, e.unitPath)) throw notFound('card entry');
  return e;
}

export async function listEntries(
  db: Db,
  actor: Actor,
  q: { q?: string; kind?: EntryKind; unmask?: boolean; page?: number; pageSize?: number },
) {
  assertCan(actor, 'cards:read');
  const full = wantsUnmasked(actor, q.unmask);
  const pageSize = q.pageSize ?? 50;
  return db.transaction(async (tx) => {
    const search = q.q?.trim() ? (accountKey(q.q.trim()) ?? phoneKey(q.q.trim()) ?? q.q.trim()) : undefined;
    const { rows, total } = await repo.listEntries(tx, {
      pathPrefix: actor.unitPath,
      q: search,
      kind: q.kind,
      limit: pageSize,
      offset: ((q.page ?? 1) - 1) * pageSize,
    });
    if (rows.length)
      await audit(tx, actor, {
        action: full ? 'view_unmasked' : 'view',
        entityType: 'card_entry',
        details: { query: { q: q.q, kind: q.kind }, ids: rows.map((r) => r.id) },
      });
    return { items: rows.map((r) => presentEntry(r, full)), total };
  });
}

export async function getEntry(db: Db, actor: Actor, id: string, unmask?: boolean): Promise<CardEntry> {
  assertCan(actor, 'cards:read');
  const full = wantsUnmasked(actor, unmask);
  return db.transaction(async (tx) => {
    const e = await visibleEntry(tx, actor, id);
    const ms = await repo.listMeasures(tx, { entryId: id, limit: 1000 });
    await audit(tx, actor, { action: full ? 'view_unmasked' : 'view', entityType: 'card_entry', entityId: id });
    return presentEntry(
      { ...e, restricted: ms.some((m) => restricts(m.status as MeasureStatus)), measures: ms.length },
      full,
    );
  });
}

/** Proposes a measure. It restricts nobody until another person confirms it. */
export async function proposeMeasure(
  db: Db,
  actor: Actor,
  input: NewMeasure,
  clock: Clock,
): Promise<{ id: string; status: 'proposed' }> {
  assertCan(actor, 'cards:write');
  const now = clock();
  const endsAt = new Date(input.endsAt);
  return db.transaction(async (tx) => {
    const e = await visibleEntry(tx, actor, input.entryId).catch(() => {
      throw invalid('entryId', 'no such card entry in your jurisdiction');
    });
    const kind = e.kind as EntryKind;
    if (!MEASURES_FOR[kind].includes(input.measure))
      throw invalid('measure', `${input.measure} does not apply to a ${kind}`);
    const problem = checkDuration({ startsAt: now, endsAt }, await repo.earlierTerms(tx, e.id, input.measure));
    if (problem) throw invalid('endsAt', DURATION_TEXT[problem]);
    const partner = await addressee(tx, kind, e.unitPath, input.partnerUnitId);
    const id = randomUUID();
    await repo.insertMeasure(tx, {
      id,
      entryId: e.id,
      measure: input.measure,
      status: 'proposed',
      reason: input.reason,
      startsAt: now,
      endsAt,
      partnerUnitId: partner?.id ?? null,
      proposedBy: actor.id,
      proposedByName: actor.name,
      proposedAt: now,
      history: [{ at: now.toISOString(), by: actor.name, from: null, to: 'proposed', note: input.reason }],
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'card_measure',
      entityId: id,
      details: { entryId: e.id, measure: input.measure, endsAt: input.endsAt },
    });
    return { id, status: 'proposed' as const };
  });
}

const DURATION_TEXT: Record<NonNullable<ReturnType<typeof checkDuration>>, string> = {
  ends_before_start: 'the end must be after today',
  term_too_short: 'a term is at least 2 years (2024 joint penalty rules)',
  term_too_long: 'a term is at most 3 years (2024 joint penalty rules)',
  more_than_consecutive_limit: 'at most 5 consecutive years of the same measure',
};

async function addressee(db: Db, kind: EntryKind, entryPath: string, partnerUnitId?: string) {
  const want = partnerKindFor(kind);
  if (partnerUnitId) {
    const u = await repo.findUnit(db, partnerUnitId);
    // a bank's branch (where its liaison sits, e.g. 工商银行金城江支行) executes for the bank
    const ok = u && (u.kind === want || (want === 'bank' && u.kind === 'bank_branch'));
    if (!ok) throw invalid('partnerUnitId', `address a ${want} unit`);
    return u;
  }
  return repo.nearestPartner(db, want, entryPath);
}

type Action = 'confirm' | 'reject' | 'ack' | 'appeal' | 'decide' | 'release';
const PERM: Record<Action, Parameters<typeof assertCan>[1]> = {
  confirm: 'cards:confirm',
  reject: 'cards:confirm',
  ack: 'cards:ack',
  appeal: 'cards:write',
  decide: 'cards:confirm',
  release: 'cards:ack',
};

/** One step of a measure's life, by a person: permission, visibility, the pure transition, the row, the audit. */
export async function act(
  db: Db,
  actor: Actor,
  id: string,
  action: Action,
  clock: Clock,
  body: { reason?: string; upheld?: boolean } = {},
): Promise<Measure> {
  assertCan(actor, PERM[action]);
  const now = clock();
  return db.transaction(async (tx) => {
    const m = await repo.findMeasure(tx, id, true);
    const partnerSide = action === 'ack' || action === 'release';
    const visible =
      m &&
      (partnerSide
        ? !!m.partnerUnitPath &&
          actor.unitPath.startsWith(m.partnerUnitPath) &&
          m.status !== 'proposed' &&
          m.status !== 'rejected'
        : inScope(actor, m.entryUnitPath));
    if (!m || !visible) throw notFound('measure');
    const byKind = actor.kind;
    const event: MeasureEvent =
      action === 'decide'
        ? { type: 'decide', by: actor.id, byKind, upheld: !!body.upheld }
        : { type: action, by: actor.id, byKind };
    const r = transition(
      { status: m.status as MeasureStatus, proposedBy: m.proposedBy, confirmedBy: m.confirmedBy, endsAt: m.endsAt },
      event,
    );
    if (!r.ok) {
      if (r.reason === 'same_person') {
        throw forbidden(
          action === 'confirm'
            ? 'a measure is confirmed by another person than who proposed it'
            : 'an appeal is decided by a third person, not who proposed or confirmed the measure',
        );
      }
      if (r.reason === 'needs_a_person') throw forbidden('only a person may take this step');
      throw illegalTransition(`cannot ${action} a measure that is ${m.status}`);
    }
    const set: Parameters<typeof repo.updateMeasure>[2] = {
      status: r.status,
      history: [
        ...m.history,
        {
          at: now.toISOString(),
          by: actor.name,
          from: m.status,
          to: r.status,
          ...(body.reason ? { note: body.reason } : {}),
        },
      ],
    };
    if (action === 'confirm') Object.assign(set, { confirmedBy: actor.id, confirmedAt: now });
    if (action === 'ack') Object.assign(set, { ackBy: actor.id, ackAt: now });
    if (action === 'appeal') Object.assign(set, { appealReason: body.reason ?? null, appealedAt: now });
    if (action === 'decide')
      Object.assign(set, { decidedBy: actor.id, decisionReason: body.reason ?? null, decidedAt: now });
    if (action === 'release') Object.assign(set, { endedAt: now });
    await repo.updateMeasure(tx, id, set);
    if (action === 'confirm') await notify(tx, m, 'apply', now);
    if (action === 'decide' && r.status === 'revoked') await notify(tx, m, 'lift', now);
    await audit(tx, actor, {
      action: 'transition',
      entityType: 'card_measure',
      entityId: id,
      details: { from: m.status, to: r.status, reason: body.reason },
    });
    return presentMeasure((await repo.findMeasure(tx, id))!, partnerSide);
  });
}

const MEASURE_ZH: Record<MeasureKind, string> = {
  stop_non_counter: '停止非柜面业务',
  limit_functions: '限制部分功能',
  suspend_new_business: '暂停新业务',
  limit_new_lines: '限制入网',
};
async function notify(db: Db, m: repo.MeasureRow, kind: 'apply' | 'lift' | 'expired', now: Date) {
  const what = `${m.entryKind === 'phone' ? '号码' : '账户'} ${m.entryValue}「${MEASURE_ZH[m.measure as MeasureKind]}」`;
  const text =
    kind === 'apply'
      ? `请执行：${what}，期限至 ${m.endsAt.toISOString().slice(0, 10)}。`
      : kind === 'lift'
        ? `申诉成立，请解除：${what}。`
        : `措施到期，请解除：${what}（到期日 ${m.endsAt.toISOString().slice(0, 10)}）。`;
  await repo.insertNotice(db, {
    id: randomUUID(),
    measureId: m.id,
    partnerUnitId: m.partnerUnitId,
    kind,
    text,
    createdAt: now,
  });
}

/** Ends every measure whose term is over and tells its partner to release the card. Idempotent; run on a timer. */
export async function sweepExpired(db: Db, actor: Actor, clock: Clock): Promise<number> {
  const now = clock();
  const due = await repo.dueForExpiry(db, now);
  let n = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const m = await repo.findMeasure(tx, id, true);
      if (!m) return;
      const r = transition(
        { status: m.status as MeasureStatus, proposedBy: m.proposedBy, confirmedBy: m.confirmedBy, endsAt: m.endsAt },
        { type: 'expire', at: now },
      );
      if (!r.ok) return;
      await repo.updateMeasure(tx, id, {
        status: r.status,
        endedAt: now,
        history: [
          ...m.history,
          { at: now.toISOString(), by: actor.name, from: m.status, to: r.status, note: '期满自动解除' },
        ],
      });
      await notify(tx, m, 'expired', now);
      await audit(tx, actor, {
        action: 'transition',
        entityType: 'card_measure',
        entityId: id,
        details: { from: m.status, to: r.status },
      });
      n++;
    });
  }
  return n;
}

/** Measures of an entry (police side) or addressed to the caller's bank/telecom (partner side, confirmed ones only). */
export async function listMeasures(
  db: Db,
  actor: Actor,
  q: { entryId?: string; status?: MeasureStatus; addressed?: boolean },
): Promise<{ items: Measure[] }> {
  const partnerSide = isPartner(actor) || q.addressed === true;
  if (partnerSide) assertCan(actor, 'cards:ack');
  else assertCan(actor, 'cards:read');
  return db.transaction(async (tx) => {
    const rows = partnerSide
      ? await repo.listMeasures(tx, { partnerPathOf: actor.unitPath, entryId: q.entryId, status: q.status, limit: 500 })
      : await repo.listMeasures(tx, { pathPrefix: actor.unitPath, entryId: q.entryId, status: q.status, limit: 500 });
    if (rows.length)
      await audit(tx, actor, {
        action: 'view',
        entityType: 'card_measure',
        details: { query: q, ids: rows.map((r) => r.id) },
      });
    // the partner executes on the card itself, so it sees the full number of what is addressed to it
    return { items: rows.map((r) => presentMeasure(r, partnerSide)) };
  });
}

export async function listNotices(db: Db, actor: Actor): Promise<{ items: Notice[] }> {
  assertCan(actor, 'cards:ack');
  const rows = await repo.listNotices(db, actor.unitPath);
  return {
    items: rows.map((n) => ({
      id: n.id,
      measureId: n.measureId,
      kind: n.kind,
      text: n.text,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

/** The figures leaders watch: cards controlled, measures active, appeals, repeat offenders. */
export async function cardStats(db: Db, actor: Actor): Promise<CardStats> {
  assertCan(actor, 'cards:read');
  const r = await repo.stats(db, actor.unitPath);
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    entries: n('entries'),
    cardsControlled: n('cards_controlled'),
    measuresActive: n('measures_active'),
    awaitingConfirmation: n('awaiting_confirmation'),
    awaitingExecution: n('awaiting_execution'),
    appealsPending: n('appeals_pending'),
    appealsDecided: n('appeals_decided'),
    repeatOffenders: n('repeat_offenders'),
    byMeasure: (typeof r.by_measure === 'string' ? JSON.parse(r.by_measure) : (r.by_measure ?? {})) as Record<
      string,
      number
    >,
  };
}

export const mayConfirm = (a: Actor) => can(a, 'cards:confirm');
