import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, isPlatformWide, type Actor } from '../../platform/auth/actor.ts';
import { newToken, sha256 } from '../../platform/auth/secrets.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { audit } from '../audit/index.ts';
import { visibleUnit } from '../org/index.ts';
import * as repo from './repository.ts';

export interface ApiToken {
  id: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  scopes: string[];
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const present = (t: repo.TokenRow, unitName: string | null): ApiToken => ({
  id: t.id,
  name: t.name,
  unitId: t.unitId,
  unitName,
  scopes: t.scopes,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt?.toISOString() ?? null,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

export async function listTokens(db: Db, actor: Actor) {
  assertCan(actor, 'tokens:write');
  const rows = await repo.listTokens(db, isPlatformWide(actor) ? null : actor.unitPath);
  return { items: rows.map((r) => present(r.token, r.unitName)), total: rows.length };
}

/** Creates a partner token. The secret is returned here once and never again: only its hash is stored. */
export async function createToken(db: Db, actor: Actor, input: { name: string; unitId?: string; scopes: string[] }) {
  assertCan(actor, 'tokens:write');
  const token = newToken('zwt');
  const id = randomUUID();
  await db.transaction(async (tx) => {
    if (input.unitId && !(await visibleUnit(tx, actor, input.unitId).catch(() => null))) {
      throw invalid('unitId', 'no such unit in your jurisdiction');
    }
    // A token without a unit acts for the whole platform; only an admin at the root may create one.
    if (!input.unitId && !isPlatformWide(actor)) throw invalid('unitId', 'required for your jurisdiction');
    const scopes = [...new Set(input.scopes)];
    await repo.insertToken(tx, {
      id,
      name: input.name,
      unitId: input.unitId ?? null,
      scopes,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'api_token',
      entityId: id,
      details: { name: input.name, scopes, unitId: input.unitId ?? null },
    });
  });
  return { id, token };
}

export async function revokeToken(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'tokens:write');
  await db.transaction(async (tx) => {
    const row = await repo.findToken(tx, id);
    const unit = row?.unitId ? await visibleUnit(tx, actor, row.unitId).catch(() => null) : null;
    if (!row || (row.unitId ? !unit : !isPlatformWide(actor))) throw notFound('token');
    if (row.revokedAt) return;
    await repo.revokeToken(tx, id);
    await audit(tx, actor, { action: 'revoke', entityType: 'api_token', entityId: id });
  });
}

/** The live (unrevoked) token with this hash, for authenticating a partner's request (platform-internal). */
export const activeToken = (db: Db, tokenHash: string) => repo.findActiveToken(db, tokenHash);

/** Records the token's last use (informational; at most once a minute per token). */
export const touchToken = (db: Db, id: string) => repo.touchToken(db, id);
