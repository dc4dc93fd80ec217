// The published knowledge of this process, in memory: read synchronously by the dissuasion scripts (a call is
// composed without a database round trip) and the talking points. Loaded at start, reloaded on every node when a
// version is published ('knowledge.published' via LISTEN/NOTIFY) and at once on the node that published it.
import type { KbContent } from '../../../contract/knowledge.ts';
import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository.ts';

export interface PublishedEntry {
  code: string;
  version: number;
  id: number;
  content: KbContent;
}

let published = new Map<string, PublishedEntry>();

export async function loadPublishedKnowledge(db: Db): Promise<number> {
  const rows = await repo.publishedVersions(db);
  published = new Map(rows.map((r) => [r.code, { code: r.code, version: r.version, id: r.id, content: r.content }]));
  return published.size;
}

/** The published version of a type's entry, if the knowledge base has one (else the callers use built-in text). */
export const publishedKnowledge = (code: string): PublishedEntry | undefined => published.get(code);
export const publishedCodes = (): string[] => [...published.keys()];
