import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
});
afterAll(() => server.close());

describe('login, session, logout', () => {
  it('logs in with an httpOnly SameSite session cookie and knows who is logged in', async () => {
    const client = server.anonymous();
    const res = await client.post('/api/v1/auth/login', { username: 'officerA', password: USER_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/zw_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.body.user).toMatchObject({ username: 'officerA', role: 'station_officer' });
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.unitName).toBe('金城江派出所');
    expect(me.body.permissions).toContain('warnings:read');
  });

  it('rejects a wrong password with 401 and no cookie, and the API without a session with 401', async () => {
    const client = server.anonymous();
    const res = await client.post('/api/v1/auth/login', { username: 'officerB', password: 'wrong-password-1' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await client.get('/api/v1/units')).status).toBe(401);
    const unknown = await client.post('/api/v1/auth/login', { username: 'nobody', password: 'wrong-password-1' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe(res.body.message); // no hint which usernames exist
  });

  it('ends the session on logout', async () => {
    const client = await server.login('analyst', USER_PASSWORD);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const stale = server.anonymous();
    stale.cookie = client.cookie;
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('locks an account after 5 failed logins, even for the right password, and audits the failures', async () => {
    const client = server.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await client.post('/api/v1/auth/login', { username: 'telecom', password: `nope-${i}-xxxxx` })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await client.post('/api/v1/auth/login', { username: 'telecom', password: USER_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
    const admin = await server.login();
    const audit = await admin.get('/api/v1/audit?action=login_failed');
    expect(audit.body.items.filter((r: any) => r.actorName === 'telecom')).toHaveLength(5);
  });
});

describe('password change', () => {
  it('changes the own password with the current one, enforcing the policy', async () => {
    const client = await server.login('leader', USER_PASSWORD);
    const weak = await client.post('/api/v1/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe('newPassword');
    const wrong = await client.post('/api/v1/auth/password', {
      currentPassword: 'not-it-12345',
      newPassword: 'Shift-change-9876',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('currentPassword');
    expect(
      (await client.post('/api/v1/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'Shift-change-9876' }))
        .status,
    ).toBe(204);
    expect(
      (await server.anonymous().post('/api/v1/auth/login', { username: 'leader', password: USER_PASSWORD })).status,
    ).toBe(401);
    expect(
      (await server.anonymous().post('/api/v1/auth/login', { username: 'leader', password: 'Shift-change-9876' }))
        .status,
    ).toBe(200);
  });

  it('forces a user with a temporary password to change it before anything else', async () => {
    const admin = await server.login();
    const units = await admin.get('/api/v1/units?kind=station');
    const created = await admin.post('/api/v1/users', {
      username: 'newcomer',
      displayName: '新民警',
      role: 'station_officer',
      unitId: units.body.items[0].id,
    });
    expect(created.status).toBe(201);
    const temp = created.body.temporaryPassword as string;
    expect(temp.length).toBeGreaterThanOrEqual(18);
    const user = await server.login('newcomer', temp);
    expect((await user.get('/api/v1/units')).status).toBe(403);
    expect((await user.get('/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);
    expect(
      (await user.post('/api/v1/auth/password', { currentPassword: temp, newPassword: 'First-shift-2026' })).status,
    ).toBe(204);
    expect((await user.get('/api/v1/units')).status).toBe(200);
  });
});

describe('admin bootstrap', () => {
  it('the first admin logs in with the configured password', async () => {
    const res = await server.anonymous().post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('admin');
  });
});

// Last: it exhausts this client address's login budget for the minute.
describe('login rate limit', () => {
  it('rate-limits login attempts per client address with 429', async () => {
    const client = server.anonymous();
    const statuses = new Set<number>();
    for (let i = 0; i < 35; i++) {
      statuses.add((await client.post('/api/v1/auth/login', { username: `ghost${i}`, password: 'x' })).status);
    }
    expect(statuses.has(429)).toBe(true);
  });
});
