// The users module's public surface for other modules.
export { findUser } from './repository.ts';
export { createUser, listUsers } from './service.ts';
