import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { buildChannels } from './channels.ts';

describe('dissuasion channel configuration', () => {
  it('reads the voice and SMPP variables and builds only the configured channels', () => {
    const c = loadConfig({
      ZHIWANG_VOICE_URL: 'http://gw.local:8790',
      ZHIWANG_VOICE_SECRET: 'a-long-shared-secret',
      ZHIWANG_PUBLIC_URL: 'https://zw.example',
    });
    expect(c).toMatchObject({ voiceGatewayUrl: 'http://gw.local:8790', publicUrl: 'https://zw.example' });
    const ch = buildChannels(c, () => 'http://127.0.0.1:1');
    expect(ch.voice?.callbackUrl).toBe('https://zw.example/api/v1/channels/voice/callback');
    expect(ch.sms).toBeUndefined();
    expect(buildChannels(loadConfig({}), () => 'http://x').voice).toBeUndefined();
  });

  it('refuses half-configured channels and bad values, naming the variable', () => {
    expect(() => loadConfig({ ZHIWANG_VOICE_URL: 'http://gw.local' })).toThrow(
      /ZHIWANG_VOICE_URL and ZHIWANG_VOICE_SECRET/,
    );
    expect(() => loadConfig({ ZHIWANG_SMPP_HOST: 'smsc.local' })).toThrow(/ZHIWANG_SMPP_SYSTEM_ID/);
    expect(() => loadConfig({ ZHIWANG_SMPP_PORT: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZHIWANG_SMPP_PORT: '99999' })).toThrow(/ZHIWANG_SMPP_PORT/);
    expect(() => loadConfig({ ZHIWANG_VOICE_URL: 'ftp://gw', ZHIWANG_VOICE_SECRET: 'a-long-shared-secret' })).toThrow(
      /ZHIWANG_VOICE_URL/,
    );
    expect(
      loadConfig({
        ZHIWANG_SMPP_HOST: 'smsc.local',
        ZHIWANG_SMPP_SYSTEM_ID: 'zw',
        ZHIWANG_SMPP_PASSWORD: 'pw',
        ZHIWANG_SMPP_PORT: '2775',
      }).smppPort,
    ).toBe(2775);
  });
});
