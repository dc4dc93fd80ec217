import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', logLevel: 'info', secureCookies: false, eventClockSkewSec: 300 });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', ZHIWANG_DATA_DIR: '/tmp/zw', DATABASE_URL: 'postgres://u@localhost/zw',
      NATS_URL: 'nats://127.0.0.1:4222', ZHIWANG_ADMIN_PASSWORD: 'Long-enough-1', LOG_LEVEL: 'warn', ZHIWANG_SECURE_COOKIES: 'true',
      ZHIWANG_EVENT_CLOCK_SKEW_SEC: '60',
    });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/tmp/zw', natsUrl: 'nats://127.0.0.1:4222', secureCookies: true, eventClockSkewSec: 60 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NATS_URL: 'http://x' }, 'NATS_URL'],
    [{ ZHIWANG_ADMIN_PASSWORD: 'short' }, 'ZHIWANG_ADMIN_PASSWORD'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ZHIWANG_SECURE_COOKIES: 'maybe' }, 'ZHIWANG_SECURE_COOKIES'],
    [{ ZHIWANG_EVENT_CLOCK_SKEW_SEC: '-1' }, 'ZHIWANG_EVENT_CLOCK_SKEW_SEC'],
    [{ ZHIWANG_EVENT_CLOCK_SKEW_SEC: '5min' }, 'ZHIWANG_EVENT_CLOCK_SKEW_SEC'],
  ])('rejects %o naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
