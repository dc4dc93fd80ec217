import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { Config } from '../../platform/config.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { units } from '../org/schema.ts';
import { createResident } from '../residents/index.ts';
import { startSimulators } from '../channels/index.ts';
import type { ChannelConfig } from './channels.ts';
import { putArea } from '../routing/index.ts';

/**
 * `npm start -- --demo`: the loop runs out of the box. Unless real channels are configured, the voice gateway
 * and SMPP simulators start in this process on free ports and the channels point at them. Numbers ending 0001
 * are busy (seed 004), 0002 do not answer, 0004 SMS are undeliverable; everyone else answers and presses 1.
 */
export async function demoChannels(
  config: ChannelConfig,
): Promise<{ channels: ChannelConfig; stop(): Promise<void>; note: string }> {
  if (config.voiceGatewayUrl || config.smppHost)
    return { channels: config, stop: async () => undefined, note: 'configured channels' };
  // generated per start: a constant in the repository would let anyone sign voice callbacks to a demo server
  const secret = randomBytes(24).toString('base64url');
  const smppPassword = randomBytes(4).toString('hex'); // SMPP passwords are at most 8 characters
  const sims = await startSimulators({
    SIM_SMPP_PORT: '0',
    SIM_VOICE_PORT: '0',
    SIM_VOICE_SECRET: secret,
    SIM_SMPP_USER: 'zhiwang',
    SIM_SMPP_PASSWORD: smppPassword,
  });
  return {
    channels: {
      ...config,
      voiceGatewayUrl: sims.voiceUrl,
      voiceGatewaySecret: secret,
      smppHost: '127.0.0.1',
      smppPort: sims.smppPort,
      smppSystemId: 'zhiwang',
      smppPassword,
    },
    stop: sims.stop,
    note: `simulators: voice ${sims.voiceUrl}, SMPP 127.0.0.1:${sims.smppPort}`,
  };
}

/** A few registry entries and a phone-area row so demo warnings route to 金城江派出所 / 庆远派出所. */
export async function loadDemoDissuasion(db: Db, config?: Pick<Config, 'dataDir'>): Promise<void> {
  void config;
  const grid = (await db.select().from(units).where(eq(units.kind, 'grid')).orderBy(units.code).limit(1))[0];
  if (!grid) return;
  const people: [string, string, string][] = [
    ['韦某某', '13877800001', '退休教师'],
    ['覃某某', '13877800002', '个体户'],
    ['蓝某某', '13877800003', '学生'],
    ['黄某某', '13877800004', '公司职员'],
  ];
  for (const [name, phone, occupation] of people) {
    await createResident(db, SYSTEM_ACTOR, { name, phone, unitId: grid.id, occupation }).catch(() => undefined);
  }
  await putArea(db, 'phone_prefix', '1397780', '451203001');
}
