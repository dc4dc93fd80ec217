// The users module's public surface: what other modules may use.
export { findUser } from './repository.ts';
export { LOCKOUT } from './rules.ts';
export { changeOwnPassword, createUser, listUsers, presentUser } from './service.ts';
