// Officers' labels → a retrained script model, published by a person (never silently). Publishing trains on the
// shipped corpus plus every stored label, cross-validates, stores the row, audits, and switches this node's
// classifier; other nodes load the latest published model when they start (loadPublishedModel) and, while running,
// when `config.changed` {scope 'scripts'} reaches them (routes.ts) or their detection loop sees a newer row
// (syncPublishedModel: the detection thread has no event listener of its own).
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import { alreadyDone, invalidMany, notFound } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import { publish } from '../../platform/events/index.ts';
import type {
  ScriptLabelInput,
  ScriptModelInfo,
  TextClassification as TextClassificationDto,
} from '../../../contract/fraud-types.ts';
import { LABELS, crossValidate, type ScriptModel } from './classifier.ts';
import { activeClassifier, readCorpus, setActiveModel, trainWith } from './corpus.ts';
import { fraudTypeRef } from './catalogue.ts';
import { scriptLabels, scriptModels } from './schema.ts';

const PUBLISH_LOCK = 727315;

export function classifyForActor(actor: Actor, text: string): TextClassificationDto {
  void actor; // any signed-in user may classify a text they hold (case intake, dissuasion notes)
  const c = activeClassifier().classify(text);
  return {
    modelVersion: c.modelVersion,
    label: c.label,
    p: c.p,
    normal: c.normal,
    words: c.words,
    probabilities: c.probabilities.map((x) => ({
      code: x.code,
      name: x.code === 'normal' ? '正常' : fraudTypeRef(x.code).name,
      p: x.p,
    })),
  };
}

export async function addScriptLabel(db: Db, actor: Actor, input: ScriptLabelInput): Promise<{ id: number }> {
  assertCan(actor, 'rules:write');
  if (!LABELS.includes(input.label))
    throw invalidMany([{ field: 'label', reason: `must be a fraud-type code or "normal": ${LABELS.join(', ')}` }]);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(scriptLabels)
      .values({
        text: input.text.trim(),
        label: input.label,
        sourceKind: input.sourceKind,
        sourceId: input.sourceId ?? null,
        labelledBy: actor.id,
        labelledByName: actor.name,
      })
      .returning({ id: scriptLabels.id });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'script_label',
      entityId: String(row!.id),
      details: { label: input.label, sourceKind: input.sourceKind, sourceId: input.sourceId ?? null },
    });
    return { id: row!.id };
  });
}

export async function scriptModelInfo(db: Db, actor: Actor): Promise<ScriptModelInfo> {
  assertCan(actor, 'rules:write');
  const [pub] = await db.select().from(scriptModels).orderBy(desc(scriptModels.id)).limit(1);
  const upTo = pub?.labelsUpTo ?? 0;
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(scriptLabels)
    .where(and(gt(scriptLabels.id, upTo), eq(scriptLabels.status, 'confirmed')));
  const labels = await db
    .select()
    .from(scriptLabels)
    .where(eq(scriptLabels.status, 'confirmed'))
    .orderBy(desc(scriptLabels.id))
    .limit(200);
  const proposals = await db
    .select()
    .from(scriptLabels)
    .where(eq(scriptLabels.status, 'proposed'))
    .orderBy(desc(scriptLabels.id))
    .limit(200);
  return {
    activeVersion: activeClassifier().model.version,
    published: pub
      ? {
          version: pub.version,
          labelsUpTo: pub.labelsUpTo,
          examples: pub.examples,
          metrics: pub.metrics,
          note: pub.note,
          publishedByName: pub.publishedByName,
          publishedAt: pub.publishedAt.toISOString(),
        }
      : null,
    pendingLabels: n,
    proposals: proposals.map((l) => ({
      id: l.id,
      text: l.text,
      label: l.label,
      sourceKind: l.sourceKind,
      sourceId: l.sourceId,
      labelledByName: l.labelledByName,
      labelledAt: l.labelledAt.toISOString(),
    })),
    labels: labels.map((l) => ({
      id: l.id,
      text: l.text,
      label: l.label,
      sourceKind: l.sourceKind,
      sourceId: l.sourceId,
      labelledByName: l.labelledByName,
      labelledAt: l.labelledAt.toISOString(),
    })),
  };
}

async function labelsUpTo(db: Db, id: number) {
  return await db
    .select({ text: scriptLabels.text, label: scriptLabels.label })
    .from(scriptLabels)
    .where(and(lte(scriptLabels.id, id), eq(scriptLabels.status, 'confirmed')))
    .orderBy(scriptLabels.id);
}

/** What publishing now would put in use: the model trained on the corpus + every confirmed label so far (not
 *  stored, not switched), beside the model this node uses — for a backtest before a person publishes it. */
export async function draftScriptModel(
  db: Db,
  actor: Actor,
): Promise<{ draft: ScriptModel; current: ScriptModel; newLabels: number }> {
  assertCan(actor, 'rules:write');
  const [{ max } = { max: 0 }] = await db
    .select({ max: sql<number>`coalesce(max(${scriptLabels.id}), 0)::int` })
    .from(scriptLabels);
  const [pub] = await db.select().from(scriptModels).orderBy(desc(scriptModels.id)).limit(1);
  const upTo = pub?.labelsUpTo ?? 0;
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(scriptLabels)
    .where(and(gt(scriptLabels.id, upTo), eq(scriptLabels.status, 'confirmed')));
  return { draft: trainWith(await labelsUpTo(db, max)), current: activeClassifier().model, newLabels: n };
}

/** A person publishes a model trained on the corpus + all labels so far; the version is a hash of its examples. */
export async function publishScriptModel(db: Db, actor: Actor, note?: string): Promise<ScriptModelInfo> {
  assertCan(actor, 'rules:write');
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
    const [{ max } = { max: 0 }] = await tx
      .select({ max: sql<number>`coalesce(max(${scriptLabels.id}), 0)::int` })
      .from(scriptLabels);
    const extra = await labelsUpTo(tx, max);
    const model = trainWith(extra);
    const cv = crossValidate([...readCorpus('train'), ...extra]);
    const [row] = await tx
      .insert(scriptModels)
      .values({
        version: model.version,
        labelsUpTo: max,
        examples: model.examples,
        metrics: { accuracy: cv.accuracy, macroPrecision: cv.macroPrecision, macroRecall: cv.macroRecall },
        note: note?.trim() || null,
        publishedBy: actor.id,
        publishedByName: actor.name,
      })
      .returning({ id: scriptModels.id });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'script_model',
      entityId: model.version,
      details: { labels: extra.length, examples: model.examples, note: note ?? null },
    });
    await publish(tx, 'config.changed', { scope: 'scripts', version: model.version }); // every node reloads it
    setActiveModel(model);
    loadedModelId = row!.id;
  });
  return scriptModelInfo(db, actor);
}

/** The published model row this node's classifier was trained from (0: the shipped corpus only). */
let loadedModelId = 0;
let syncing: Promise<string | null> | null = null;

/** At start: the latest published model (re-trained from its recorded labels: deterministic, same version). */
export async function loadPublishedModel(db: Db): Promise<string | null> {
  const [pub] = await db.select().from(scriptModels).orderBy(desc(scriptModels.id)).limit(1);
  if (!pub) return null;
  const model = trainWith(await labelsUpTo(db, pub.labelsUpTo));
  setActiveModel(model);
  loadedModelId = pub.id;
  return model.version;
}

/** While running: switches to the latest published model when it is newer than the one in use (a person
 *  published on another node). One cheap query when nothing changed; returns the new version or null. */
export async function syncPublishedModel(db: Db): Promise<string | null> {
  if (syncing) return syncing;
  syncing = (async () => {
    const [pub] = await db.select({ id: scriptModels.id }).from(scriptModels).orderBy(desc(scriptModels.id)).limit(1);
    if (!pub || pub.id === loadedModelId) return null;
    return loadPublishedModel(db);
  })().finally(() => {
    syncing = null;
  });
  return syncing;
}

/** Where a proposed label comes from: a closed warning, a recorded case's narrative, a published knowledge-base
 *  entry (its typical script and case write-ups). */
export interface ProposalSource {
  kind: 'warning' | 'case' | 'knowledge';
  id: string;
}
const PROPOSED_BY: Record<ProposalSource['kind'], string> = {
  warning: '预警结案建议',
  case: '案件简要案情建议',
  knowledge: '知识库发布建议',
};

/**
 * Texts proposed as labels (a subscriber, in its transaction): never trained on until an officer confirms them.
 * A text already proposed or labelled for the same source is not proposed again; a knowledge-base text already
 * proposed from any version of its entry neither (a new version re-publishes most of the old one).
 */
export async function proposeLabels(
  db: Db,
  source: ProposalSource,
  label: string,
  texts: readonly string[],
): Promise<number> {
  if (!LABELS.includes(label)) return 0;
  let n = 0;
  for (const text of new Set(texts.map((t) => t.trim().slice(0, 2000)))) {
    if (text.length < 8) continue; // a word or two is no script
    const [dup] = await db
      .select({ id: scriptLabels.id })
      .from(scriptLabels)
      .where(
        source.kind === 'knowledge'
          ? and(eq(scriptLabels.sourceKind, 'knowledge'), eq(scriptLabels.text, text))
          : and(
              eq(scriptLabels.sourceKind, source.kind),
              eq(scriptLabels.sourceId, source.id),
              eq(scriptLabels.text, text),
            ),
      )
      .limit(1);
    if (dup) continue;
    await db.insert(scriptLabels).values({
      text,
      label,
      sourceKind: source.kind,
      sourceId: source.id,
      labelledBy: 'system',
      labelledByName: PROPOSED_BY[source.kind],
      status: 'proposed',
    });
    n++;
  }
  return n;
}

/** An officer decides a proposal: accepting (optionally with a corrected label) adds a confirmed label row. */
export async function decideProposal(
  db: Db,
  actor: Actor,
  id: number,
  input: { decision: 'accept' | 'reject'; label?: string },
): Promise<{ id: number; labelId: number | null }> {
  assertCan(actor, 'rules:write');
  if (input.label !== undefined && !LABELS.includes(input.label))
    throw invalidMany([{ field: 'label', reason: `must be a fraud-type code or "normal": ${LABELS.join(', ')}` }]);
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(scriptLabels).where(eq(scriptLabels.id, id)).for('update');
    if (!p) throw notFound('label proposal');
    if (p.status !== 'proposed') throw alreadyDone(`the proposal was already decided (${p.status})`);
    await tx
      .update(scriptLabels)
      .set({ status: input.decision === 'accept' ? 'accepted' : 'rejected' })
      .where(eq(scriptLabels.id, id));
    let labelId: number | null = null;
    if (input.decision === 'accept') {
      const [row] = await tx
        .insert(scriptLabels)
        .values({
          text: p.text,
          label: input.label ?? p.label,
          sourceKind: p.sourceKind,
          sourceId: p.sourceId,
          labelledBy: actor.id,
          labelledByName: actor.name,
        })
        .returning({ id: scriptLabels.id });
      labelId = row!.id;
    }
    await audit(tx, actor, {
      action: 'update',
      entityType: 'script_label',
      entityId: String(id),
      details: { decision: input.decision, label: input.label ?? p.label, labelId },
    });
    return { id, labelId };
  });
}
