import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      secureCookies: false,
      eventClockSkewSec: 300,
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.databaseUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      ZHIWANG_DATA_DIR: '/tmp/zw',
      DATABASE_URL: 'postgres://u@localhost/zw',
      NATS_URL: 'nats://127.0.0.1:4222',
      ZHIWANG_ADMIN_PASSWORD: 'Long-enough-1',
      LOG_LEVEL: 'warn',
      ZHIWANG_SECURE_COOKIES: 'true',
      ZHIWANG_EVENT_CLOCK_SKEW_SEC: '60',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/zw',
      natsUrl: 'nats://127.0.0.1:4222',
      secureCookies: true,
      eventClockSkewSec: 60,
    });
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

  it('reads the engine topology and the demo password', () => {
    expect(loadConfig({})).toMatchObject({ engine: true, engineWorkers: 1, engineWorker: 0, trustProxy: false });
    expect(loadConfig({ ZHIWANG_ENGINE: 'off' }).engine).toBe(false);
    expect(loadConfig({ ZHIWANG_ENGINE: 'ON' }).engine).toBe(true);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@h/zw', ZHIWANG_ENGINE_WORKERS: '4', ZHIWANG_ENGINE_WORKER: '3' }),
    ).toMatchObject({ engineWorkers: 4, engineWorker: 3 });
    // API-only nodes in a multi-worker deployment share its settings; without an engine the PGlite check is moot
    expect(loadConfig({ ZHIWANG_ENGINE: 'off', ZHIWANG_ENGINE_WORKERS: '4' }).engine).toBe(false);
    expect(loadConfig({ ZHIWANG_DEMO_PASSWORD: 'Demo-pass-2026' }).demoPassword).toBe('Demo-pass-2026');
  });

  it.each([
    [{ ZHIWANG_ENGINE: 'of' }, /ZHIWANG_ENGINE: expected on or off/],
    [{ ZHIWANG_ENGINE_WORKERS: 'abc' }, /ZHIWANG_ENGINE_WORKERS: expected a whole number \(got "abc"\)/],
    [{ ZHIWANG_ENGINE_WORKERS: '0' }, /ZHIWANG_ENGINE_WORKERS/],
    [{ ZHIWANG_ENGINE_WORKERS: '65', DATABASE_URL: 'postgres://u@h/zw' }, /ZHIWANG_ENGINE_WORKERS/],
    [{ ZHIWANG_ENGINE_WORKER: '-1' }, /ZHIWANG_ENGINE_WORKER:/],
    [
      { ZHIWANG_ENGINE_WORKERS: '2', ZHIWANG_ENGINE_WORKER: '2', DATABASE_URL: 'postgres://u@h/zw' },
      /ZHIWANG_ENGINE_WORKER must be below ZHIWANG_ENGINE_WORKERS \(0…1\)/,
    ],
    [{ ZHIWANG_ENGINE_WORKERS: '2' }, /ZHIWANG_ENGINE_WORKERS > 1 needs PostgreSQL/],
    [{ ZHIWANG_ADMIN_PASSWORD: 'alllowercaseletters' }, /ZHIWANG_ADMIN_PASSWORD must mix/],
    [{ ZHIWANG_ADMIN_PASSWORD: 'My-admin-password-1' }, /ZHIWANG_ADMIN_PASSWORD must not contain the username/],
    [{ ZHIWANG_DEMO_PASSWORD: 'short' }, /ZHIWANG_DEMO_PASSWORD/],
  ])('rejects %o with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every bad variable on one line, without echoing passwords', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', ZHIWANG_ADMIN_PASSWORD: 'secret' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^invalid configuration: /);
    for (const name of ['PORT', 'LOG_LEVEL', 'ZHIWANG_ADMIN_PASSWORD']) expect(message).toContain(name);
    expect(message).not.toContain('secret');
  });

  describe('ZHIWANG_TRUST_PROXY', () => {
    it.each([
      [undefined, false],
      ['off', false],
      ['false', false],
      ['0', false],
      ['1', 1],
      ['2', 2],
      ['10.0.0.5', ['10.0.0.5']],
      [' 10.0.0.5 , 10.1.0.0/16,::1 ', ['10.0.0.5', '10.1.0.0/16', '::1']],
      ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ])('%j → %j', (value, expected) => {
      expect(loadConfig(value === undefined ? {} : { ZHIWANG_TRUST_PROXY: value }).trustProxy).toEqual(expected);
    });

    it.each(['true', 'all', '*', '10.0.0.300', '10.0.0.0/33', 'fd00::/129', 'proxy.example.com', '100', '-1'])(
      'rejects %j',
      (value) => {
        expect(() => loadConfig({ ZHIWANG_TRUST_PROXY: value })).toThrow(/ZHIWANG_TRUST_PROXY/);
      },
    );
  });
});
