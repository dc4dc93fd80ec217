// The auth module's public surface: who is calling (partner token or session), for the composition root.
export { actorFromApiToken, actorFromSession, actorForUser } from './service.ts';
