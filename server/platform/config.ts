import net from 'node:net';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { passwordProblem } from './auth/secrets.ts';

const MAX_PROXY_HOPS = 10;

// Configuration comes from the environment only, validated once at start; a bad value stops the process with a
// message naming the variable (docs/operations.md lists them all).
const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  natsUrl: Type.Optional(Type.String({ pattern: '^(nats|tls)://' })),
  adminPassword: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
  /** password of the demo users (`--demo`); else the admin's, else generated */
  demoPassword: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
  /**
   * Whose X-Forwarded-For to believe: false (nobody: req.ip is the connecting address), a hop count, or the
   * proxies' addresses/CIDRs (proxy-addr names like 'loopback' too). Never everybody: any client could then choose
   * the address the login rate limit counts and the audit log records.
   */
  trustProxy: Type.Union([
    Type.Literal(false),
    Type.Integer({ minimum: 1, maximum: MAX_PROXY_HOPS }),
    Type.Array(Type.String(), { minItems: 1 }),
  ]),
  /** run the detection engine in this process (ZHIWANG_ENGINE=off on API-only nodes) */
  engine: Type.Boolean(),
  /** on PostgreSQL, decide in a worker thread off the HTTP thread (ZHIWANG_ENGINE_THREAD, default on; PGlite: in process) */
  engineThread: Type.Boolean(),
  /** W engine workers sharing the partitions (PostgreSQL only) and this process's index k in 0…W−1 */
  engineWorkers: Type.Integer({ minimum: 1, maximum: 64 }),
  engineWorker: Type.Integer({ minimum: 0, maximum: 63 }),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  secureCookies: Type.Boolean(),
  /** how far ahead of this server's clock a partner event's occurredAt may be (docs/integration.md) */
  eventClockSkewSec: Type.Integer({ minimum: 0, maximum: 86_400 }),
  /** a partner token's first use of an unbound event source claims it (default off: an administrator binds them) */
  eventSourceClaims: Type.Boolean(),
  // dissuasion channels (docs/operations.md): unset = the channel is off and every attempt is recorded as failed
  voiceGatewayUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  voiceGatewaySecret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
  /** base URL the voice gateway calls back on (this server as the gateway sees it) */
  publicUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  smppHost: Type.Optional(Type.String({ minLength: 1 })),
  smppPort: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  smppSystemId: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
  smppPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 9 })),
  smppSourceAddr: Type.Optional(Type.String({ pattern: '^[0-9]{3,20}$' })),
  smsSignature: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
  /** units may point their group robot webhook at loopback/private addresses (an intranet robot); off by default */
  webhookAllowPrivate: Type.Optional(Type.Boolean()),
});
export type Config = Static<typeof ConfigSchema>;

const ENV_NAME: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'ZHIWANG_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  natsUrl: 'NATS_URL',
  adminPassword: 'ZHIWANG_ADMIN_PASSWORD',
  demoPassword: 'ZHIWANG_DEMO_PASSWORD',
  trustProxy: 'ZHIWANG_TRUST_PROXY',
  engine: 'ZHIWANG_ENGINE',
  engineThread: 'ZHIWANG_ENGINE_THREAD',
  engineWorkers: 'ZHIWANG_ENGINE_WORKERS',
  engineWorker: 'ZHIWANG_ENGINE_WORKER',
  logLevel: 'LOG_LEVEL',
  secureCookies: 'ZHIWANG_SECURE_COOKIES',
  eventClockSkewSec: 'ZHIWANG_EVENT_CLOCK_SKEW_SEC',
  eventSourceClaims: 'ZHIWANG_EVENT_SOURCE_CLAIMS',
  voiceGatewayUrl: 'ZHIWANG_VOICE_URL',
  voiceGatewaySecret: 'ZHIWANG_VOICE_SECRET',
  publicUrl: 'ZHIWANG_PUBLIC_URL',
  smppHost: 'ZHIWANG_SMPP_HOST',
  smppPort: 'ZHIWANG_SMPP_PORT',
  smppSystemId: 'ZHIWANG_SMPP_SYSTEM_ID',
  smppPassword: 'ZHIWANG_SMPP_PASSWORD',
  smppSourceAddr: 'ZHIWANG_SMPP_SOURCE',
  smsSignature: 'ZHIWANG_SMS_SIGNATURE',
  webhookAllowPrivate: 'ZHIWANG_WEBHOOK_ALLOW_PRIVATE',
};

export class ConfigError extends Error {}

/** What a failed start prints: one line, no stack (config mistakes exit 2, anything else 1). */
export function startFailure(err: unknown): { message: string; code: number } {
  if (err instanceof ConfigError) return { message: err.message, code: 2 };
  const e = err as { message?: string; code?: string; cause?: { message?: string } };
  const message = (e?.message ?? String(err)).split('\n')[0]!;
  const cause = e?.cause?.message && !message.includes(e.cause.message) ? `: ${e.cause.message.split('\n')[0]}` : '';
  return {
    message: `Zhiwang could not start: ${message}${cause}${e?.code && !message.includes(e.code) ? ` (${e.code})` : ''}`,
    code: 1,
  };
}

const checker = Compile(ConfigSchema);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const problems: string[] = [];
  const port = blank(env.PORT);
  const candidate = {
    port: port === undefined ? 3000 : intOrRaw(port),
    host: blank(env.HOST) ?? '127.0.0.1',
    dataDir: path.resolve(blank(env.ZHIWANG_DATA_DIR) ?? './data'),
    databaseUrl: blank(env.DATABASE_URL),
    natsUrl: blank(env.NATS_URL),
    adminPassword: env.ZHIWANG_ADMIN_PASSWORD === undefined ? undefined : env.ZHIWANG_ADMIN_PASSWORD,
    demoPassword:
      env.ZHIWANG_DEMO_PASSWORD === undefined || env.ZHIWANG_DEMO_PASSWORD === ''
        ? undefined
        : env.ZHIWANG_DEMO_PASSWORD,
    trustProxy: parseTrustProxy(blank(env.ZHIWANG_TRUST_PROXY), problems),
    engine: parseSwitch(blank(env.ZHIWANG_ENGINE), true),
    engineThread: parseSwitch(blank(env.ZHIWANG_ENGINE_THREAD), true),
    engineWorkers: intOrRaw(blank(env.ZHIWANG_ENGINE_WORKERS) ?? '1'),
    engineWorker: intOrRaw(blank(env.ZHIWANG_ENGINE_WORKER) ?? '0'),
    logLevel: blank(env.LOG_LEVEL) ?? 'info',
    secureCookies: parseSwitch(blank(env.ZHIWANG_SECURE_COOKIES), false),
    eventClockSkewSec: intOrRaw(blank(env.ZHIWANG_EVENT_CLOCK_SKEW_SEC)) ?? 300,
    eventSourceClaims: parseSwitch(blank(env.ZHIWANG_EVENT_SOURCE_CLAIMS), false),
    voiceGatewayUrl: blank(env.ZHIWANG_VOICE_URL),
    voiceGatewaySecret: blank(env.ZHIWANG_VOICE_SECRET),
    publicUrl: blank(env.ZHIWANG_PUBLIC_URL),
    smppHost: blank(env.ZHIWANG_SMPP_HOST),
    smppPort: intOrRaw(blank(env.ZHIWANG_SMPP_PORT)),
    smppSystemId: blank(env.ZHIWANG_SMPP_SYSTEM_ID),
    smppPassword: blank(env.ZHIWANG_SMPP_PASSWORD),
    smppSourceAddr: blank(env.ZHIWANG_SMPP_SOURCE),
    smsSignature: blank(env.ZHIWANG_SMS_SIGNATURE),
    webhookAllowPrivate: parseSwitch(blank(env.ZHIWANG_WEBHOOK_ALLOW_PRIVATE), false),
  };
  for (const k of Object.keys(candidate) as (keyof typeof candidate)[])
    if (candidate[k] === undefined) delete candidate[k];
  if (!checker.Check(candidate)) {
    for (const e of checker.Errors(candidate)) {
      const key = e.instancePath.slice(1) as keyof Config;
      if (key === 'trustProxy' && problems.some((p) => p.startsWith(ENV_NAME.trustProxy))) continue; // already explained
      const got = (candidate as Record<string, unknown>)[key];
      const shown = typeof got === 'number' || (typeof got === 'string' && !SECRET.has(key)) ? ` (got "${got}")` : '';
      problems.push(`${ENV_NAME[key] ?? key}: ${explain(key, got, e.message)}${shown}`);
    }
  }
  if (problems.length) throw configError(problems);
  // Checks across variables: a channel half-configured would fail on the first warning hours later, a password
  // the account creation refuses would fail after the database is migrated; refuse at start instead.
  const c = candidate as Config;
  const admin = c.adminPassword === undefined ? null : passwordProblem(c.adminPassword, 'admin');
  const demo = c.demoPassword === undefined ? null : passwordProblem(c.demoPassword);
  const checks: [boolean, string][] = [
    [!!admin, `ZHIWANG_ADMIN_PASSWORD ${admin}`],
    [!!demo, `ZHIWANG_DEMO_PASSWORD ${demo}`],
    [!!c.voiceGatewayUrl !== !!c.voiceGatewaySecret, 'ZHIWANG_VOICE_URL and ZHIWANG_VOICE_SECRET go together'],
    [
      !!c.smppHost && !(c.smppSystemId && c.smppPassword),
      'ZHIWANG_SMPP_HOST needs ZHIWANG_SMPP_SYSTEM_ID and ZHIWANG_SMPP_PASSWORD',
    ],
    [
      c.engineWorker >= c.engineWorkers,
      `ZHIWANG_ENGINE_WORKER must be below ZHIWANG_ENGINE_WORKERS (0…${c.engineWorkers - 1}), got ${c.engineWorker}`,
    ],
    // one process owns an embedded database: the other workers' partitions would never be decided
    [
      c.engine && c.engineWorkers > 1 && !c.databaseUrl,
      'ZHIWANG_ENGINE_WORKERS > 1 needs PostgreSQL (DATABASE_URL); the embedded database runs one engine worker',
    ],
  ];
  const bad = checks.filter(([b]) => b).map(([, m]) => m);
  if (bad.length) throw configError(bad);
  return c;
}

/** One line (the start script prints it as is), naming every variable that is wrong. */
const configError = (problems: string[]) =>
  new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);

const SECRET = new Set<keyof Config>(['adminPassword', 'demoPassword', 'voiceGatewaySecret', 'smppPassword']);
const INTEGERS = new Set<keyof Config>(['port', 'smppPort', 'engineWorkers', 'engineWorker']);

function explain(key: keyof Config, got: unknown, message: string): string {
  if (key === 'engine' || key === 'engineThread' || key === 'secureCookies' || key === 'webhookAllowPrivate')
    return 'expected on or off (also true/false, 1/0)';
  if (INTEGERS.has(key) && typeof got === 'string') return 'expected a whole number';
  if (key === 'logLevel') return `expected one of ${ConfigSchema.properties.logLevel.enum.join(', ')}`;
  return message;
}

/** on/off, true/false, 1/0 (any case); anything else is returned as is for the schema to refuse. */
function parseSwitch(v: string | undefined, fallback: boolean): boolean | string {
  if (v === undefined) return fallback;
  const l = v.toLowerCase();
  if (l === 'on' || l === 'true' || l === '1') return true;
  if (l === 'off' || l === 'false' || l === '0') return false;
  return v;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(v: string | undefined, problems: string[]): false | number | string[] | undefined {
  if (v === undefined || ['off', 'false', '0', 'no'].includes(v.toLowerCase())) return false;
  const name = ENV_NAME.trustProxy;
  if (['true', 'on', 'all', '*', 'yes'].includes(v.toLowerCase())) {
    problems.push(
      `${name}: trusting every address lets any client forge X-Forwarded-For; give the number of proxies in front (e.g. 1) or their addresses`,
    );
    return undefined;
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > MAX_PROXY_HOPS) problems.push(`${name}: at most ${MAX_PROXY_HOPS} proxy hops, got ${v}`);
    return hops;
  }
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const wrong = list.filter((x) => !PROXY_NAMES.has(x) && !isAddressOrCidr(x));
  if (wrong.length) {
    problems.push(
      `${name}: expected off, a hop count, or proxy addresses/CIDRs separated by commas; not an address: ${wrong.map((w) => `"${w}"`).join(', ')}`,
    );
  }
  return list;
}

function isAddressOrCidr(x: string): boolean {
  const [addr, bits, ...rest] = x.split('/');
  const family = net.isIP(addr ?? '');
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const intOrRaw = (v: string | undefined) => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v);
