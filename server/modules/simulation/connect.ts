// Connecting the simulator to a running Zhiwang the way a new user would, over its HTTP API only: log in, make a
// partner token for the events (revoked afterwards), and register the city's residents through the residents
// import so their warnings route to the station of their grid instead of the centre's queue.
// No platform dependency: this runs in the CLI process against any server.
import type { Person } from './population.ts';

/** The demo organisation's city (河池市, server/demo-organisation.ts): its grids are preferred when present. */
export const DEMO_CITY_CODE = '451200';

export class ZhiwangApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface Me {
  user: { username: string; unitId: string; role: string };
  permissions: string[];
}

/** A logged-in user: keeps the session cookie like a browser would. */
export class Session {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
    readonly me: Me,
  ) {}

  static async login(base: string, username: string, password: string): Promise<Session> {
    const res = await fetch(new URL('/api/v1/auth/login', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }).catch((err: Error) => {
      throw new ZhiwangApiError(`cannot reach ${base}: ${err.message}`, 0);
    });
    if (!res.ok)
      throw new ZhiwangApiError(`login as ${username} failed: ${res.status} ${await errorText(res)}`, res.status);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const meRes = await fetch(new URL('/api/v1/auth/me', base), { headers: { cookie } });
    if (!meRes.ok)
      throw new ZhiwangApiError(
        `GET /api/v1/auth/me as ${username}: ${meRes.status} ${await errorText(meRes)}`,
        meRes.status,
      );
    return new Session(base, cookie, (await meRes.json()) as Me);
  }

  can(permission: string): boolean {
    return this.me.permissions.includes(permission);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const form = body instanceof FormData;
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: { cookie: this.cookie, ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    if (!res.ok)
      throw new ZhiwangApiError(
        `${method} ${path} as ${this.me.user.username}: ${res.status} ${await errorText(res)}`,
        res.status,
      );
    return (res.status === 204 ? null : await res.json()) as T;
  }

  async logout(): Promise<void> {
    await this.request('POST', '/api/v1/auth/logout').catch(() => undefined);
  }
}

async function errorText(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const b = JSON.parse(text) as { message?: string; field?: string; reason?: string };
    return [b.message, b.field && `${b.field}: ${b.reason ?? ''}`].filter(Boolean).join(' — ');
  } catch {
    return text.slice(0, 200);
  }
}

/** A partner token with `events:write` only, named so it can be told apart in 系统管理 → 接口令牌. */
export async function createEventsToken(s: Session, name: string): Promise<{ id: string; token: string }> {
  if (!s.can('tokens:write'))
    throw new ZhiwangApiError(
      `${s.me.user.username} may not create partner tokens (tokens:write): log in as an administrator or pass --token`,
      403,
    );
  // a token of the user's own unit: an administrator below the root may only create those
  return s.request('POST', '/api/v1/tokens', { name, unitId: s.me.user.unitId, scopes: ['events:write'] });
}

export async function revokeToken(s: Session, id: string): Promise<void> {
  await s.request('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
}

interface Unit {
  id: string;
  kind: string;
  code: string | null;
  path: string;
}

/** Community grid codes the session may register residents in: the demo city's when it exists, else all it sees. */
export async function gridCodes(s: Session, cityCode = DEMO_CITY_CODE): Promise<{ codes: string[]; demo: boolean }> {
  const grids = (await s.request<{ items: Unit[] }>('GET', '/api/v1/units?kind=grid')).items.filter((u) => u.code);
  const city = (await s.request<{ items: Unit[] }>('GET', '/api/v1/units?kind=city')).items.find(
    (u) => u.code === cityCode,
  );
  const inCity = city ? grids.filter((g) => g.path.startsWith(city.path)) : [];
  const chosen = inCity.length ? inCity : grids;
  return { codes: chosen.map((g) => g.code!).sort(), demo: inCity.length > 0 };
}

interface ImportReport {
  imported: number;
  rows: { row: number; ok: boolean; error?: string }[];
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvOf = (people: readonly Person[]) =>
  [
    '姓名,身份证号,手机号,网格,职业',
    ...people.map((p) => [p.name, p.idNumber, p.phone, p.grid, p.occupation].map(cell).join(',')),
  ].join('\n');

/**
 * Imports the residents in chunks (the import is all-or-nothing per file). People already in the registry — a
 * re-run of the same city, or a bigger city under the same seed — are left out and the rest imported again.
 */
export async function registerResidents(
  s: Session,
  people: readonly Person[],
  chunk = 1000,
): Promise<{ imported: number; alreadyRegistered: number }> {
  let imported = 0,
    alreadyRegistered = 0;
  for (let i = 0; i < people.length; i += chunk) {
    let part = people.slice(i, i + chunk);
    while (part.length) {
      const fd = new FormData();
      fd.append('file', new Blob([csvOf(part)], { type: 'text/csv' }), 'residents.csv');
      const r = await s.request<ImportReport>('POST', '/api/v1/residents/import', fd);
      if (r.imported > 0) {
        imported += r.imported;
        break;
      }
      const bad = r.rows.filter((x) => !x.ok);
      const other = bad.find((x) => !x.error?.includes('already'));
      if (other) throw new ZhiwangApiError(`residents import refused row ${other.row}: ${other.error}`, 400);
      const already = new Set(bad.map((x) => x.row - 2)); // row 1 is the header
      alreadyRegistered += already.size;
      part = part.filter((_, k) => !already.has(k));
    }
  }
  return { imported, alreadyRegistered };
}

export interface ConnectOptions {
  url: string;
  user: string;
  password: string;
  /** an existing partner token: none is created or revoked */
  token?: string;
  /** false: the events go another way (NATS), so no token is made (default true) */
  events?: boolean;
  /** register residents (default true); the account needs residents:write, else `residentsUser` is used */
  residents?: boolean;
  /** the account that imports residents when `user` may not (the demo centre's analyst by default) */
  residentsUser?: string;
  residentsPassword?: string;
  tokenName?: string;
  log?: (msg: string) => void;
}

export interface Connection {
  /** the partner token for the events (null when `events` is false) */
  token: string | null;
  /** grid codes for the simulated residents (empty: keep the simulator's own, nobody is registered) */
  grids: string[];
  register(people: readonly Person[]): Promise<{ imported: number; alreadyRegistered: number; by: string } | null>;
  /** revokes the token made here and logs out; safe to call twice */
  close(): Promise<void>;
}

export async function connect(o: ConnectOptions): Promise<Connection> {
  const log = o.log ?? (() => {});
  const tokenName = o.tokenName ?? `城市模拟器 ${new Date().toISOString().slice(0, 19)}`;
  const admin = await Session.login(o.url, o.user, o.password);
  let created: { id: string; token: string } | null = null;
  let importer: Session | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    if (created) {
      await revokeToken(admin, created.id).then(
        () => log(`partner token "${tokenName}" revoked`),
        (err: Error) => log(`revoking the partner token failed: ${err.message}`),
      );
    }
    if (importer && importer !== admin) await importer.logout();
    await admin.logout();
  };
  try {
    if (!o.token && o.events !== false) {
      created = await createEventsToken(admin, tokenName);
      log(`partner token "${tokenName}" created (events:write)`);
    }
    let grids: string[] = [];
    if (o.residents !== false) {
      importer = await residentsAccount(admin, o, log);
      if (importer) {
        const g = await gridCodes(importer);
        grids = g.codes;
        if (!grids.length)
          log(`no community grid in ${importer.me.user.username}'s jurisdiction: residents not registered`);
        else
          log(
            `residents will live in ${grids.length} grids of ${g.demo ? 'the demo city' : 'the jurisdiction'} and be imported as ${importer.me.user.username}`,
          );
      }
    }
    return {
      token: created?.token ?? o.token ?? null,
      grids,
      async register(people) {
        if (!importer || !grids.length) return null;
        return { ...(await registerResidents(importer, people)), by: importer.me.user.username };
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The logged-in account if it may import residents, else `residentsUser` (default the demo centre's `analyst`). */
async function residentsAccount(s: Session, o: ConnectOptions, log: (m: string) => void): Promise<Session | null> {
  if (s.can('residents:write')) return s;
  const user = o.residentsUser ?? 'analyst';
  try {
    const other = await Session.login(o.url, user, o.residentsPassword ?? o.password);
    if (other.can('residents:write')) return other;
    await other.logout();
    log(
      `${user} may not import residents (residents:write): residents not registered, their warnings go to the centre's queue`,
    );
  } catch (err) {
    log(
      `${s.me.user.username} may not import residents and ${(err as Error).message}: residents not registered, their warnings go to the centre's queue (pass --residents-user/--residents-password)`,
    );
  }
  return null;
}
