// The tokens module's public surface: what other modules may use.
export { findActiveToken, touchToken } from './repository.ts';
