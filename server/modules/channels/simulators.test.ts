import { describe, expect, it } from 'vitest';
import { startSimulators } from './simulators.ts';
import { SmppClient } from './smpp/client.ts';

describe('demo simulators', () => {
  it('start on free ports with the demo rules and accept the demo account', async () => {
    const s = await startSimulators({ SIM_SMPP_PORT: '0', SIM_VOICE_PORT: '0' });
    try {
      expect(s.voice.ruleFor('13800000001').status).toBe('busy');
      expect(s.voice.ruleFor('13800000002').status).toBe('no_answer');
      expect(s.voice.ruleFor('13800138000')).toMatchObject({ status: 'answered', keys: ['1'] });
      const c = new SmppClient({ host: '127.0.0.1', port: s.smppPort, systemId: 'zhiwang', password: 'zhiwang' });
      await c.connect();
      const got = new Promise<{ text: string }>((r) => s.smsc.once('message', r));
      await c.send({ to: '13800138000', text: '演示短信' });
      expect((await got).text).toBe('演示短信');
      await c.close();
    } finally {
      await s.stop();
    }
  });
});
