import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { generatePassword, hashPassword, passwordProblem } from '../../platform/auth/secrets.ts';
import { audit } from '../audit/index.ts';
import { ensureRoot } from '../org/index.ts';
import * as repo from './repository.ts';

/**
 * First start: the root unit and an `admin` account. The password is ZHIWANG_ADMIN_PASSWORD when set, otherwise
 * generated and returned so the caller prints it once (it is never logged or stored in clear).
 */
export async function bootstrapAdmin(
  db: Db,
  configured?: string,
): Promise<{ created: boolean; password?: string; generated?: boolean }> {
  const root = await ensureRoot(db);
  if ((await repo.countUsers(db)) > 0) return { created: false };
  if (configured) {
    const problem = passwordProblem(configured, 'admin');
    if (problem) throw new Error(`ZHIWANG_ADMIN_PASSWORD ${problem}`);
  }
  const password = configured ?? generatePassword();
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await repo.insertUser(tx, {
      id,
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      unitId: root.id,
      passwordHash: await hashPassword(password),
      // a generated password has been shown on a console or kept in a file: the first login must replace it
      mustChangePassword: !configured,
    });
    await audit(tx, SYSTEM_ACTOR, {
      action: 'create',
      entityType: 'user',
      entityId: id,
      details: { username: 'admin', bootstrap: true },
    });
  });
  return { created: true, password, generated: !configured };
}
