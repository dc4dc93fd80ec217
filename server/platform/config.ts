import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

// Configuration comes from the environment only, validated once at start; a bad value stops the process with a
// message naming the variable (docs/operations.md lists them all).
const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dataDir: Type.String({ minLength: 1 }),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  natsUrl: Type.Optional(Type.String({ pattern: '^(nats|tls)://' })),
  adminPassword: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  secureCookies: Type.Boolean(),
  /** how far ahead of this server's clock a partner event's occurredAt may be (docs/integration.md) */
  eventClockSkewSec: Type.Integer({ minimum: 0, maximum: 86_400 }),
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
});
export type Config = Static<typeof ConfigSchema>;

const ENV_NAME: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'ZHIWANG_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  natsUrl: 'NATS_URL',
  adminPassword: 'ZHIWANG_ADMIN_PASSWORD',
  logLevel: 'LOG_LEVEL',
  secureCookies: 'ZHIWANG_SECURE_COOKIES',
  eventClockSkewSec: 'ZHIWANG_EVENT_CLOCK_SKEW_SEC',
  voiceGatewayUrl: 'ZHIWANG_VOICE_URL',
  voiceGatewaySecret: 'ZHIWANG_VOICE_SECRET',
  publicUrl: 'ZHIWANG_PUBLIC_URL',
  smppHost: 'ZHIWANG_SMPP_HOST',
  smppPort: 'ZHIWANG_SMPP_PORT',
  smppSystemId: 'ZHIWANG_SMPP_SYSTEM_ID',
  smppPassword: 'ZHIWANG_SMPP_PASSWORD',
  smppSourceAddr: 'ZHIWANG_SMPP_SOURCE',
  smsSignature: 'ZHIWANG_SMS_SIGNATURE',
};

export class ConfigError extends Error {}

const checker = Compile(ConfigSchema);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const port = blank(env.PORT);
  const candidate = {
    port: port === undefined ? 3000 : /^\d+$/.test(port) ? Number(port) : port,
    host: blank(env.HOST) ?? '127.0.0.1',
    dataDir: path.resolve(blank(env.ZHIWANG_DATA_DIR) ?? './data'),
    databaseUrl: blank(env.DATABASE_URL),
    natsUrl: blank(env.NATS_URL),
    adminPassword: env.ZHIWANG_ADMIN_PASSWORD === undefined ? undefined : env.ZHIWANG_ADMIN_PASSWORD,
    logLevel: blank(env.LOG_LEVEL) ?? 'info',
    secureCookies: parseBool(blank(env.ZHIWANG_SECURE_COOKIES)),
    eventClockSkewSec: intOrRaw(blank(env.ZHIWANG_EVENT_CLOCK_SKEW_SEC)) ?? 300,
    voiceGatewayUrl: blank(env.ZHIWANG_VOICE_URL),
    voiceGatewaySecret: blank(env.ZHIWANG_VOICE_SECRET),
    publicUrl: blank(env.ZHIWANG_PUBLIC_URL),
    smppHost: blank(env.ZHIWANG_SMPP_HOST),
    smppPort: intOrRaw(blank(env.ZHIWANG_SMPP_PORT)),
    smppSystemId: blank(env.ZHIWANG_SMPP_SYSTEM_ID),
    smppPassword: blank(env.ZHIWANG_SMPP_PASSWORD),
    smppSourceAddr: blank(env.ZHIWANG_SMPP_SOURCE),
    smsSignature: blank(env.ZHIWANG_SMS_SIGNATURE),
  };
  for (const k of Object.keys(candidate) as (keyof Config)[]) if (candidate[k] === undefined) delete candidate[k];
  if (!checker.Check(candidate)) {
    const problems = [...checker.Errors(candidate)].map((e) => {
      const key = e.instancePath.slice(1) as keyof Config;
      return `${ENV_NAME[key] ?? key}: ${e.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  // a channel half-configured would fail on the first warning, hours later: refuse at start instead
  const c = candidate as Config;
  const pairs: [boolean, string][] = [
    [!!c.voiceGatewayUrl !== !!c.voiceGatewaySecret, 'ZHIWANG_VOICE_URL and ZHIWANG_VOICE_SECRET go together'],
    [!!c.smppHost && !(c.smppSystemId && c.smppPassword), 'ZHIWANG_SMPP_HOST needs ZHIWANG_SMPP_SYSTEM_ID and ZHIWANG_SMPP_PASSWORD'],
  ];
  const bad = pairs.filter(([b]) => b).map(([, m]) => m);
  if (bad.length) throw new ConfigError(`invalid configuration:\n  ${bad.join('\n  ')}`);
  return candidate as Config;
}

const intOrRaw = (v: string | undefined) => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v);

function parseBool(v: string | undefined): boolean | string {
  if (v === undefined || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  return v;
}
