// The published knowledge of this process, in memory: read synchronously by the dissuasion scripts (a call is
// composed without a database round trip) and the talking points. Loaded at start, reloaded on every node when a
// version is published ('knowledge.published' via LISTEN/NOTIFY) and at once on the node that published it.
import type { KbContent } from '../../../contract/knowledge.ts';
import type { Db } from '../../platform/db/index.ts';
import { applyCatalogue } from '../fraud-types/index.ts';
import * as repo from './repository.ts';

export interface PublishedEntry {
  code: string;
  version: number;
  id: number;
  content: KbContent;
}

let published = new Map<string, PublishedEntry>();
let loadedSignature = '';

/** Loads the published versions, and makes their names and parents the fraud-type catalogue of this process. */
export async function loadPublishedKnowledge(db: Db): Promise<number> {
  const rows = await repo.publishedVersions(db);
  published = new Map(rows.map((r) => [r.code, { code: r.code, version: r.version, id: r.id, content: r.content }]));
  loadedSignature = signature(rows.length, Math.max(0, ...rows.map((r) => r.id)));
  applyCatalogue(
    rows.map((r) => ({
      code: r.code,
      name: r.content.name,
      nameEn: r.content.nameEn,
      parent: r.content.parent,
      listVersion: r.content.listVersion,
      talkingPoints: r.content.talkingPoints.general,
    })),
    `kb:${loadedSignature}`,
  );
  return published.size;
}

const signature = (n: number, maxId: number) => `${n}.${maxId}`;

/**
 * Reloads when another node published (for a thread that hears no events: detection's, on its refresh): one
 * cheap query; a publication always adds a newer id. Returns true when it reloaded.
 */
export async function syncPublishedKnowledge(db: Db): Promise<boolean> {
  const s = await repo.publishedSignature(db);
  if (signature(s.n, s.maxId) === loadedSignature) return false;
  await loadPublishedKnowledge(db);
  return true;
}

/** The published version of a type's entry, if the knowledge base has one (else the callers use built-in text). */
export const publishedKnowledge = (code: string): PublishedEntry | undefined => published.get(code);
export const publishedCodes = (): string[] => [...published.keys()];
