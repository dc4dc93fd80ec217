// Officers' outcomes become training examples: a closed warning's texts (the SMS, report, parcel or alert texts in
// its evidence) are PROPOSED as labels — its strongest fraud type when the disposition says it was real
// (劝阻成功/已被骗), "normal" when it was a false alarm (误报). So are a recorded case's narrative (de-identified,
// with the case's first fraud type) and a published knowledge-base entry's typical script and de-identified case
// write-ups (the entry's type). An officer confirms or rejects each proposal; only confirmed labels train a model,
// and only a person publishes one.
// It lives with the rules (detection tuning: weight fitting reads the same dispositions) so that fraud-types, which
// warnings and dissuasion use, does not depend on them in turn.
import { subscribe } from '../../platform/events/index.ts';
import type { WarningClosed } from '../dissuasion/index.ts'; // types only: no runtime dependency
import type { Db } from '../../platform/db/index.ts';
import { warningEvidence } from '../warnings/index.ts';
import { storedEventTexts } from '../ingest/index.ts';
import { proposeScriptLabels } from '../fraud-types/index.ts';
import { caseNarrative, type CaseRecorded } from '../cases/index.ts';
import { publishedLabelTexts, type KnowledgePublished } from '../knowledge/index.ts';

async function fromCase(p: CaseRecorded, db: Db): Promise<void> {
  const c = await caseNarrative(db, p.caseId);
  const type = c?.fraudTypes[0];
  if (!c || !type) return;
  await proposeScriptLabels(db, { kind: 'case', id: p.caseId }, type, [c.text]);
}

subscribe('rules.label-proposals', {
  'warning.closed': async (p: WarningClosed, { db }: { db: Db }) => {
    if (p.disposition !== 'dissuaded' && p.disposition !== 'defrauded' && p.disposition !== 'false_alarm') return;
    const w = await warningEvidence(db, p.warningId);
    if (!w) return;
    const label = p.disposition === 'false_alarm' ? 'normal' : w.fraudTypes[0];
    if (!label) return;
    const texts = await storedEventTexts(db, w.eventIds.slice(0, 50));
    await proposeScriptLabels(db, { kind: 'warning', id: p.warningId }, label, texts.slice(0, 5));
  },
  'case.recorded': async (p: CaseRecorded, { db }: { db: Db }) => fromCase(p, db),
  'case.updated': async (p: CaseRecorded, { db }: { db: Db }) => fromCase(p, db),
  'knowledge.published': async (p: KnowledgePublished, { db }: { db: Db }) => {
    const k = await publishedLabelTexts(db, p.id);
    if (k) await proposeScriptLabels(db, { kind: 'knowledge', id: `${k.code}@v${p.version}` }, k.code, k.texts);
  },
});
