// Text findings, once per event with text: one Aho–Corasick automaton over all phrase lists of the catalogue
// (fraud scripts per type, parcel contents, alert wording), and the trained script classifier (fraud-types:
// probability per type and "normal", with the words that drove it); rules then read the findings.
import {
  ALERT_TYPE_PHRASES,
  PARCEL_PHRASES,
  SCRIPT_PHRASES,
  activeModelGeneration,
  classifyText,
  type TextClassification,
} from '../fraud-types/index.ts';
import { buildMatcher, type Matcher } from './matcher.ts';

const enum Group {
  Script = 0,
  Parcel = 1,
  Alert = 2,
}

export interface TextFindings {
  /** distinct script phrases found, and per fraud type how many of its phrases */
  phrases: string[];
  /** how many of `phrases` are specific to a type (not in the "common" list) */
  specific: number;
  byType: Map<string, number>;
  parcel: string[];
  alertTypes: string[];
  /** the script classifier's reading of the text; null when the analyzer runs without one */
  script: TextClassification | null;
}

export interface TextAnalyzer {
  analyze(text: string): TextFindings | null;
}

export function buildTextAnalyzer(
  scripts: Readonly<Record<string, readonly string[]>> = SCRIPT_PHRASES,
  parcel: readonly string[] = PARCEL_PHRASES,
  alert: Readonly<Record<string, readonly string[]>> = ALERT_TYPE_PHRASES,
  /** the script classifier; null = phrases only (the engine before the classifier, the json-rules-engine baseline) */
  classify: ((text: string) => TextClassification) | null = classifyText,
  /** changes when `classify` starts answering differently (a newly published model): the cache is dropped */
  generation: () => number = classify === classifyText ? activeModelGeneration : () => 0,
): TextAnalyzer {
  const phrase: string[] = [];
  const group: Group[] = [];
  const type: string[] = [];
  const add = (p: string, g: Group, t: string) => {
    phrase.push(p);
    group.push(g);
    type.push(t);
  };
  for (const [t, ps] of Object.entries(scripts)) for (const p of ps) add(p, Group.Script, t);
  for (const p of parcel) add(p, Group.Parcel, '');
  for (const [t, ps] of Object.entries(alert)) for (const p of ps) add(p, Group.Alert, t);
  const m: Matcher = buildMatcher(phrase);
  const buf: number[] = [];

  // Texts repeat (templates, a scam campaign's one script sent to thousands): the findings of a text are computed
  // once — phrase matching and the classifier run only for a text not seen before. Findings are read-only for
  // the rules. Bounded: dropped when big, and when the classifier's model changes.
  const cache = new Map<string, TextFindings | null>();
  const CACHE = 20_000;
  let gen = generation();
  return {
    analyze(text) {
      const g = generation();
      if (g !== gen) {
        cache.clear();
        gen = g;
      }
      let f = cache.get(text);
      if (f === undefined) {
        f = run(text);
        if (cache.size >= CACHE) cache.clear();
        cache.set(text, f);
      }
      return f;
    },
  };
  function run(text: string): TextFindings | null {
    {
      const n = m.matchInto(text, buf);
      const script = classify ? classify(text) : null;
      if (n === 0 && script === null) return null;
      const f: TextFindings = { phrases: [], specific: 0, byType: new Map(), parcel: [], alertTypes: [], script };
      const specific: string[] = [];
      const seen: number[] = [];
      for (let i = 0; i < n; i++) {
        const id = buf[i]!;
        if (seen.includes(id)) continue; // a phrase repeated in the text counts once
        seen.push(id);
        const p = phrase[id]!;
        switch (group[id]) {
          case Group.Script: {
            // the same phrase may belong to several types; count it once per type
            if (!f.phrases.includes(p)) f.phrases.push(p);
            const t = type[id]!;
            if (t !== 'common') {
              f.byType.set(t, (f.byType.get(t) ?? 0) + 1);
              if (!specific.includes(p)) specific.push(p);
            }
            break;
          }
          case Group.Parcel:
            if (!f.parcel.includes(p)) f.parcel.push(p);
            break;
          case Group.Alert:
            if (!f.alertTypes.includes(type[id]!)) f.alertTypes.push(type[id]!);
            break;
        }
      }
      f.specific = specific.length;
      return f;
    }
  }
}
