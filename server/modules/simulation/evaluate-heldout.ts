// The parts of docs/evaluation.md added for issue 15: the held-out city (scripts and orders of events the rules
// were not tuned on) beside the tuned one, and the script classifier's cross-validated and held-out figures.
// Everything here is deterministic: the committed report must be exactly what `npm run evaluate` writes.
import {
  crossValidate,
  evaluateOn,
  readCorpus,
  scriptClassifier,
  trainWith,
  type ClassifierEvaluation,
} from '../fraud-types/index.ts';
import { fraudTypeRef } from '../fraud-types/index.ts';
import type { EvaluationReport } from './evaluate.ts';

const LEVEL_ZH = { low: '低', medium: '中', high: '高' } as const;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const name = (code: string) => (code === 'normal' ? '正常 normal' : `${fraudTypeRef(code).name} \`${code}\``);

export function heldoutSection(tuned: EvaluationReport, held: EvaluationReport): string[] {
  const o = held.options;
  const byCode = new Map(tuned.perType.map((t) => [t.code, t]));
  return [
    '## Held-out city (not tuned on)',
    '',
    `A second city (seed ${o.seed}, ${o.people.toLocaleString('en-US')} residents, ${o.days} days, ${held.events.toLocaleString('en-US')} events) whose fraud scripts come from`,
    "`server/modules/simulation/heldout-scripts.ts`: the same 12 types told in other words (no text is in the classifier's",
    'corpus) and in other orders (SMS before the call, counter cash and ATM instead of transfers, no chat app). Rules and',
    'weights are tuned on the city above only; this one shows how far that tuning carries.',
    '',
    '| at least | tuned: warnings | tuned: precision | tuned: recall | tuned: early recall | held-out: warnings | held-out: false alarms | held-out: precision | held-out: recall | held-out: early recall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...held.byLevel.map((l, i) => {
      const t = tuned.byLevel[i]!;
      return `| ${LEVEL_ZH[l.level]} | ${t.warnings} | ${pct(t.precision)} | ${pct(t.recall)} | ${pct(t.earlyRecall)} | ${l.warnings} | ${l.falseAlarms} | ${pct(l.precision)} | ${pct(l.recall)} | ${pct(l.earlyRecall)} |`;
    }),
    '',
    'Per type, held-out city (tuned city in brackets): recall at any level, recall at ≥ 中, early recall, and typed right',
    '(warnings whose top type is this type: on victims of this type / all of them, as in the per-type table above).',
    '',
    '| type | targeted | recall | ≥中 recall | early recall | typed right |',
    '|---|---:|---:|---:|---:|---:|',
    ...held.perType.map((h) => {
      const t = byCode.get(h.code);
      const mid = (x: typeof h | undefined) => (x?.atLeast ? pct(x.atLeast.medium.recall) : '—');
      return `| ${h.name} \`${h.code}\` | ${h.targeted} | ${pct(h.recall)} (${t ? pct(t.recall) : '—'}) | ${mid(h)} (${mid(t)}) | ${pct(h.earlyRecall)} (${t ? pct(t.earlyRecall) : '—'}) | ${h.labelledRightType} / ${h.labelled} |`;
    }),
    '',
  ];
}

function table(r: ClassifierEvaluation): string[] {
  return [
    '| label | examples | predicted | precision | recall |',
    '|---|---:|---:|---:|---:|',
    ...r.perLabel.map(
      (m) =>
        `| ${name(m.label)} | ${m.support} | ${m.predicted} | ${m.support || m.predicted ? pct(m.precision) : '—'} | ${m.support ? pct(m.recall) : '—'} |`,
    ),
    `| **macro average** | ${r.examples} | | **${pct(r.macroPrecision)}** | **${pct(r.macroRecall)}** |`,
  ];
}

export function classifierSection(): string[] {
  const train = readCorpus('train');
  const held = readCorpus('heldout');
  const model = trainWith([]);
  const cv = crossValidate(train, 5, 0.5);
  const ho = evaluateOn(scriptClassifier(model), held, 0.5);
  const counts = new Map<string, number>();
  for (const e of train) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  return [
    '## Script recognition (话术识别)',
    '',
    `Model \`${model.version}\`: multinomial naive Bayes over jieba words, character bigrams and the phrase lexicon`,
    '(`server/modules/fraud-types/classifier.ts`), trained on `server/modules/fraud-types/corpus/train/` —',
    `${train.length} texts: ${[...counts].map(([l, n]) => `${l} ${n}`).join(', ')}. A text counts as a type when that type is the most likely`,
    "label and has probability ≥ 50% (the engine's `script.minProbability`); otherwise it counts as normal.",
    '',
    `5-fold cross-validation on the training corpus (folds stratified by label; accuracy ${pct(cv.accuracy)}):`,
    '',
    ...table(cv),
    '',
    `Held-out corpus (\`corpus/heldout/\`, ${held.length} texts written apart, never trained or tuned on; the model above, accuracy ${pct(ho.accuracy)}):`,
    '',
    ...table(ho),
    '',
    ...(ho.errors.length
      ? [
          'Held-out texts read wrongly:',
          '',
          ...ho.errors.map((e) => `- ${name(e.label)} read as ${name(e.predicted)}: ${e.text}`),
          '',
        ]
      : []),
  ];
}
