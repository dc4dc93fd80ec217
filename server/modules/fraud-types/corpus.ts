// The labelled corpus the project owns (corpus/train/<label>.txt, one text a line; corpus/heldout/ is the fair
// test set: never trained on, never tuned on). Officers' labels join the training part when a person publishes
// a retrained model (model versions are `nb-<hash of the examples>`).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LABELS, classifier, train, type Classifier, type LabelledText, type ScriptModel } from './classifier.ts';

const DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

export type CorpusPart = 'train' | 'heldout';

export function readCorpus(part: CorpusPart): LabelledText[] {
  const dir = join(DIR, part);
  const out: LabelledText[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    const label = f.slice(0, -4);
    if (!LABELS.includes(label)) throw new Error(`corpus/${part}/${f}: not a catalogue type or "normal"`);
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const text = line.trim();
      if (text && !text.startsWith('#')) out.push({ text, label });
    }
  }
  return out;
}

let active: Classifier | null = null;
let generation = 0;

/** Bumps whenever the model in use changes, so a cache of its readings (the engine's text findings) can tell. */
export function activeModelGeneration(): number {
  return generation;
}

/** The model in use: the one a person published last (setActiveModel), else trained from the shipped corpus. */
export function activeClassifier(): Classifier {
  return (active ??= classifier(train(readCorpus('train'))));
}

/** Switch to a published model (retrained with officers' labels). Returns the previous version. */
export function setActiveModel(model: ScriptModel): string | null {
  const prev = active?.model.version ?? null;
  active = classifier(model);
  generation++;
  return prev;
}

/** A model from the shipped training corpus plus extra labelled texts (officers' labels). */
export function trainWith(extra: readonly LabelledText[] = []): ScriptModel {
  return train([...readCorpus('train'), ...extra]);
}
