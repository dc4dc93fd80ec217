// A published knowledge-base version's texts that read like fraud as victims meet it — its typical script and its
// de-identified case write-ups — for the script classifier's training (issue 15). The entry's code is a catalogue
// fraud type, so the type of each text is known; a person still confirms each one before it trains a model.
import type { Db } from '../../platform/db/index.ts';
import { versionById } from './repository.ts';

export async function publishedLabelTexts(db: Db, id: number): Promise<{ code: string; texts: string[] } | null> {
  const r = await versionById(db, id);
  if (!r || (r.status !== 'published' && r.status !== 'superseded')) return null;
  const texts = [r.content.script, ...r.content.cases.map((c) => c.text)].map((t) => t.trim()).filter((t) => t);
  return { code: r.code, texts };
}
