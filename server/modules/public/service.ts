// The public side's use cases: challenge, report, check, education; the 96110 desk. Nothing here returns who
// reported or anything about another person: checks answer from counts and lists only.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { PERMISSIONS } from '../../platform/auth/policy.ts';
import { AppError, invalid, rateLimited, type FieldProblem } from '../../platform/errors.ts';
import type { CheckResult, DeskCall, DeskCallInput, PublicKind, PublicReport } from '../../../contract/public.ts';
import { MAX_SCREENSHOT_BYTES } from '../../../contract/public.ts';
import { text } from '../../../contract/texts.ts';
import { audit } from '../audit/index.ts';
import { ingestEvents } from '../ingest/index.ts';
import { checkIndicator, normalizeValue } from '../indicators/index.ts';
import { maskPhone, normalizePhone } from '../identifiers/index.ts';
import { fraudTypes } from '../fraud-types/index.ts';
import { routeSubject } from '../warnings/index.ts';
import { enterManualWarning, requestIntakeFromReport, type DissuasionRuntime } from '../dissuasion/index.ts';
import { isValidWork } from './pow.ts';
import { isImageOfType, verdictOf } from './verdict.ts';
import * as repo from './repository.ts';

export interface PublicOptions {
  /** leading zero bits of the proof of work (≈ 2^n hashes in the browser; 16 ≈ under a second on a phone) */
  difficulty: number;
  challengeTtlMs: number;
  /** reports one address may file per day */
  dailyReportsPerIp: number;
  /** per-address limits of the HTTP routes, per minute */
  reportsPerMinute: number;
  checksPerMinute: number;
  /** salt of the address hash (set ZHIWANG_PUBLIC_SALT in production so hashes are not guessable) */
  salt: string;
}
const options: PublicOptions = {
  difficulty: Number(process.env.ZHIWANG_POW_DIFFICULTY ?? 16),
  challengeTtlMs: 10 * 60_000,
  dailyReportsPerIp: 20,
  reportsPerMinute: 5,
  checksPerMinute: 30,
  salt: process.env.ZHIWANG_PUBLIC_SALT ?? 'zhiwang-public',
};
export const configurePublic = (o: Partial<PublicOptions>) => Object.assign(options, o);
export const publicOptions = (): Readonly<PublicOptions> => options;

const DAY = 86_400_000;
const LOOKBACK = 180 * DAY;

/** Who the public is in the audit log and for the ingest permission check: one fixed, narrow actor. */
const PUBLIC_ACTOR: Actor = {
  kind: 'system',
  id: 'public',
  name: '群众端',
  role: null,
  unitId: null,
  unitPath: '/',
  permissions: new Set(PERMISSIONS.filter((p) => p === 'events:write' || p === 'indicators:read')),
};
/** The public side asking for a case intake (a report of a loss): a high warning and a request, nothing more. */
const INTAKE_ACTOR: Actor = {
  ...PUBLIC_ACTOR,
  permissions: new Set(PERMISSIONS.filter((p) => p === 'warnings:write' || p === 'warnings:read')),
};

const INDICATOR_KIND = { phone: 'phone', url: 'url', account: 'account', app: 'app_package' } as const;

export async function issueChallenge(db: Db, now: number) {
  const challenge = randomBytes(16).toString('hex');
  const expiresAt = new Date(now + options.challengeTtlMs);
  await repo.insertChallenge(db, { challenge, difficulty: options.difficulty, expiresAt });
  if (Math.random() < 0.05) await repo.purgeChallenges(db, new Date(now - 3_600_000));
  return { challenge, difficulty: options.difficulty, expiresAt: expiresAt.toISOString() };
}

const keyOf = (kind: PublicKind, value: string): string => {
  const n = normalizeValue(INDICATOR_KIND[kind], value);
  if ('reason' in n) throw invalid('value', `not a valid ${kind}: ${n.reason}`);
  return n.key;
};
const ipHash = (ip: string | undefined) =>
  ip ? createHmac('sha256', options.salt).update(ip).digest('hex').slice(0, 32) : null;

export async function submitReport(
  db: Db,
  input: PublicReport,
  /** `dissuasion`: the running workflow (app.dissuasion), which opens the warning of a reported loss */
  ctx: {
    ip?: string;
    now: number;
    dissuasion: DissuasionRuntime;
    /** where a failed follow-up is reported (the request's logger) */
    log?: { warn: (obj: Record<string, unknown>, msg: string) => void };
  },
): Promise<{ id: string; duplicate: boolean }> {
  const problems: FieldProblem[] = [];
  let valueKey = '';
  try {
    valueKey = keyOf(input.kind, input.value);
  } catch (e) {
    problems.push(...(e as AppError).problems);
  }
  let contact: string | null = null;
  if (input.contact?.trim()) {
    const p = normalizePhone(input.contact);
    if (!p.ok) problems.push({ field: 'contact', reason: 'not a phone number' });
    else if (!input.consent)
      problems.push({ field: 'consent', reason: 'a contact number is kept only with consent to be contacted' });
    else contact = p.key;
  }
  const files = (input.screenshots ?? []).map((s, i) => {
    const bytes = Buffer.from(s.data, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_SCREENSHOT_BYTES)
      problems.push({
        field: `screenshots[${i}].data`,
        reason: `image must be 1 byte to ${MAX_SCREENSHOT_BYTES} bytes`,
      });
    else if (!isImageOfType(s.type, bytes))
      problems.push({ field: `screenshots[${i}].type`, reason: `the bytes are not a ${s.type} image` });
    return { type: s.type, bytes };
  });
  if (problems.length)
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);

  const now = new Date(ctx.now);
  const hash = ipHash(ctx.ip);
  const id = randomUUID();
  const result = await db.transaction(async (tx) => {
    const ch = await repo.takeChallenge(tx, input.challenge, now);
    if (!ch)
      throw invalid('challenge', 'unknown, expired or already used: get a new one from GET /api/v1/public/challenge');
    if (!isValidWork(input.challenge, input.nonce, ch.difficulty))
      throw invalid('nonce', `SHA-256(challenge + nonce) must start with ${ch.difficulty} zero bits`);
    if (hash) {
      const dup = await repo.findRecentDuplicate(tx, input.kind, valueKey, hash, new Date(ctx.now - DAY));
      if (dup) return { id: dup, duplicate: true };
      if ((await repo.countByIp(tx, hash, new Date(ctx.now - DAY))) >= options.dailyReportsPerIp)
        throw rateLimited(3600, 'too many reports from this address today');
    }
    const unitId = contact ? (await routeSubject(tx, { phone: contact })).unitId : null;
    await repo.insertReport(
      tx,
      {
        id,
        channel: 'web',
        kind: input.kind,
        value: input.value.trim(),
        valueKey,
        description: input.description,
        contact,
        consent: input.consent,
        loss: input.loss ?? null,
        ipHash: hash,
        unitId,
        createdAt: now,
      },
      files.map((f) => ({
        id: randomUUID(),
        reportId: id,
        type: f.type,
        size: f.bytes.length,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        data: f.bytes,
      })),
    );
    await audit(tx, PUBLIC_ACTOR, {
      action: 'create',
      entityType: 'public_report',
      entityId: id,
      details: { kind: input.kind, screenshots: files.length, withContact: !!contact },
    });
    return { id, duplicate: false };
  });
  // The report is taken; what follows it runs after its transaction and is resumable: each step leaves its mark
  // on the report (eventId, intakeId), a failure is logged and the report still answered (never a 500 for a
  // stored report), and the same report again — the reporter's retry, deduplicated above — redoes only the steps
  // without their mark (each is idempotent: the event id, the warning's external id, the one pending request).
  const stored = result.duplicate ? await repo.findReport(db, result.id) : undefined;
  const report = stored ?? {
    id,
    kind: input.kind,
    value: input.value,
    description: input.description,
    contact,
    loss: input.loss ?? null,
    eventId: null,
    intakeId: null,
    createdAt: now,
  };
  await followUp(db, ctx.dissuasion, report).catch((err: unknown) =>
    ctx.log?.warn({ err, reportId: report.id }, 'public report: follow-up failed; the same report again completes it'),
  );
  return result;
}

/** What the intake note calls the reported thing (the note is read by the station officer, in Chinese). */
const REPORTED_KIND_NAME: Record<PublicKind, string> = { phone: '号码', url: '网址', account: '账号', app: 'App' };

/** The steps after a stored report that are still missing: the engine's event, the case-intake request. */
async function followUp(
  db: Db,
  dissuasion: DissuasionRuntime,
  r: Pick<
    repo.ReportRow,
    'id' | 'kind' | 'value' | 'description' | 'contact' | 'loss' | 'eventId' | 'intakeId' | 'createdAt'
  >,
): Promise<void> {
  if (!r.contact) return; // no subject: the report stays a report (counted by checks), nothing to follow up
  const kind = r.kind as PublicKind;
  if (!r.eventId)
    await toEngine(db, PUBLIC_ACTOR, r.id, 'public.report', r.contact, kind, r.value, r.description, +r.createdAt);
  // a loss with a number to call back (consent given): a case-intake request for the station to verify with the
  // person; without a contact there is nobody to open a case for, and the report stays a report
  if (r.loss && r.loss > 0 && !r.intakeId) {
    const x = await requestIntakeFromReport(
      dissuasion,
      INTAKE_ACTOR,
      {
        subject: { phone: r.contact },
        fraudTypes: [],
        loss: r.loss,
        note: `举报${REPORTED_KIND_NAME[kind]} ${r.value.trim()}：${r.description}`,
        reference: r.id,
        channel: 'public',
      },
      +r.createdAt,
    );
    if (x.intakeId) await repo.setReportIntake(db, r.id, x.intakeId);
  }
}

/**
 * The report as a `report` event for the engine (contract/events.ts): the reporter is the person at risk (subject),
 * the reported value a peer. Without a contact number there is no subject, so the report stays a report (counted
 * by checks) and is not sent to the engine.
 */
async function toEngine(
  db: Db,
  actor: Actor,
  id: string,
  source: string,
  phone: string,
  kind: PublicKind,
  value: string,
  text: string,
  now: number,
) {
  const event = {
    id,
    source,
    type: 'report',
    occurredAt: new Date(now).toISOString(),
    subject: { phone },
    text: `${text}`.slice(0, 5000),
    peers: kind === 'app' ? [] : [value.trim()],
  };
  const r = await ingestEvents(db, actor, [event]);
  if (r.accepted || r.duplicate) await repo.setReportEvent(db, id, `${source}:${id}`);
}

export async function checkValue(
  db: Db,
  input: { kind: PublicKind; value: string },
  now: number,
): Promise<CheckResult> {
  const key = keyOf(input.kind, input.value);
  const ind = await checkIndicator(db, PUBLIC_ACTOR, INDICATOR_KIND[input.kind], input.value, now);
  const rep = await repo.reportSignals(db, input.kind, key, new Date(now - LOOKBACK));
  return verdictOf({
    blocked: ind.status === 'blocked',
    allowed: ind.status === 'allowed',
    reporters: rep.reporters,
    confirmedReports: rep.confirmed,
    cases: 0,
  });
}

/** Education from the fraud-type catalogue in force (the published knowledge base's names). */
export function education() {
  return {
    source: 'fraud-types',
    items: fraudTypes().map((t) => ({
      code: t.code,
      name: t.name,
      summary: t.talkingPoints[0] ?? '',
      signs: t.talkingPoints.slice(1),
      advice: ['拿不准时拨打 96110 反诈专线', '不转账、不透露验证码、不共享屏幕'],
    })),
  };
}

// ── 96110 desk ─────────────────────────────────────────────────────────────────────────────────────────────
/** `dissuasion`: the running workflow (app.dissuasion), which opens the warning a call is turned into. */
export async function logDeskCall(
  db: Db,
  actor: Actor,
  input: DeskCallInput,
  now: number,
  dissuasion: DissuasionRuntime,
): Promise<DeskCall> {
  assertCan(actor, 'desk:write');
  if (!actor.unitId) throw invalid('unitId', 'the operator must belong to a unit');
  const problems: FieldProblem[] = [];
  let phone: string | null = null;
  if (input.callerPhone?.trim()) {
    const p = normalizePhone(input.callerPhone);
    if (p.ok) phone = p.key;
    else problems.push({ field: 'callerPhone', reason: 'not a phone number' });
  }
  let valueKey: string | null = null;
  if (input.kind && input.value) {
    try {
      valueKey = keyOf(input.kind, input.value);
    } catch (e) {
      problems.push(...(e as AppError).problems);
    }
  }
  if (input.turnInto === 'report' && !(input.kind && valueKey))
    problems.push({ field: 'value', reason: 'a report names the number, URL, account or app' });
  if ((input.turnInto === 'warning' || input.turnInto === 'case_intake') && !phone)
    problems.push({ field: 'callerPhone', reason: "a warning or case intake needs the caller's phone" });
  if (input.turnInto === 'case_intake' && !(input.loss && input.loss > 0))
    problems.push({ field: 'loss', reason: 'a case intake request states the loss' });
  if (problems.length)
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);

  const id = randomUUID();
  const at = new Date(now);
  let outcome: string = input.turnInto ?? (input.topic === 'victim' ? 'advised_stop_payment' : 'answered');
  let reference: string | null = null;
  let intakeId: string | null = null;
  if (input.turnInto === 'case_intake') {
    // 已被骗 callers: a high warning at their station and a pending case-intake request on it for the officer
    const r = await requestIntakeFromReport(
      dissuasion,
      actor,
      {
        subject: { ...(input.callerName ? { name: input.callerName } : {}), phone: phone! },
        fraudTypes: input.fraudType ? [input.fraudType] : [],
        loss: input.loss!,
        note: input.question,
        reference: id,
        channel: 'desk',
      },
      now,
    );
    reference = r.warningId;
    intakeId = r.intakeId;
  } else if (input.turnInto === 'warning') {
    const summary = `96110 来电：${input.question}`.slice(0, 1000);
    const w = await enterManualWarning(
      dissuasion,
      actor,
      {
        level: 'medium',
        fraudTypes: input.fraudType ? [input.fraudType] : [],
        subject: { ...(input.callerName ? { name: input.callerName } : {}), phone: phone! },
        summary,
        leads: [`96110 来电记录 ${id}`, ...(input.loss ? [`自述损失 ${input.loss} 元`] : [])],
        externalId: id.slice(0, 64),
      },
      text('summary.desk_call', { question: summary.slice('96110 来电：'.length) }),
    );
    reference = w.id;
  }
  await db.transaction(async (tx) => {
    if (input.turnInto === 'report') {
      await repo.insertReport(
        tx,
        {
          id,
          channel: 'desk',
          kind: input.kind!,
          value: input.value!.trim(),
          valueKey: valueKey!,
          description: input.question,
          contact: phone,
          consent: !!phone,
          loss: input.loss ?? null,
          ipHash: null,
          unitId: actor.unitId,
          createdAt: at,
        },
        [],
      );
      reference = id;
    }
    await repo.insertDeskCall(tx, {
      id,
      unitId: actor.unitId!,
      operatorId: actor.id,
      operatorName: actor.name,
      callerPhone: phone,
      callerName: input.callerName ?? null,
      topic: input.topic,
      question: input.question,
      advice: input.advice,
      outcome,
      reference,
      at,
      details: {
        kind: input.kind ?? null,
        value: input.value ?? null,
        fraudType: input.fraudType ?? null,
        loss: input.loss ?? null,
        ...(intakeId ? { intakeId } : {}),
      },
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'desk_call',
      entityId: id,
      details: { topic: input.topic, outcome },
    });
  });
  if (input.turnInto === 'report' && phone)
    await toEngine(db, actor, id, 'police.96110', phone, input.kind!, input.value!, input.question, now);
  if (input.turnInto === 'report' && !phone) outcome = 'report';
  return presentDesk(
    {
      id,
      at,
      operatorName: actor.name,
      callerPhone: phone,
      callerName: input.callerName ?? null,
      topic: input.topic,
      question: input.question,
      advice: input.advice,
      outcome,
      reference,
    } as repo.DeskRow,
    false,
  );
}

function presentDesk(
  r: Pick<
    repo.DeskRow,
    | 'id'
    | 'at'
    | 'operatorName'
    | 'callerPhone'
    | 'callerName'
    | 'topic'
    | 'question'
    | 'advice'
    | 'outcome'
    | 'reference'
  >,
  unmasked: boolean,
): DeskCall {
  return {
    id: r.id,
    at: r.at.toISOString(),
    operator: r.operatorName,
    callerPhone: r.callerPhone ? (unmasked ? r.callerPhone : maskPhone(r.callerPhone)) : null,
    callerName: r.callerName,
    topic: r.topic,
    question: r.question,
    advice: r.advice,
    outcome: r.outcome,
    reference: r.reference,
  };
}

export async function listDeskCalls(db: Db, actor: Actor, q: { page?: number; pageSize?: number }) {
  assertCan(actor, 'desk:write');
  const pageSize = q.pageSize ?? 50;
  const { rows, total } = await repo.listDeskCalls(db, actor.unitPath, {
    limit: pageSize,
    offset: ((q.page ?? 1) - 1) * pageSize,
  });
  await audit(db, actor, {
    action: 'view',
    entityType: 'desk_call',
    details: { page: q.page ?? 1, count: rows.length },
  });
  return { items: rows.map((r) => presentDesk(r, false)), total };
}

export { repo as publicRepo };

/** Daily figures for stats: public reports (by kind, channel) and 96110 desk calls (by topic, outcome). */
export const publicFacts = (db: Db, from: string, to: string) => repo.dailyFacts(db, from, to);
