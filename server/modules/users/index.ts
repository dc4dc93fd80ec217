// The users module's public surface for other modules.
export { createUser, findUser, type UserRef, listUsers, presentUser, changeOwnPassword } from './service.ts';
export { LOCKOUT } from './rules.ts';
export {
  findAccount,
  clearLoginFailures,
  startSession,
  findSession,
  endSession,
  type UserWithUnit,
} from './accounts.ts';
