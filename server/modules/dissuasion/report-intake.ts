// A victim's own report of a loss (群众端 我要举报 with an amount lost; a 96110 caller who was defrauded) as a
// case-intake request for the station to review: the person gets a high warning at the station of their
// jurisdiction (or the one already open for them), and a pending intake request on it carries the reported loss
// and what they said. The officer verifies with the person before the case is opened (the request is taken on the
// case-intake list); nothing becomes a case without a person behind it.
import type { Actor } from '../../platform/auth/actor.ts';
import { text } from '../../../contract/texts.ts';
import { audit } from '../audit/index.ts';
import { getWarning } from '../warnings/index.ts';
import type { DissuasionRuntime } from './runtime.ts';
import { enterWarning } from './service.ts';
import * as repo from './repository.ts';

export interface ReportedLoss {
  subject: { name?: string; phone: string };
  fraudTypes: string[];
  loss: number;
  /** what the person said (kept as the request's note and the warning's summary) */
  note: string;
  /** where it came from: the public report's or the desk call's id */
  reference: string;
  channel: 'public' | 'desk';
}

/** Needs `warnings:write` and `warnings:read` (the caller's scope bounds where the warning can be). */
export async function requestIntakeFromReport(
  rt: DissuasionRuntime,
  actor: Actor,
  r: ReportedLoss,
  now: number,
): Promise<{ warningId: string | null; intakeId: string | null }> {
  const label = r.channel === 'public' ? '群众举报' : '96110 来电';
  const db = rt.db;
  const head = `${label}：自述被骗 ${r.loss} 元。`;
  const summary = `${head}${r.note}`.slice(0, 1000);
  const w = await enterWarning(
    rt,
    actor,
    {
      level: 'high',
      fraudTypes: r.fraudTypes.slice(0, 5),
      subject: { ...(r.subject.name ? { name: r.subject.name } : {}), phone: r.subject.phone },
      summary,
      leads: [`${label} ${r.reference}`, `自述损失 ${r.loss} 元`],
      externalId: r.reference.slice(0, 64),
    },
    'manual',
    text('summary.reported_loss', { channel: r.channel, loss: r.loss, note: summary.slice(head.length) }),
  );
  if (!w.id) return { warningId: null, intakeId: null };
  const warning = await getWarning(db, actor, w.id).catch(() => null); // held outside the caller's scope: forwarded
  if (!warning) return { warningId: null, intakeId: null };
  return db.transaction(async (tx) => {
    const pending = await repo.searchCaseIntakes(tx, { pathPrefix: '/', warningId: w.id!, status: 'pending' });
    if (pending[0]) return { warningId: w.id, intakeId: pending[0].r.id };
    const intakeId = await repo.insertCaseIntake(tx, {
      warningId: w.id!,
      unitId: warning.unitId,
      disposition: 'reported',
      loss: r.loss,
      note: `${label}（待核实）：${r.note}`.slice(0, 2000),
      subject: { ...(r.subject.name ? { name: r.subject.name } : {}), phone: r.subject.phone },
      fraudTypes: r.fraudTypes,
      requestedBy: actor.id,
      requestedAt: new Date(now),
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'case_intake_request',
      entityId: intakeId,
      details: { warningId: w.id, loss: r.loss, channel: r.channel, reference: r.reference },
    });
    return { warningId: w.id, intakeId };
  });
}
