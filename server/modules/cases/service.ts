import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, can, inScope, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { AppError, invalid, invalidMany, notFound, type FieldProblem } from '../../platform/errors.ts';
import {
  CASE_SOURCE_NAMES,
  CASE_STAGE_NAMES,
  EVIDENCE_KINDS,
  SUSPECT_ROLE_NAMES,
  SUSPECT_STATUS_NAMES,
  type CaseAdditions,
  type CaseDetail,
  type CaseQuery,
  type CaseSource,
  type CaseStage,
  type CaseSummary,
  type ChainAction,
  type NewCase,
  type PaymentView,
} from '../../../contract/cases.ts';
import { audit } from '../audit/index.ts';
import { fraudType, fraudTypeRef } from '../fraud-types/index.ts';
import {
  accountKey,
  keyIdentifier,
  maskAccount,
  maskName,
  maskPhone,
  maskResidentId,
  normalizePhone,
  parseBankAccount,
  parseResidentId,
} from '../identifiers/index.ts';
import { visibleUnit } from '../org/index.ts';
import { residentIdOf } from '../residents/index.ts';
import { markCaseIntakeTaken, pendingCaseIntakeOfWarning } from '../dissuasion/index.ts';
import { checkTransition, countdown, TRANSITIONS } from './chain.ts';
import { publish } from '../../platform/events/index.ts';
import type { CaseRecorded } from './events.ts';
import * as repo from './repository.ts';
import type { CasesContext } from './runtime.ts';

/** Report times and payment times may run ahead of the server clock by this much (phones, partner clocks). */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_AMOUNT = 1e11;

const round2 = (n: number) => Math.round(n * 100) / 100;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function wantsUnmasked(actor: Actor, unmask: boolean | undefined): boolean {
  if (!unmask) return false;
  assertMayUnmask(actor);
  return true;
}

// ── intake (接警) ────────────────────────────────────────────────────────────────────────────────────────────

interface CheckedPayment {
  paidAt: Date;
  amount: number;
  channel: string | null;
  fromAccount: string | null;
  fromAccountKey: string | null;
  toAccount: string;
  toAccountKey: string;
  toName: string | null;
  toBank: string | null;
  luhnWarning: boolean;
}

/** The kind of identifier a payment's receiving account is, from its channel (bank by default). */
function receivingKind(channel: string | undefined): 'bank_account' | 'alipay' | 'wechat' | 'wallet' {
  if (channel === 'alipay') return 'alipay';
  if (channel === 'wechat_pay') return 'wechat';
  if (channel === 'crypto') return 'wallet';
  return 'bank_account';
}

/** Payments: every problem with its field (`payments.i.x`); the valid ones, keyed. */
function checkPayments(list: NewCase['payments'], now: number, problems: FieldProblem[], offset = 0): CheckedPayment[] {
  const payments: CheckedPayment[] = [];
  list.forEach((p, i) => {
    const f = `payments.${i + offset}`;
    const paidAt = Date.parse(p.paidAt);
    if (!Number.isFinite(paidAt)) problems.push({ field: `${f}.paidAt`, reason: 'not a valid date' });
    else if (paidAt > now + CLOCK_SKEW_MS) problems.push({ field: `${f}.paidAt`, reason: 'is in the future' });
    if (!Number.isFinite(p.amount) || p.amount <= 0)
      problems.push({ field: `${f}.amount`, reason: 'must be a positive amount' });
    else if (p.amount > MAX_AMOUNT) problems.push({ field: `${f}.amount`, reason: 'is implausibly large' });
    let to: { key: string; value: string; bank: string | null; luhn: boolean } | null = null;
    if (!p.toAccount.trim())
      problems.push({ field: `${f}.toAccount`, reason: 'required: the account the victim paid' });
    else {
      const kind = receivingKind(p.channel);
      const k = keyIdentifier(kind, p.toAccount);
      if (!k.ok) problems.push({ field: `${f}.toAccount`, reason: k.reason });
      else if (kind === 'bank_account') {
        const b = parseBankAccount(p.toAccount);
        to = { key: k.key, value: k.value, bank: b.bank?.name ?? null, luhn: b.ok && b.luhnOk === false };
      } else to = { key: `${kind}:${k.key}`, value: k.value, bank: null, luhn: false };
    }
    let from: { key: string; value: string } | null = null;
    if (p.fromAccount?.trim()) {
      const a = parseBankAccount(p.fromAccount);
      const k = a.ok ? accountKey(a.normalized) : null;
      if (!a.ok || !k) {
        const alt = keyIdentifier(receivingKind(p.channel), p.fromAccount);
        if (alt.ok) from = { key: `${alt.kind}:${alt.key}`, value: alt.value };
        else problems.push({ field: `${f}.fromAccount`, reason: `not an account number (${a.reason ?? 'invalid'})` });
      } else from = { key: k, value: a.normalized };
    }
    if (to && Number.isFinite(paidAt) && p.amount > 0) {
      payments.push({
        paidAt: new Date(paidAt),
        amount: round2(p.amount),
        channel: p.channel ?? null,
        fromAccount: from?.value ?? null,
        fromAccountKey: from?.key ?? null,
        toAccount: to.value,
        toAccountKey: to.key,
        toName: p.toName?.trim() || null,
        toBank: p.toBank?.trim() || to.bank,
        luhnWarning: to.luhn,
      });
    }
  });

  return payments;
}

/** Identifiers keyed by the identifiers module; duplicates (same kind and key) folded. */
function checkIdentifiers(list: NonNullable<NewCase['identifiers']>, problems: FieldProblem[]) {
  const identifiers: { kind: string; key: string; value: string }[] = [];
  list.forEach((x, i) => {
    const k = keyIdentifier(x.kind, x.value);
    if (!k.ok)
      problems.push({
        field: `identifiers.${i}.${k.reason.startsWith('unknown identifier kind') ? 'kind' : 'value'}`,
        reason: k.reason,
      });
    else if (!identifiers.some((y) => y.kind === k.kind && y.key === k.key))
      identifiers.push({ kind: k.kind, key: k.key, value: k.value });
  });

  return identifiers;
}

/** Validates a case body: every problem at once, with its field. Pure apart from the clock. */
export function checkNewCase(body: NewCase, now: number) {
  const problems: FieldProblem[] = [];
  const reportedAt = Date.parse(body.reportedAt);
  if (!Number.isFinite(reportedAt)) problems.push({ field: 'reportedAt', reason: 'not a valid date' });
  else if (reportedAt > now + CLOCK_SKEW_MS) problems.push({ field: 'reportedAt', reason: 'is in the future' });

  const name = body.victim.name.trim();
  if (!name) problems.push({ field: 'victim.name', reason: 'required' });
  const phone = normalizePhone(body.victim.phone);
  if (!phone.ok) problems.push({ field: 'victim.phone', reason: `not a phone number (${phone.reason})` });
  else if (phone.kind === 'service' || phone.spoofSuspect)
    problems.push({ field: 'victim.phone', reason: "a service number or a spoofed number is not a victim's phone" });
  let idNumber: string | null = null;
  if (body.victim.idNumber?.trim()) {
    const id = parseResidentId(body.victim.idNumber);
    if (!id.ok) problems.push({ field: 'victim.idNumber', reason: `not a valid resident ID (${id.reason})` });
    else idNumber = id.normalized;
  }

  const types: string[] = [];
  body.fraudTypes.forEach((code, i) => {
    if (!fraudType(code)) problems.push({ field: `fraudTypes.${i}`, reason: `unknown fraud type ${code}` });
    else if (!types.includes(code)) types.push(code);
  });

  if (!Number.isFinite(body.loss) || body.loss < 0)
    problems.push({ field: 'loss', reason: 'must be a non-negative amount' });
  else if (body.loss > MAX_AMOUNT) problems.push({ field: 'loss', reason: 'is implausibly large' });

  const payments = checkPayments(body.payments, now, problems);
  const identifiers = checkIdentifiers(body.identifiers ?? [], problems);
  return {
    problems,
    value: {
      reportedAt: new Date(reportedAt),
      victimName: name,
      phone: phone.ok ? phone.national : null,
      phoneKey: phone.ok ? phone.key : null,
      idNumber,
      fraudTypes: types,
      loss: round2(body.loss),
      summary: body.summary.trim(),
      payments,
      identifiers,
    },
  };
}

type Checked = ReturnType<typeof checkNewCase>['value'];

/** Writes a checked case, its payments, identifiers and first step, the audit row and `case.recorded`, in `tx`. */
async function recordCase(
  tx: Db,
  actor: Actor,
  c: {
    unitId: string;
    source: CaseSource;
    reference: string | null;
    dedupeKey: string;
    v: Checked;
    contactMethod: string | null;
    fromWarningId: string | null;
  },
  now: number,
): Promise<string> {
  const { v } = c;
  const id = randomUUID();
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const caseNo = `AJ${day}${id.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
  const residentId = await residentIdOf(tx, { idNumber: v.idNumber, phone: v.phone });
  const at = new Date(now);
  await repo.insertCase(tx, {
    id,
    caseNo,
    unitId: c.unitId,
    source: c.source,
    reference: c.reference,
    dedupeKey: c.dedupeKey,
    reportedAt: v.reportedAt,
    victimName: v.victimName,
    victimPhone: v.phone,
    victimPhoneKey: v.phoneKey,
    victimIdNumber: v.idNumber,
    victimResidentId: residentId,
    contactMethod: c.contactMethod,
    fraudTypes: v.fraudTypes,
    loss: v.loss,
    summary: v.summary,
    stage: 'reported',
    stageAt: v.reportedAt,
    fromWarningId: c.fromWarningId,
    recordedBy: actor.id,
    recordedByName: actor.name,
    createdAt: at,
    updatedAt: at,
  });
  const paymentRows = v.payments.map((p, i) => ({
    id: randomUUID(),
    caseId: id,
    seq: i + 1,
    ...p,
    luhnWarning: p.luhnWarning ? 1 : 0,
  }));
  await repo.insertPayments(tx, paymentRows);
  await repo.insertIdentifiers(
    tx,
    v.identifiers.map((x) => ({ caseId: id, ...x })),
  );
  await repo.insertStep(tx, {
    id: randomUUID(),
    caseId: id,
    stage: 'reported',
    at: v.reportedAt,
    officerId: actor.id,
    officerName: actor.name,
    createdAt: at,
  });
  await audit(tx, actor, {
    action: 'create',
    entityType: 'case',
    entityId: id,
    details: { caseNo, source: c.source, payments: paymentRows.length, loss: v.loss, fromWarningId: c.fromWarningId },
  });
  await publish(tx, 'case.recorded', recordedPayload(id, c.unitId, v, paymentRows, c.fromWarningId));
  return id;
}

/**
 * A warning closed 已被骗 becomes a case (the `warning.closed` subscriber, subscribers.ts): prefilled from the
 * intake request the closure left (subject, fraud types, loss, the officer's note), owned by the warning's unit,
 * at stage 接警 without payments — the officer adds them. Once per warning; nothing when the request was withdrawn.
 */
export async function caseFromWarning(
  tx: Db,
  actor: Actor,
  ev: { warningId: string; closedAt: string },
  now: number,
): Promise<string | null> {
  const dedupeKey = `warning:${ev.warningId}`;
  const existing = await repo.findByDedupeKey(tx, dedupeKey);
  const intake = await pendingCaseIntakeOfWarning(tx, ev.warningId);
  if (existing) {
    // closed 已被骗 again after a reopening withdrew its case: the same case is reinstated (one case per warning)
    const row = await repo.caseOfWarning(tx, ev.warningId);
    if (row?.withdrawnAt && intake) {
      await repo.setWithdrawn(tx, row.id, null, null, new Date(now));
      await markCaseIntakeTaken(tx, intake.id, row.id, now);
      await audit(tx, actor, { action: 'update', entityType: 'case', entityId: row.id, details: { reinstated: true } });
    }
    return null;
  }
  if (!intake) return null;
  const phone = intake.subject.phone ? normalizePhone(intake.subject.phone) : null;
  const id = intake.subject.idNumber ? parseResidentId(intake.subject.idNumber) : null;
  const v: Checked = {
    reportedAt: new Date(Date.parse(ev.closedAt) || now),
    victimName: intake.subject.name?.trim() || '（预警对象）',
    phone: phone?.ok ? phone.national : null,
    phoneKey: phone?.ok ? phone.key : null,
    idNumber: id?.ok ? id.normalized : null,
    fraudTypes: intake.fraudTypes.filter((t) => fraudType(t)),
    loss: round2(intake.loss),
    summary: `预警转案（已被骗）：${intake.note}`,
    payments: [],
    identifiers: [],
  };
  const caseId = await recordCase(
    tx,
    actor,
    {
      unitId: intake.unitId,
      source: 'warning',
      reference: ev.warningId,
      dedupeKey,
      v,
      contactMethod: null,
      fromWarningId: ev.warningId,
    },
    now,
  );
  await markCaseIntakeTaken(tx, intake.id, caseId, now);
  return caseId;
}

const sourceOf = (body: NewCase): CaseSource => body.source ?? (body.fromWarningId ? 'warning' : 'walk_in');

function dedupeKeyOf(body: NewCase, phoneKey: string, reportedAt: Date): { key: string; field: string } {
  if (body.fromWarningId) return { key: `warning:${body.fromWarningId}`, field: 'fromWarningId' };
  if (body.reference) return { key: `${sourceOf(body)}:${body.reference.trim()}`, field: 'reference' };
  return { key: `victim:${phoneKey}:${reportedAt.toISOString()}`, field: 'reportedAt' };
}

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/**
 * Records a case (接警): validates everything first (400 with every field, nothing written), refuses the same
 * report twice, links the victim to the resident registry, and publishes `case.recorded` in the same transaction
 * (the orders module drafts a 紧急止付 per payment from it).
 */
export async function createCase(ctx: CasesContext, actor: Actor, body: NewCase) {
  assertCan(actor, 'cases:write');
  const now = ctx.now();
  const { problems, value: v } = checkNewCase(body, now);
  if (problems.length) throw invalidMany(problems);
  const dedupe = dedupeKeyOf(body, v.phoneKey!, v.reportedAt);
  try {
    return await ctx.db.transaction(async (tx) => {
      const unitId = body.unitId ?? actor.unitId;
      const unit = unitId ? await visibleUnit(tx, actor, unitId).catch(() => null) : null;
      if (!unit) throw invalid('unitId', 'no such unit in your jurisdiction');
      const dup = await repo.findByDedupeKey(tx, dedupe.key);
      if (dup) throw invalid(dedupe.field, `duplicate: this report is already case ${dup.id}`);
      const same = await repo.samePayments(tx, v.phoneKey!, v.payments);
      if (same.length) {
        const i = v.payments.findIndex((p) =>
          same.some(
            (s) =>
              s.toAccountKey === p.toAccountKey && s.paidAt.getTime() === p.paidAt.getTime() && s.amount === p.amount,
          ),
        );
        throw invalid(
          `payments.${i}`,
          `duplicate: this payment of the victim is already recorded in case ${same[0]!.caseId}`,
        );
      }
      const id = await recordCase(
        tx,
        actor,
        {
          unitId: unit.id,
          source: sourceOf(body),
          reference: body.reference?.trim() || null,
          dedupeKey: dedupe.key,
          v,
          contactMethod: body.contactMethod ?? null,
          fromWarningId: body.fromWarningId ?? null,
        },
        now,
      );
      const row = (await repo.findCase(tx, id))!;
      return {
        ...presentSummary(row, false),
        payments: (await repo.paymentsOf(tx, id)).map((p) => presentPayment(p, false)),
        identifiers: v.identifiers.map((x) => ({ ...x, value: maskIdentifier(x.kind, x.value) })),
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid(dedupe.field, 'duplicate: this report is already a case');
    throw e;
  }
}

function recordedPayload(
  caseId: string,
  unitId: string,
  v: ReturnType<typeof checkNewCase>['value'],
  payments: {
    id: string;
    paidAt: Date;
    amount: number;
    fromAccount: string | null;
    toAccount: string;
    toName: string | null;
    toBank: string | null;
    channel: string | null;
  }[],
  fromWarningId?: string | null,
): CaseRecorded {
  return {
    caseId,
    unitId,
    reportedAt: v.reportedAt.toISOString(),
    fraudTypes: v.fraudTypes,
    loss: v.loss,
    victim: {
      name: v.victimName,
      ...(v.phone ? { phone: v.phone } : {}),
      ...(v.phoneKey ? { phoneKey: v.phoneKey } : {}),
      ...(v.idNumber ? { idNumberKey: v.idNumber } : {}),
    },
    identifiers: v.identifiers,
    payments: payments.map((p) => ({
      paymentId: p.id,
      paidAt: p.paidAt.toISOString(),
      amount: p.amount,
      toAccount: p.toAccount,
      ...(p.fromAccount ? { fromAccount: p.fromAccount } : {}),
      ...(p.toName ? { toName: p.toName } : {}),
      ...(p.toBank ? { toBank: p.toBank } : {}),
      ...(p.channel ? { channel: p.channel } : {}),
    })),
    ...(fromWarningId ? { fromWarningId } : {}),
  };
}

// ── presentation (masked unless the role may, the caller asks and gives a purpose) ─────────────────────────

function maskIdentifier(kind: string, value: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'id_number':
      return maskResidentId(value);
    case 'bank_account':
      return maskAccount(value);
    case 'wechat':
    case 'alipay':
    case 'qq':
    case 'email':
      return value.length <= 4 ? '****' : `${value.slice(0, 2)}****${value.slice(-2)}`;
    default:
      return value; // URLs, apps, wallets, devices, IPs: the fraud's infrastructure, not personal data
  }
}

const maskAccountLike = (v: string) => (/^\d+$/.test(v) ? maskAccount(v) : maskIdentifier('alipay', v));

export function presentSummary(r: repo.CaseRow, full: boolean): CaseSummary {
  return {
    id: r.id,
    caseNo: r.caseNo,
    unitId: r.unitId,
    unitName: r.unitName,
    source: r.source,
    sourceName: CASE_SOURCE_NAMES[r.source as CaseSource] ?? r.source,
    reference: r.reference,
    reportedAt: r.reportedAt.toISOString(),
    stage: r.stage as CaseStage,
    stageName: CASE_STAGE_NAMES[r.stage as CaseStage] ?? r.stage,
    fraudTypes: r.fraudTypes.map(fraudTypeRef),
    loss: r.loss,
    paid: round2(r.paid),
    paymentCount: r.paymentCount,
    victim: {
      name: full ? r.victimName : maskName(r.victimName),
      phone: r.victimPhone ? (full ? r.victimPhone : maskPhone(r.victimPhone)) : null,
      idNumber: r.victimIdNumber ? (full ? r.victimIdNumber : maskResidentId(r.victimIdNumber)) : null,
      residentId: r.victimResidentId,
    },
    contactMethod: r.contactMethod,
    fromWarningId: r.fromWarningId,
    withdrawn: r.withdrawnAt ? { at: r.withdrawnAt.toISOString(), reason: r.withdrawnReason } : null,
    masked: !full,
    createdAt: r.createdAt.toISOString(),
  };
}

type PaymentRow = Awaited<ReturnType<typeof repo.paymentsOf>>[number];
function presentPayment(p: PaymentRow, full: boolean): PaymentView {
  return {
    id: p.id,
    seq: p.seq,
    paidAt: p.paidAt.toISOString(),
    amount: p.amount,
    channel: p.channel,
    fromAccount: p.fromAccount ? (full ? p.fromAccount : maskAccountLike(p.fromAccount)) : null,
    toAccount: full ? p.toAccount : maskAccountLike(p.toAccount),
    ...(full ? { toAccountKey: p.toAccountKey } : {}),
    toName: p.toName ? (full ? p.toName : maskName(p.toName)) : null,
    toBank: p.toBank,
    luhnWarning: p.luhnWarning === 1,
  };
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function listCases(ctx: CasesContext, actor: Actor, q: CaseQuery) {
  assertCan(actor, 'cases:read');
  const full = wantsUnmasked(actor, q.unmask);
  const pageSize = q.pageSize ?? 50;
  let accountKeyQ: string | undefined;
  if (q.account) {
    const k = accountKey(q.account);
    if (!k) throw invalid('account', 'not an account number');
    accountKeyQ = k;
  }
  let qq = q.q?.trim() || undefined;
  if (qq) {
    const p = normalizePhone(qq);
    if (p.ok) qq = p.key;
  }
  return ctx.db.transaction(async (tx) => {
    const { rows, total } = await repo.searchCases(tx, {
      pathPrefix: actor.unitPath,
      stage: q.stage,
      type: q.type,
      source: q.source,
      unitId: q.unitId,
      q: qq,
      accountKey: accountKeyQ,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: pageSize,
      offset: ((q.page ?? 1) - 1) * pageSize,
    });
    if (rows.length) {
      await audit(tx, actor, {
        action: full ? 'view_unmasked' : 'view',
        entityType: 'case',
        details: { query: { stage: q.stage, type: q.type, q: q.q, account: q.account }, ids: rows.map((r) => r.id) },
      });
    }
    const now = ctx.now();
    return {
      items: rows.map((r) => ({ ...presentSummary(r, full), countdown: presentCountdown(r, now, ctx) })),
      total,
    };
  });
}

function presentCountdown(r: { stage: string; stageAt: Date }, now: number, ctx: CasesContext) {
  const c = countdown({ stage: r.stage as CaseStage, stageAt: r.stageAt.getTime() }, now, ctx.chain);
  return c ? { ...c, dueAt: new Date(c.dueAt).toISOString() } : null;
}

async function loadVisible(tx: Db, actor: Actor, id: string): Promise<repo.CaseRow> {
  const row = await repo.findCase(tx, id);
  if (!row || !inScope(actor, row.unitPath)) throw notFound('case');
  return row;
}

/** One case with its payments, chain and countdown, orders, evidence, suspects, the victim's warnings, and timeline. */
export async function getCase(ctx: CasesContext, actor: Actor, id: string, unmask?: boolean): Promise<CaseDetail> {
  assertCan(actor, 'cases:read');
  const full = wantsUnmasked(actor, unmask);
  return ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    const [payments, identifiers, steps, evidence, suspects] = await Promise.all([
      repo.paymentsOf(tx, id),
      repo.identifiersOf(tx, id),
      repo.stepsOf(tx, id),
      repo.evidenceOf(tx, id),
      repo.suspectsOf(tx, id),
    ]);
    const custody = await repo.custodyOf(
      tx,
      evidence.map((e) => e.id),
    );
    const orders = can(actor, 'orders:read') ? await ctx.ordersOfCase(tx, actor, id) : [];
    const warnings = await ctx.warningsOfVictim(tx, actor, { phone: row.victimPhone, idNumber: row.victimIdNumber });
    await audit(tx, actor, { action: full ? 'view_unmasked' : 'view', entityType: 'case', entityId: id });
    const now = ctx.now();
    const timeline: CaseDetail['timeline'] = [
      ...steps.map((s) => ({
        at: s.at.toISOString(),
        kind: `stage.${s.stage}`,
        text: `${CASE_STAGE_NAMES[s.stage as CaseStage] ?? s.stage}${s.reason ? `：${s.reason}` : ''}`,
        actorName: s.officerName,
      })),
      ...payments.map((p) => ({
        at: p.paidAt.toISOString(),
        kind: 'payment',
        text: `转账 ¥${p.amount} → ${p.toBank ?? ''} ${full ? p.toAccount : maskAccountLike(p.toAccount)}`,
        actorName: null,
      })),
      ...custody.map((c) => ({
        at: c.at.toISOString(),
        kind: `evidence.${c.action}`,
        text: `${evidence.find((e) => e.id === c.evidenceId)?.fileName ?? ''}${c.toCustodian ? ` → ${c.toCustodian}` : ''}`,
        actorName: c.actorName,
      })),
      ...suspects.map((s) => ({
        at: s.createdAt.toISOString(),
        kind: 'suspect',
        text: `${SUSPECT_ROLE_NAMES[s.role as keyof typeof SUSPECT_ROLE_NAMES] ?? s.role} ${full ? s.name : maskName(s.name)}`,
        actorName: null,
      })),
      ...orders.map((o) => ({
        at: o.createdAt,
        kind: `order.${o.kind}`,
        text: `${o.kind} ${o.status} ${o.bank ?? ''}`,
        actorName: null,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return {
      ...presentSummary(row, full),
      summary: row.summary,
      payments: payments.map((p) => presentPayment(p, full)),
      identifiers: identifiers.map((x) => ({
        kind: x.kind,
        key: full ? x.key : maskIdentifier(x.kind, x.key),
        value: full ? x.value : maskIdentifier(x.kind, x.value),
      })),
      chain: steps.map((s) => ({
        id: s.id,
        stage: s.stage as CaseStage,
        stageName: CASE_STAGE_NAMES[s.stage as CaseStage] ?? s.stage,
        at: s.at.toISOString(),
        officerId: s.officerId,
        officerName: s.officerName,
        reason: s.reason,
        note: s.note,
      })),
      countdown: presentCountdown(row, now, ctx),
      nextStages: actor.permissions.has('cases:write') ? [...TRANSITIONS[row.stage as CaseStage]] : [],
      filingThreshold: ctx.chain.filingThreshold,
      orders,
      evidence: evidence.map((e) => ({
        id: e.id,
        kind: e.kind,
        fileName: e.fileName,
        mime: e.mime,
        size: e.size,
        sha256: e.sha256,
        description: e.description,
        collectedAt: e.collectedAt.toISOString(),
        collectedBy: e.collectedBy,
        custodian: e.custodian,
        custody: custody
          .filter((c) => c.evidenceId === e.id)
          .map((c) => ({
            action: c.action,
            at: c.at.toISOString(),
            actorName: c.actorName,
            toCustodian: c.toCustodian,
            note: c.note,
          })),
      })),
      suspects: suspects.map((s) => ({
        id: s.id,
        name: full ? s.name : maskName(s.name),
        idNumber: s.idNumber ? (full ? s.idNumber : maskResidentId(s.idNumber)) : null,
        phone: s.phone ? (full ? s.phone : maskPhone(s.phone)) : null,
        role: s.role,
        roleName: SUSPECT_ROLE_NAMES[s.role as keyof typeof SUSPECT_ROLE_NAMES] ?? s.role,
        status: s.status,
        statusName: SUSPECT_STATUS_NAMES[s.status as keyof typeof SUSPECT_STATUS_NAMES] ?? s.status,
        arrestedAt: iso(s.arrestedAt),
        note: s.note,
        createdAt: s.createdAt.toISOString(),
      })),
      warnings,
      timeline,
    };
  });
}

// ── the chain ────────────────────────────────────────────────────────────────────────────────────────────────

/** One step along the chain, checked by the pure state machine (chain.ts); the step and its audit row together. */
export async function advanceCase(ctx: CasesContext, actor: Actor, id: string, action: ChainAction) {
  assertCan(actor, 'cases:write');
  const now = ctx.now();
  const at = action.at ? Date.parse(action.at) : now;
  if (at > now + CLOCK_SKEW_MS) throw invalid('at', 'is in the future');
  await ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, id);
    const check = checkTransition(
      { stage: row.stage as CaseStage, stageAt: row.stageAt.getTime(), loss: row.loss },
      action.to,
      { at, reason: action.reason },
      ctx.chain,
    );
    if (!check.ok) {
      if (check.code === 'invalid_transition')
        throw new AppError('conflict', check.message, [{ field: check.field, reason: check.message }]);
      throw invalid(check.field, check.message);
    }
    if (!(await repo.updateStage(tx, id, row.stage, action.to, new Date(at), new Date(now)))) {
      throw new AppError('conflict', 'the case moved on meanwhile: reload', [{ field: 'to', reason: 'stale' }]);
    }
    await repo.insertStep(tx, {
      id: randomUUID(),
      caseId: id,
      stage: action.to,
      at: new Date(at),
      officerId: actor.id,
      officerName: actor.name,
      reason: action.reason?.trim() || null,
      note: action.note?.trim() || null,
      createdAt: new Date(now),
    });
    await audit(tx, actor, {
      action: 'transition',
      entityType: 'case',
      entityId: id,
      details: { from: row.stage, to: action.to, reason: action.reason },
    });
  });
  return getCase(ctx, actor, id);
}

// ── for other modules (index.ts) ─────────────────────────────────────────────────────────────────────────────

/** 404 unless the case exists inside the actor's jurisdiction (orders, graph, stats check this before acting). */
export async function assertCaseVisible(
  db: Db,
  actor: Actor,
  caseId: string,
): Promise<{ id: string; unitPath: string }> {
  const path = await repo.casePath(db, caseId);
  if (!path || !inScope(actor, path)) throw notFound('case');
  return { id: caseId, unitPath: path };
}

/** The case as other modules need it (full values: the caller masks when it presents); 404 outside the jurisdiction. */
export async function getCaseForActor(
  db: Db,
  actor: Actor,
  caseId: string,
): Promise<CaseRecorded & { caseNo: string; stage: CaseStage; unitPath: string }> {
  const row = await repo.findCase(db, caseId);
  if (!row || !inScope(actor, row.unitPath)) throw notFound('case');
  const [payments, identifiers] = await Promise.all([repo.paymentsOf(db, caseId), repo.identifiersOf(db, caseId)]);
  return {
    caseId: row.id,
    caseNo: row.caseNo,
    stage: row.stage as CaseStage,
    unitId: row.unitId,
    unitPath: row.unitPath,
    reportedAt: row.reportedAt.toISOString(),
    fraudTypes: row.fraudTypes,
    loss: row.loss,
    victim: {
      name: row.victimName,
      ...(row.victimPhone ? { phone: row.victimPhone } : {}),
      ...(row.victimPhoneKey ? { phoneKey: row.victimPhoneKey } : {}),
      ...(row.victimIdNumber ? { idNumberKey: row.victimIdNumber } : {}),
    },
    identifiers: identifiers.map((x) => ({ kind: x.kind, key: x.key, value: x.value })),
    payments: payments.map((p) => ({
      paymentId: p.id,
      paidAt: p.paidAt.toISOString(),
      amount: p.amount,
      toAccount: p.toAccount,
      ...(p.fromAccount ? { fromAccount: p.fromAccount } : {}),
      ...(p.toName ? { toName: p.toName } : {}),
      ...(p.toBank ? { toBank: p.toBank } : {}),
      ...(p.channel ? { channel: p.channel } : {}),
    })),
    ...(row.fromWarningId ? { fromWarningId: row.fromWarningId } : {}),
  };
}

export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// ── evidence (勘验取证) with its chain of custody ─────────────────────────────────────────────────────────────

const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

/** Stores a file (SHA-256 computed here) and records it as collected: the custody row and the audit row together. */
export async function addEvidence(
  ctx: CasesContext,
  actor: Actor,
  caseId: string,
  file: { fileName: string; mime?: string; data: Buffer },
  meta: { kind?: string; description?: string },
) {
  assertCan(actor, 'cases:write');
  if (meta.kind && !(EVIDENCE_KINDS as readonly string[]).includes(meta.kind))
    throw invalid('kind', `one of ${EVIDENCE_KINDS.join(', ')}`);
  if (meta.description && meta.description.length > 2000) throw invalid('description', 'at most 2000 characters');
  if (!ctx.storage) throw new AppError('unprocessable', 'no evidence storage configured');
  if (!file.data.length) throw invalid('file', 'empty file');
  if (file.data.length > MAX_EVIDENCE_BYTES)
    throw new AppError('payload_too_large', `evidence files are limited to ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a stored file name must not carry
  const fileName = file.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
  await assertCaseVisible(ctx.db, actor, caseId); // before writing anything to storage
  const id = randomUUID();
  const sha256 = sha256Of(file.data);
  const storageKey = `cases/${caseId}/${id}`;
  await ctx.storage.put(storageKey, file.data, file.mime);
  const now = new Date(ctx.now());
  await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, actor, caseId);
    await repo.insertEvidence(tx, {
      id,
      caseId,
      kind: meta.kind ?? 'file',
      fileName,
      mime: file.mime ?? null,
      size: file.data.length,
      sha256,
      storageKey,
      description: meta.description?.trim() || null,
      collectedAt: now,
      collectedBy: actor.name,
      custodian: actor.name,
    });
    await repo.insertCustody(tx, {
      id: randomUUID(),
      evidenceId: id,
      action: 'collected',
      at: now,
      actorId: actor.id,
      actorName: actor.name,
      toCustodian: actor.name,
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'case_evidence',
      entityId: id,
      details: { caseId, sha256, size: file.data.length, fileName, custody: 'collected' },
    });
  });
  return { id, sha256, size: file.data.length, fileName };
}

/** The file, checked against its SHA-256; every view is a custody row and an audit row. */
export async function readEvidence(ctx: CasesContext, actor: Actor, caseId: string, evidenceId: string) {
  assertCan(actor, 'cases:read');
  if (!ctx.storage) throw new AppError('unprocessable', 'no evidence storage configured');
  const e = await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, actor, caseId);
    const ev = await repo.findEvidence(tx, caseId, evidenceId);
    if (!ev) throw notFound('evidence');
    const now = new Date(ctx.now());
    await repo.insertCustody(tx, {
      id: randomUUID(),
      evidenceId,
      action: 'viewed',
      at: now,
      actorId: actor.id,
      actorName: actor.name,
    });
    await audit(tx, actor, {
      action: 'view',
      entityType: 'case_evidence',
      entityId: evidenceId,
      details: { caseId, custody: 'viewed' },
    });
    return ev;
  });
  const data = await ctx.storage.get(e.storageKey);
  const intact = sha256Of(data) === e.sha256;
  return { data, fileName: e.fileName, mime: e.mime ?? 'application/octet-stream', sha256: e.sha256, intact };
}

/** Hands an item to another custodian (移交): custody row + audit row. */
export async function transferEvidence(
  ctx: CasesContext,
  actor: Actor,
  caseId: string,
  evidenceId: string,
  body: { toCustodian: string; note?: string },
) {
  assertCan(actor, 'cases:write');
  await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, actor, caseId);
    const ev = await repo.findEvidence(tx, caseId, evidenceId);
    if (!ev) throw notFound('evidence');
    const to = body.toCustodian.trim();
    if (!to) throw invalid('toCustodian', 'required');
    await repo.setCustodian(tx, evidenceId, to);
    await repo.insertCustody(tx, {
      id: randomUUID(),
      evidenceId,
      action: 'transferred',
      at: new Date(ctx.now()),
      actorId: actor.id,
      actorName: actor.name,
      toCustodian: to,
      note: body.note?.trim() || null,
    });
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case_evidence',
      entityId: evidenceId,
      details: { caseId, custody: 'transferred', from: ev.custodian, to },
    });
  });
  return { ok: true };
}

// ── suspects ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function addSuspect(
  ctx: CasesContext,
  actor: Actor,
  caseId: string,
  body: { name: string; idNumber?: string; phone?: string; role: string; status?: string; note?: string },
) {
  assertCan(actor, 'cases:write');
  const problems: FieldProblem[] = [];
  let idNumber: string | null = null;
  if (body.idNumber?.trim()) {
    const r = parseResidentId(body.idNumber);
    if (!r.ok) problems.push({ field: 'idNumber', reason: `not a valid resident ID (${r.reason})` });
    else idNumber = r.normalized;
  }
  let phone: string | null = null;
  if (body.phone?.trim()) {
    const p = normalizePhone(body.phone);
    if (!p.ok) problems.push({ field: 'phone', reason: `not a phone number (${p.reason})` });
    else phone = p.national;
  }
  if (!body.name.trim()) problems.push({ field: 'name', reason: 'required' });
  if (problems.length) throw invalidMany(problems);
  const id = randomUUID();
  const now = new Date(ctx.now());
  const status = body.status ?? 'at_large';
  await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, actor, caseId);
    await repo.insertSuspect(tx, {
      id,
      caseId,
      name: body.name.trim(),
      idNumber,
      phone,
      role: body.role,
      status,
      arrestedAt: status === 'at_large' ? null : now,
      note: body.note?.trim() || null,
      createdAt: now,
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'case_suspect',
      entityId: id,
      details: { caseId, role: body.role, status },
    });
  });
  return { id };
}

const SUSPECT_ORDER = ['at_large', 'caught', 'arrested', 'prosecuted'];

/** 在逃 → 抓获 → 逮捕 → 起诉: forward only (a step may be skipped: an arrest warrant served at capture). */
export async function updateSuspect(
  ctx: CasesContext,
  actor: Actor,
  caseId: string,
  suspectId: string,
  body: { status: string; at?: string; note?: string },
) {
  assertCan(actor, 'cases:write');
  const now = ctx.now();
  const at = body.at ? Date.parse(body.at) : now;
  if (at > now + CLOCK_SKEW_MS) throw invalid('at', 'is in the future');
  await ctx.db.transaction(async (tx) => {
    await loadVisible(tx, actor, caseId);
    const s = await repo.findSuspect(tx, caseId, suspectId);
    if (!s) throw notFound('suspect');
    if (SUSPECT_ORDER.indexOf(body.status) <= SUSPECT_ORDER.indexOf(s.status)) {
      throw new AppError('conflict', `suspect is ${s.status}: status only moves forward`, [
        { field: 'status', reason: 'only forward' },
      ]);
    }
    await repo.updateSuspect(tx, suspectId, {
      status: body.status,
      ...(s.arrestedAt ? {} : { arrestedAt: new Date(at) }),
      ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    });
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case_suspect',
      entityId: suspectId,
      details: { caseId, from: s.status, to: body.status },
    });
  });
  return { ok: true };
}

/** The bank of an account or card from its BIN, for the intake form (no personal data returned). */
export function bankOf(actor: Actor, account: string) {
  assertCan(actor, 'cases:write');
  const a = parseBankAccount(account);
  if (!a.ok) return { ok: false, reason: a.reason, bank: null, isCard: false, luhnOk: null };
  return { ok: true, reason: null, bank: a.bank?.name ?? null, isCard: a.isCardLength, luhnOk: a.luhnOk };
}

/**
 * Adds payments and identifiers found after intake (a case from a warning starts without payments): validated
 * like intake, a payment already in the case is refused, and `case.updated` carries the whole case again (orders
 * drafts stops for the payments it has not seen, by paymentId).
 */
export async function addToCase(ctx: CasesContext, actor: Actor, caseId: string, body: CaseAdditions) {
  assertCan(actor, 'cases:write');
  const now = ctx.now();
  const problems: FieldProblem[] = [];
  const payments = checkPayments(body.payments ?? [], now, problems);
  const identifiers = checkIdentifiers(body.identifiers ?? [], problems);
  if (!problems.length && !payments.length && !identifiers.length)
    problems.push({ field: 'payments', reason: 'nothing to add' });
  if (problems.length) throw invalidMany(problems);
  await ctx.db.transaction(async (tx) => {
    const row = await loadVisible(tx, actor, caseId);
    if (row.stage === 'closed')
      throw new AppError('conflict', 'the case is closed', [{ field: 'payments', reason: 'case closed' }]);
    const existing = await repo.paymentsOf(tx, caseId);
    payments.forEach((p, i) => {
      if (
        existing.some(
          (e) =>
            e.toAccountKey === p.toAccountKey && e.paidAt.getTime() === p.paidAt.getTime() && e.amount === p.amount,
        )
      ) {
        throw invalid(`payments.${i}`, 'duplicate: this payment is already in the case');
      }
    });
    const start = existing.reduce((m, e) => Math.max(m, e.seq), 0);
    await repo.insertPayments(
      tx,
      payments.map((p, i) => ({
        id: randomUUID(),
        caseId,
        seq: start + i + 1,
        ...p,
        luhnWarning: p.luhnWarning ? 1 : 0,
      })),
    );
    await repo.insertIdentifiers(
      tx,
      identifiers.map((x) => ({ caseId, ...x })),
    );
    await repo.touch(tx, caseId, new Date(now));
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case',
      entityId: caseId,
      details: { payments: payments.length, identifiers: identifiers.length },
    });
    const facts = await getCaseForActor(tx, SYSTEM_ACTOR, caseId);
    const { caseNo: _n, stage: _s, unitPath: _p, ...payload } = facts;
    await publish(tx, 'case.updated', payload);
  });
  return getCase(ctx, actor, caseId);
}

/** Who owns a case (for other modules' notices): the officer who recorded it (null: made by the system) and its unit. */
export async function caseOwner(
  db: Db,
  caseId: string,
): Promise<{ officerId: string | null; unitId: string; unitPath: string } | null> {
  const r = await repo.caseOwner(db, caseId);
  if (!r) return null;
  return { officerId: r.recordedBy === SYSTEM_ACTOR.id ? null : r.recordedBy, unitId: r.unitId, unitPath: r.unitPath };
}

/**
 * A warning closed 已被骗 was reopened (`warning.reopened`): the case its closure created is withdrawn — kept, with
 * the reason and an audit row, shown as withdrawn on its page and in lists — rather than silently left open.
 * Returns the case id, or null when the warning made no case (or it is withdrawn already).
 */
export async function withdrawCaseOfWarning(
  tx: Db,
  actor: Actor,
  ev: { warningId: string; reason?: string | null },
  now: number,
): Promise<string | null> {
  const row = await repo.caseOfWarning(tx, ev.warningId);
  // only the case the 已被骗 closure made by itself; a case an officer entered from the warning stays theirs
  if (!row || row.withdrawnAt || row.recordedBy !== SYSTEM_ACTOR.id) return null;
  const reason = `预警已重新打开${ev.reason ? `：${ev.reason}` : ''}`;
  await repo.setWithdrawn(tx, row.id, new Date(now), reason, new Date(now));
  await audit(tx, actor, {
    action: 'update',
    entityType: 'case',
    entityId: row.id,
    details: { withdrawn: true, warningId: ev.warningId, reason },
  });
  return row.id;
}
