// The dissuasion module's public surface for other modules.
export { dissuasionFacts } from './facts.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { NewWarning } from '../../../contract/dissuasion.ts';
import { runtimeFor } from './runtime.ts';
import { enterWarning } from './service.ts';

/** A hand-entered warning (the 96110 desk turning a call into one), through the running workflow of `db`. */
export async function enterManualWarning(db: Db, actor: Actor, input: NewWarning): Promise<{ id: string; created: boolean }> {
  const rt = runtimeFor(db);
  if (!rt) throw new Error('the dissuasion workflow is not running on this database');
  return enterWarning(rt, actor, input, 'manual');
}
