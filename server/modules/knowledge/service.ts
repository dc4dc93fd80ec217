// Knowledge base use cases: drafts by analysts (knowledge:write), review and publication by another person
// (knowledge:publish; the author of a version never publishes it), every version kept, diff, Chinese search.
// The KB is the centre's: platform-wide, not scoped by unit. Every change writes its audit row in its transaction.
import type { Db } from '../../platform/db/index.ts';
import { assertCan, can, SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { conflict, forbidden, invalidMany, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events/index.ts';
import type {
  KbContent,
  KbDiff,
  KbEntryDetail,
  KbEntrySummary,
  KbSearchResult,
  KbStatus,
  KbVersion,
} from '../../../contract/knowledge.ts';
import { audit } from '../audit/index.ts';
import {
  checkContent,
  contentText,
  diffContent,
  indexTokens,
  nextStatus,
  queryTokens,
  type KbCommand,
} from './content.ts';
import { loadPublishedKnowledge } from './published.ts';
import { seedEntries } from './seed.ts';
import * as repo from './repository.ts';
import './events.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const mayEdit = (a: Actor) => can(a, 'knowledge:write') || can(a, 'knowledge:publish');

function present(r: repo.KbRow, actor: Actor): KbVersion {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    status: r.status as KbStatus,
    content: r.content,
    basedOn: r.basedOn ?? null,
    authorName: r.authorName,
    authorIsYou: r.authorId === actor.id,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: iso(r.submittedAt),
    reviewerName: r.reviewerName ?? null,
    reviewNote: r.reviewNote ?? null,
    publishedAt: iso(r.publishedAt),
  };
}
const ref = (r: repo.KbRow) => ({
  id: r.id,
  version: r.version,
  status: r.status as KbStatus,
  authorName: r.authorName,
  reviewerName: r.reviewerName ?? null,
  updatedAt: r.updatedAt.toISOString(),
  publishedAt: iso(r.publishedAt),
});

/** Drafts are seen by those who write or review; everyone else sees published versions only. */
function assertVisible(actor: Actor, r: repo.KbRow | undefined): repo.KbRow {
  if (!r) throw notFound('knowledge version');
  if (r.status !== 'published' && r.status !== 'superseded' && !mayEdit(actor)) throw notFound('knowledge version');
  return r;
}

export async function listEntries(db: Db, actor: Actor): Promise<{ items: KbEntrySummary[] }> {
  assertCan(actor, 'knowledge:read');
  const rows = await repo.currentVersions(db);
  const by = new Map<string, { published?: repo.KbRow; open?: repo.KbRow }>();
  for (const r of rows) {
    const e = by.get(r.code) ?? {};
    if (r.status === 'published') e.published = r;
    else if (mayEdit(actor)) e.open = r;
    by.set(r.code, e);
  }
  const items: KbEntrySummary[] = [];
  for (const [code, e] of by) {
    const head = e.published ?? e.open;
    if (!head) continue;
    items.push({
      code,
      name: head.content.name,
      parent: head.content.parent,
      listVersion: head.content.listVersion,
      published: e.published ? ref(e.published) : null,
      open: e.open ? ref(e.open) : null,
    });
  }
  return { items };
}

export async function getEntry(db: Db, actor: Actor, code: string): Promise<KbEntryDetail> {
  assertCan(actor, 'knowledge:read');
  const all = await repo.versionsOf(db, code);
  const visible = all.filter((r) => r.status === 'published' || r.status === 'superseded' || mayEdit(actor));
  if (!visible.length) throw notFound('knowledge entry');
  const pub = visible.find((r) => r.status === 'published');
  const open = visible.find((r) => r.status === 'draft' || r.status === 'in_review');
  return {
    code,
    published: pub ? present(pub, actor) : null,
    open: open ? present(open, actor) : null,
    history: visible.map(ref),
  };
}

export async function getVersion(db: Db, actor: Actor, id: number): Promise<KbVersion> {
  assertCan(actor, 'knowledge:read');
  return present(assertVisible(actor, await repo.versionById(db, id)), actor);
}

function checked(content: KbContent): KbContent {
  const problems = checkContent(content);
  if (problems.length) throw invalidMany(problems);
  return content;
}

/** A new draft of an entry: a copy of the published version, or the given content (a new type needs it). */
export async function createDraft(
  db: Db,
  actor: Actor,
  code: string,
  content: KbContent | undefined,
  now: Date,
): Promise<KbVersion> {
  assertCan(actor, 'knowledge:write');
  return db.transaction(async (tx) => {
    const all = await repo.versionsOf(tx, code);
    if (all.some((r) => r.status === 'draft' || r.status === 'in_review'))
      throw conflict('this entry already has an open draft: edit that one', 'code');
    const pub = all.find((r) => r.status === 'published');
    const body = content ?? pub?.content;
    if (!body) throw invalidMany([{ field: 'content', reason: 'a new entry needs its content' }]);
    const c = checked(body);
    const row = await repo.insertVersion(tx, {
      code,
      version: await repo.nextVersion(tx, code),
      status: 'draft',
      content: c,
      searchTokens: indexTokens(contentText(code, c)),
      basedOn: pub?.id ?? null,
      authorId: actor.id,
      authorName: actor.name,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw conflict('this entry already has an open draft: edit that one', 'code');
    await audit(tx, actor, {
      action: 'create',
      entityType: 'knowledge',
      entityId: code,
      details: { version: row.version },
    });
    return present(row, actor);
  });
}

export async function updateDraft(db: Db, actor: Actor, id: number, content: KbContent, now: Date): Promise<KbVersion> {
  assertCan(actor, 'knowledge:write');
  return db.transaction(async (tx) => {
    const r = assertVisible(actor, await repo.versionById(tx, id, true));
    if (!nextStatus(r.status as KbStatus, 'edit')) throw conflict(`a version ${r.status} cannot be edited`, 'status');
    const c = checked(content);
    const row = await repo.updateVersion(tx, id, {
      content: c,
      searchTokens: indexTokens(contentText(r.code, c)),
      updatedAt: now,
      // whoever edits last is the author: they may not publish it either
      authorId: actor.id,
      authorName: actor.name,
    });
    await audit(tx, actor, {
      action: 'update',
      entityType: 'knowledge',
      entityId: r.code,
      details: { version: r.version },
    });
    return present(row, actor);
  });
}

/** submit (author) · withdraw (author) · reject (reviewer) · publish (reviewer, never the author). */
export async function transition(
  db: Db,
  actor: Actor,
  id: number,
  cmd: Exclude<KbCommand, 'edit'>,
  note: string | undefined,
  now: Date,
): Promise<KbVersion> {
  assertCan(actor, cmd === 'publish' || cmd === 'reject' ? 'knowledge:publish' : 'knowledge:write');
  const out = await db.transaction(async (tx) => {
    const r = assertVisible(actor, await repo.versionById(tx, id, true));
    const to = nextStatus(r.status as KbStatus, cmd);
    if (!to) throw conflict(`cannot ${cmd} a version that is ${r.status}`, 'status');
    if ((cmd === 'publish' || cmd === 'reject') && r.authorId === actor.id)
      throw forbidden('the author of a version cannot review or publish it: another person must');
    let row: repo.KbRow;
    if (cmd === 'publish') {
      await repo.supersedePublished(tx, r.code);
      row = await repo.updateVersion(tx, id, {
        status: to,
        reviewerId: actor.id,
        reviewerName: actor.name,
        reviewNote: note ?? null,
        publishedAt: now,
        updatedAt: now,
      });
      await publish(tx, 'knowledge.published', { code: r.code, version: r.version, id: r.id });
    } else if (cmd === 'reject') {
      row = await repo.updateVersion(tx, id, {
        status: to,
        reviewerId: actor.id,
        reviewerName: actor.name,
        reviewNote: note ?? null,
        updatedAt: now,
      });
    } else {
      row = await repo.updateVersion(tx, id, {
        status: to,
        submittedAt: cmd === 'submit' ? now : r.submittedAt,
        updatedAt: now,
      });
    }
    await audit(tx, actor, {
      action: 'transition',
      entityType: 'knowledge',
      entityId: r.code,
      details: { command: cmd, version: r.version, ...(note ? { note } : {}) },
    });
    return present(row, actor);
  });
  if (cmd === 'publish') await loadPublishedKnowledge(db); // this node at once; others on the notification
  return out;
}

export async function diffVersions(db: Db, actor: Actor, id: number, against?: number): Promise<KbDiff> {
  assertCan(actor, 'knowledge:read');
  const b = assertVisible(actor, await repo.versionById(db, id));
  let a: repo.KbRow | undefined;
  if (against != null) {
    a = assertVisible(actor, await repo.versionById(db, against));
    if (a.code !== b.code) throw invalidMany([{ field: 'against', reason: 'a version of another entry' }]);
  } else if (b.basedOn != null) a = await repo.versionById(db, b.basedOn);
  else a = (await repo.versionsOf(db, b.code)).find((r) => r.version < b.version);
  return { from: a?.id ?? null, to: b.id, changes: diffContent(a?.content ?? null, b.content) };
}

export async function searchKnowledge(db: Db, actor: Actor, q: string, includeDrafts = false): Promise<KbSearchResult> {
  assertCan(actor, 'knowledge:read');
  const tokens = queryTokens(q);
  const statuses = includeDrafts && mayEdit(actor) ? ['published', 'draft', 'in_review'] : ['published'];
  const hits = await repo.search(db, tokens, statuses);
  const rows = new Map(
    (
      await repo.versionsByIds(
        db,
        hits.map((h) => h.id),
      )
    ).map((r) => [r.id, r]),
  );
  return {
    tokens,
    items: hits.flatMap((h) => {
      const r = rows.get(h.id);
      if (!r) return [];
      return [
        {
          id: r.id,
          code: r.code,
          name: r.content.name,
          version: r.version,
          status: r.status as KbStatus,
          snippet: snippet(contentText(r.code, r.content), tokens),
          rank: h.rank,
        },
      ];
    }),
  };
}

/** The line around the first query word, for the result list. */
function snippet(text: string, tokens: string[]): string {
  const lines = text.split('\n');
  const hit = lines.find((l) => tokens.some((t) => l.toLowerCase().includes(t))) ?? lines[1] ?? '';
  return hit.length > 120 ? `${hit.slice(0, 117)}…` : hit;
}

/**
 * An empty knowledge base gets the catalogue's entries as published version 1 (by the system: a deployment
 * starts with what the platform shipped; from then on people edit and publish). Idempotent across nodes.
 */
export async function ensureKnowledgeSeeded(db: Db, now: Date): Promise<number> {
  if ((await repo.countVersions(db)) > 0) return 0;
  let n = 0;
  await db.transaction(async (tx) => {
    for (const { code, content } of seedEntries()) {
      const row = await repo.insertVersion(tx, {
        code,
        version: 1,
        status: 'published',
        content,
        searchTokens: indexTokens(contentText(code, content)),
        authorId: SYSTEM_ACTOR.id,
        authorName: '系统（目录初始版）',
        reviewerId: SYSTEM_ACTOR.id,
        reviewerName: '系统（目录初始版）',
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      });
      if (row) n++;
    }
  });
  return n;
}
