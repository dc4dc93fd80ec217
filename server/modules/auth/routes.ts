import { Type } from 'typebox';
import { ErrorBody } from '../../../contract/common.ts';
import { LoginRequest, PasswordChangeRequest, SessionUser } from '../../../contract/access.ts';
import { actorOf, SESSION_COOKIE, type RouteModule } from '../../platform/http/app.ts';
import * as users from '../users/index.ts';
import { changeOwnPassword } from '../users/index.ts';
import { presentUser } from '../users/index.ts';
import { notFound } from '../../platform/errors.ts';
import { login, logout, SESSION_TTL_MS } from './service.ts';
import { LoginThrottle } from './lockout.ts';
import { LOCKOUT } from '../users/index.ts';
import { systemClock } from '../../platform/clock.ts';

export const authRoutes: RouteModule = (app, { db, config, clock = systemClock }) => {
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies, path: '/' };
  const throttle = new LoginThrottle(LOCKOUT); // failed logins per name and address, in the database (lockout.ts)

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        body: LoginRequest,
        response: { 200: Type.Object({ user: SessionUser }), 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, user } = await login(
        db,
        { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] },
        new Date(clock()),
        throttle,
      );
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
      return { user };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { allowPasswordChange: true },
      schema: { tags: ['auth'], response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      if (req.sessionToken) await logout(db, actorOf(req), req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { allowPasswordChange: true },
      schema: {
        tags: ['auth'],
        response: { 200: Type.Object({ user: SessionUser, permissions: Type.Array(Type.String()) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const user = actor.kind === 'user' ? await users.findAccount(db, { id: actor.id }) : undefined;
      if (!user) throw notFound('user');
      return { user: presentUser(user), permissions: [...actor.permissions] };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { allowPasswordChange: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: PasswordChangeRequest, response: { 204: Type.Null(), 400: ErrorBody } },
    },
    async (req, reply) => {
      await changeOwnPassword(db, actorOf(req), req.sessionId ?? '', req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );
};
