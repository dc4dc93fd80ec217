// Script recognition (话术识别): a multinomial naive-Bayes text classifier over the 12 catalogue types and
// "normal". Features: jieba words, CJK character bigrams, and the phrase lexicon (scripts.ts) as extra
// tokens — each counted once per text. Linear in its features, so every probability is explained by the
// words that pushed it (log-likelihood ratio of the type against "normal").
// Pure: no I/O here (corpus.ts reads the corpus); jieba's dictionary loads once, lazily.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { FRAUD_TYPES } from './catalogue.ts';
import { SCRIPT_PHRASES } from './scripts.ts';

export const NORMAL = 'normal';
/** the labels a model predicts: every catalogue type, then "normal" */
export const LABELS: readonly string[] = [...FRAUD_TYPES.map((t) => t.code), NORMAL];

export interface LabelledText {
  text: string;
  label: string;
}

export interface ScriptModel {
  /** `nb-<corpus hash>`: the same examples always give the same version */
  version: string;
  labels: string[];
  examples: number;
  vocab: string[];
  /** log P(feature | label), row-major [feature][label] */
  logLik: number[];
  /** log P(label) */
  logPrior: number[];
  /** log P(unseen feature | label): unknown features are skipped, kept for completeness */
  logUnseen: number[];
}

export interface TypeProbability {
  code: string;
  p: number;
}
export interface TextClassification {
  modelVersion: string;
  /** most likely label: a type code or "normal" */
  label: string;
  /** probability of the most likely fraud type and of "normal" */
  p: number;
  normal: number;
  /** every label with its probability, most likely first */
  probabilities: TypeProbability[];
  /** words that pushed the text towards the top fraud type, strongest first */
  words: string[];
  /** how many of the text's features the model knows: a two-word parcel label is no script, whatever it says */
  evidence: number;
}

// ---------------------------------------------------------------- tokenization
type Cutter = { cut(text: string, hmm?: boolean): string[] };
let jieba: Cutter | null = null;
function cutter(): Cutter {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(d: Uint8Array): Cutter } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;
const URL_RE = /(https?:\/\/|www\.)[^\s，。！？、；]*/gi;
const DIGITS = /\d+(\.\d+)?/g;
/** lexicon phrases by their first character (lower case), for one pass over the text */
const phraseIndex = new Map<string, string[]>();
for (const p of new Set(Object.values(SCRIPT_PHRASES).flat())) {
  const k = p[0]!.toLowerCase();
  (phraseIndex.get(k) ?? phraseIndex.set(k, []).get(k)!).push(p.toLowerCase());
}
/** a token that is only punctuation, symbols or spaces (no letter, digit or CJK character) */
function isPunct(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isCjk(c) || (c > 127 && c < 0x3000))
      return false;
  }
  return true;
}

/** Digits become `0`, links `<url>`: the key under which a text's features are the same. */
export function normalizeText(text: string): string {
  return text.replace(URL_RE, ' <url> ').replace(DIGITS, '0');
}

/**
 * The features of a text, each once. Digits become `0` (amounts, codes and numbers generalise), links `<url>`;
 * a sender tag like 【京东】 at the start is one token `<tag>` plus its words.
 */
export function features(text: string): string[] {
  return featuresOfNormalized(normalizeText(text));
}

function featuresOfNormalized(norm: string): string[] {
  const out = new Set<string>();
  let t = norm;
  if (t.includes('<url>')) {
    out.add('<url>');
    t = t.replaceAll('<url>', ' ');
  }
  if (/^\s*【[^】]{1,12}】/.test(t)) out.add('<tag>');
  for (const w of cutter().cut(t, false)) {
    if (w.length === 1) {
      const c = w.charCodeAt(0);
      if (!isCjk(c) && c !== 48) continue;
    } else if (isPunct(w)) continue;
    out.add('w:' + w.trim().toLowerCase());
  }
  // CJK character bigrams inside runs of Chinese text (spelling variants, words jieba splits differently)
  const lower = t.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isCjk(c) && i + 1 < lower.length && isCjk(lower.charCodeAt(i + 1))) out.add('b:' + lower.slice(i, i + 2));
    const cands = phraseIndex.get(lower[i]!);
    if (cands) for (const p of cands) if (lower.startsWith(p, i)) out.add('L:' + p);
  }
  return [...out];
}

// ---------------------------------------------------------------- training
const ALPHA = 0.3; // additive smoothing
/** below this many distinct documents a feature is ignored (one-off words do not generalise) */
const MIN_DF = 1;

export function corpusVersion(examples: readonly LabelledText[]): string {
  const h = createHash('sha256');
  for (const e of examples) h.update(`${e.label}\t${e.text}\n`);
  return 'nb-' + h.digest('hex').slice(0, 12);
}

export function train(examples: readonly LabelledText[], labels: readonly string[] = LABELS): ScriptModel {
  const L = labels.length;
  const li = new Map(labels.map((l, i) => [l, i]));
  const docCount = new Array<number>(L).fill(0);
  const counts = new Map<string, number[]>();
  for (const e of examples) {
    const k = li.get(e.label);
    if (k === undefined) throw new Error(`unknown label ${e.label}`);
    docCount[k]!++;
    for (const f of features(e.text)) {
      let c = counts.get(f);
      if (!c) counts.set(f, (c = new Array<number>(L).fill(0)));
      c[k]!++;
    }
  }
  const vocab = [...counts.keys()].filter((f) => counts.get(f)!.reduce((a, b) => a + b, 0) >= MIN_DF).sort();
  const V = vocab.length;
  const total = new Array<number>(L).fill(0);
  for (const f of vocab)
    counts.get(f)!.forEach((c, k) => {
      total[k]! += c;
    });
  const logLik: number[] = new Array(V * L);
  const logUnseen = total.map((t) => Math.log(ALPHA / (t + ALPHA * V)));
  vocab.forEach((f, i) => {
    const c = counts.get(f)!;
    for (let k = 0; k < L; k++) logLik[i * L + k] = Math.log((c[k]! + ALPHA) / (total[k]! + ALPHA * V));
  });
  const n = examples.length;
  // a flat-ish prior: the corpus proportions are not the real base rates (most SMS are normal)
  const logPrior = docCount.map((d) => Math.log((d + 1) / (n + L)));
  return { version: corpusVersion(examples), labels: [...labels], examples: n, vocab, logLik, logPrior, logUnseen };
}

// ---------------------------------------------------------------- prediction
export interface Classifier {
  readonly model: ScriptModel;
  classify(text: string): TextClassification;
}

export function classifier(model: ScriptModel): Classifier {
  const L = model.labels.length;
  const index = new Map(model.vocab.map((f, i) => [f, i]));
  const normalK = model.labels.indexOf(NORMAL);
  const ll = Float64Array.from(model.logLik);
  const score = new Float64Array(L);
  // SMS traffic is mostly templates that differ in digits and links (bank notices, codes): remember results by
  // the normalised text. Results are frozen so a caller cannot alter a cached one.
  const cache = new Map<string, TextClassification>();
  const CACHE = 20_000;
  return {
    model,
    classify(text) {
      const norm = normalizeText(text);
      const hit = cache.get(norm);
      if (hit) return hit;
      const r = run(norm);
      if (cache.size >= CACHE) cache.clear();
      cache.set(norm, r);
      return r;
    },
  };
  function run(norm: string): TextClassification {
    const fs = featuresOfNormalized(norm);
    score.set(model.logPrior);
    const known: number[] = [];
    for (const f of fs) {
      const i = index.get(f);
      if (i === undefined) continue;
      known.push(i);
      const o = i * L;
      for (let k = 0; k < L; k++) score[k]! += ll[o + k]!;
    }
    // naive Bayes is over-confident (features are not independent: a word and its bigrams): temper the
    // log-odds by the square root of the evidence count so probabilities stay usable as weights
    const temper = Math.max(1, Math.sqrt(known.length) / 2);
    let max = -Infinity;
    for (let k = 0; k < L; k++) if (score[k]! > max) max = score[k]!;
    let z = 0;
    const p = new Array<number>(L);
    for (let k = 0; k < L; k++) {
      p[k] = Math.exp((score[k]! - max) / temper);
      z += p[k]!;
    }
    const probabilities = model.labels
      .map((code, k) => ({ code, p: p[k]! / z }))
      .sort((a, b) => b.p - a.p || (a.code < b.code ? -1 : 1));
    const topType = probabilities.find((x) => x.code !== NORMAL)!;
    const kt = model.labels.indexOf(topType.code);
    // explanation: features whose likelihood ratio (top type vs normal) is largest; words and lexicon
    // phrases are shown, bigrams only when no word carries the same characters
    const contrib = known
      .map((i) => ({ f: model.vocab[i]!, v: ll[i * L + kt]! - ll[i * L + normalK]! }))
      .filter((x) => x.v > 0)
      .sort((a, b) => b.v - a.v || (a.f < b.f ? -1 : 1));
    const words: string[] = [];
    const pick = (ok: (f: string) => boolean) => {
      for (const { f } of contrib) {
        if (words.length >= 6) return;
        if (!ok(f)) continue;
        const w = f.slice(2);
        if (!words.some((x) => x.includes(w) || w.includes(x))) words.push(w);
      }
    };
    pick((f) => f.startsWith('L:') || (f.startsWith('w:') && f.length > 3)); // lexicon phrases and words of 2+ characters
    if (words.length < 3) pick((f) => f.startsWith('b:'));
    return Object.freeze({
      modelVersion: model.version,
      label: probabilities[0]!.code,
      p: topType.p,
      normal: p[normalK]! / z,
      probabilities,
      words,
      evidence: known.length,
    });
  }
}

// ---------------------------------------------------------------- evaluation
export interface LabelMetrics {
  label: string;
  support: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
}
export interface EvaluationResult {
  examples: number;
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  perLabel: LabelMetrics[];
  errors: { text: string; label: string; predicted: string }[];
}

export function score(
  pairs: readonly { label: string; predicted: string; text: string }[],
  labels: readonly string[] = LABELS,
): EvaluationResult {
  const perLabel = labels.map((label) => {
    const support = pairs.filter((x) => x.label === label).length;
    const predicted = pairs.filter((x) => x.predicted === label).length;
    const correct = pairs.filter((x) => x.label === label && x.predicted === label).length;
    return {
      label,
      support,
      predicted,
      correct,
      precision: predicted ? correct / predicted : 0,
      recall: support ? correct / support : 0,
    };
  });
  const withSupport = perLabel.filter((m) => m.support > 0);
  return {
    examples: pairs.length,
    accuracy: pairs.length ? pairs.filter((x) => x.label === x.predicted).length / pairs.length : 0,
    macroPrecision: withSupport.reduce((s, m) => s + m.precision, 0) / (withSupport.length || 1),
    macroRecall: withSupport.reduce((s, m) => s + m.recall, 0) / (withSupport.length || 1),
    perLabel,
    errors: pairs
      .filter((x) => x.label !== x.predicted)
      .map(({ text, label, predicted }) => ({ text, label, predicted })),
  };
}

/** What the engine and case intake act on: the top fraud type when it beats "normal" and reaches `minP`. */
export function decisionLabel(c: TextClassification, minP: number): string {
  return c.label !== NORMAL && c.p >= minP ? c.label : NORMAL;
}

/** k-fold cross-validation, folds stratified by label in a fixed order (deterministic). */
export function crossValidate(examples: readonly LabelledText[], k = 5, minP = 0.5): EvaluationResult {
  const fold = new Map<LabelledText, number>();
  const seen = new Map<string, number>();
  for (const e of examples) {
    const n = seen.get(e.label) ?? 0;
    seen.set(e.label, n + 1);
    fold.set(e, n % k);
  }
  const pairs: { label: string; predicted: string; text: string }[] = [];
  for (let f = 0; f < k; f++) {
    const c = classifier(train(examples.filter((e) => fold.get(e) !== f)));
    for (const e of examples)
      if (fold.get(e) === f)
        pairs.push({ label: e.label, predicted: decisionLabel(c.classify(e.text), minP), text: e.text });
  }
  return score(pairs);
}

export function evaluateOn(c: Classifier, examples: readonly LabelledText[], minP = 0.5): EvaluationResult {
  return score(
    examples.map((e) => ({ label: e.label, predicted: decisionLabel(c.classify(e.text), minP), text: e.text })),
  );
}
