import type { Db } from '../../platform/db/index.ts';
import { assertCan, inScope, type Actor } from '../../platform/auth/actor.ts';
import { alreadyDone, alreadyExists, invalidMany, notFound, type FieldProblem } from '../../platform/errors.ts';
import type { VictimReport } from '../../../contract/dissuasion.ts';
import { audit } from '../audit/index.ts';
import { maskName, maskPhone, maskResidentId } from '../identifiers/index.ts';
import * as repo from './repository.ts';
import type { DissuasionContext } from './context.ts';
import { normaliseIdentity, recordVictim } from './victims.ts';

// The hand-off between warnings and cases, both ways: a case (or a 96110 report) reports a victim, and the case
// module picks up the intake requests that 已被骗 closures leave for it.

/**
 * A victim from a case or a report: stored once per (source, reference), then the 预警后被骗 check flags the
 * person's earlier warnings closed within their follow-up period held in the caller's jurisdiction (a station
 * officer's report never touches another station's warnings nor tells whether the person was warned there; the
 * centre's reports cover its whole city). The units are told after commit.
 */
export async function reportVictim(rt: DissuasionContext, actor: Actor, body: VictimReport) {
  assertCan(actor, 'warnings:write');
  const problems: FieldProblem[] = [];
  const who = normaliseIdentity(body.subject);
  if (body.subject.phone && !who.phone) problems.push({ field: 'subject.phone', reason: 'not a phone number' });
  if (body.subject.idNumber && !who.idNumber)
    problems.push({ field: 'subject.idNumber', reason: 'not a valid resident ID' });
  if (!body.subject.phone && !body.subject.idNumber)
    problems.push({ field: 'subject', reason: 'a phone number or a resident ID is required' });
  const at = new Date(body.defraudedAt).getTime();
  if (at > rt.now() + 5 * 60_000) problems.push({ field: 'defraudedAt', reason: 'is in the future' });
  if (problems.length) throw invalidMany(problems);
  const out = await rt.db.transaction(async (tx) => {
    const report = await repo.insertVictimReport(tx, {
      source: body.source,
      reference: body.reference,
      phone: who.phone,
      idNumber: who.idNumber,
      defraudedAt: new Date(at),
      reportedBy: actor.id,
    });
    if (report.phone !== who.phone || report.idNumber !== who.idNumber || report.defraudedAt.getTime() !== at) {
      throw alreadyExists(`${body.source} ${body.reference} was already reported with other details`, 'reference');
    }
    // an identifier typed in by the caller flags (and reveals) only the warnings of the caller's jurisdiction
    const flagged = await recordVictim(
      tx,
      actor,
      { kind: body.source, id: report.id, phone: who.phone, idNumber: who.idNumber, at },
      rt,
      { pathPrefix: actor.unitPath },
    );
    await audit(tx, actor, {
      action: 'create',
      entityType: 'victim_report',
      entityId: report.id,
      details: { source: body.source, reference: body.reference, flagged: flagged.length },
    });
    return { report, flagged };
  });
  for (const f of out.flagged)
    void rt.track(rt.notifyUnit(f, f.unitId, true, '预警后被骗：曾预警对象已被骗', 'warned_then_defrauded'));
  return { id: out.report.id, flaggedWarnings: out.flagged.map((f) => f.id), flaggedCount: out.flagged.length };
}

/** Intake requests left by 已被骗 closures, in the caller's jurisdiction; the subject masked like everywhere. */
export async function listCaseIntakes(rt: DissuasionContext, actor: Actor, q: { status?: string; warningId?: string }) {
  assertCan(actor, 'warnings:read');
  // the requests carry the person (masked here): the read is audited like any other, in the same transaction
  return rt.db.transaction(async (tx) => {
    const rows = await repo.searchCaseIntakes(tx, { pathPrefix: actor.unitPath, ...q });
    await audit(tx, actor, {
      action: 'view',
      entityType: 'case_intake_request',
      details: { ids: rows.map(({ r }) => r.id).slice(0, 500) },
    });
    return {
      items: rows.map(({ r, unitName }) => ({
        id: r.id,
        warningId: r.warningId,
        unitId: r.unitId,
        unitName,
        disposition: r.disposition,
        loss: r.loss,
        lossAvoided: r.lossAvoided,
        fraudTypes: r.fraudTypes,
        status: r.status,
        requestedAt: r.requestedAt.toISOString(),
        caseRef: r.caseRef,
        takenAt: r.takenAt?.toISOString() ?? null,
        withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
        subject: {
          name: r.subject.name ? maskName(r.subject.name) : null,
          phone: r.subject.phone ? maskPhone(r.subject.phone) : null,
          idNumber: r.subject.idNumber ? maskResidentId(r.subject.idNumber) : null,
        },
      })),
    };
  });
}

/** The case module took a request: it records its case reference (once). */
export async function takeCaseIntake(rt: DissuasionContext, actor: Actor, id: string, caseRef: string) {
  assertCan(actor, 'warnings:write');
  return rt.db.transaction(async (tx) => {
    const f = await repo.findCaseIntake(tx, id);
    if (!f || !inScope(actor, f.unitPath)) throw notFound('case intake request');
    if (!(await repo.takeCaseIntake(tx, id, caseRef, rt.now()))) throw alreadyDone(`request is ${f.r.status}`);
    await audit(tx, actor, {
      action: 'update',
      entityType: 'case_intake_request',
      entityId: id,
      details: { status: 'taken', caseRef, warningId: f.r.warningId },
    });
    return { ok: true };
  });
}

// ── for the case module (platform-internal: the caller scopes) ──

export interface CaseIntake {
  id: string;
  warningId: string;
  unitId: string;
  status: string;
  loss: number;
  note: string;
  fraudTypes: string[];
  subject: { name?: string; phone?: string; idNumber?: string; address?: string };
  requestedAt: Date;
}

/** The pending case-intake request a 已被骗 closure left for this warning (platform-internal: the caller scopes). */
export async function pendingCaseIntakeOfWarning(db: Db, warningId: string): Promise<CaseIntake | null> {
  const rows = await repo.searchCaseIntakes(db, { pathPrefix: '/', warningId, status: 'pending' });
  const r = rows[0]?.r;
  return r
    ? {
        id: r.id,
        warningId: r.warningId,
        unitId: r.unitId,
        status: r.status,
        loss: r.loss,
        note: r.note,
        fraudTypes: r.fraudTypes,
        subject: r.subject,
        requestedAt: r.requestedAt,
      }
    : null;
}

/** The case module took the request: it records the case reference (once; false when no longer pending). */
export async function markCaseIntakeTaken(db: Db, intakeId: string, caseRef: string, now: number): Promise<boolean> {
  return repo.takeCaseIntake(db, intakeId, caseRef, now);
}
