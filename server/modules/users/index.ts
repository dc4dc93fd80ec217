// The users module's public surface for other modules.
export { findUser } from './repository.ts';
export { createUser, listUsers, presentUser, changeOwnPassword } from './service.ts';
export { LOCKOUT } from './rules.ts';
export {
  findAccount,
  clearLoginFailures,
  startSession,
  findSession,
  endSession,
  type UserWithUnit,
} from './accounts.ts';
