import type { Database } from '../../server/platform/db/index.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import type { App, AppDeps } from '../../server/platform/http/app.ts';
import { createTestDatabase } from './db.ts';

export const ADMIN_PASSWORD = 'Zhiwang-root-1234';

export interface TestServer {
  url: string;
  app: App;
  database: Database;
  /** A client logged in as `username` (the admin by default). */
  login(username?: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

/** The real HTTP server on a random local port, over a fresh database, with the first admin created. */
export async function startTestServer(config: Partial<AppDeps['config']> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  await bootstrapAdmin(database.db, ADMIN_PASSWORD);
  const app = await createApp({
    db: database.db,
    config: { secureCookies: false, logLevel: 'silent', ...config },
    listen: database.listen,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    app,
    database,
    anonymous: () => new Client(url),
    async login(username = 'admin', password = ADMIN_PASSWORD) {
      const client = new Client(url);
      const res = await client.post('/api/v1/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny fetch client that keeps the session cookie, like a browser would. */
export class Client {
  cookie = '';
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  withBearer(token: string) {
    return new Client(this.base, { ...this.headers, authorization: `Bearer ${token}` });
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const raw = typeof body === 'string' || body instanceof Uint8Array;
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...this.headers,
        ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json')
      ? await res.json()
      : type.includes('text')
        ? await res.text()
        : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>('GET', path, undefined, headers);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request<T>('POST', path, body, headers);
  patch = <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}
