import { SmppSimulator } from './smpp/simulator.ts';
import { VoiceGatewaySimulator } from './voice/simulator.ts';

/**
 * Start both protocol simulators for the demo: `npx tsx server/modules/channels/simulators.ts`.
 * Env: SIM_SMPP_PORT (2775), SIM_VOICE_PORT (8790), SIM_SMPP_USER/SIM_SMPP_PASSWORD, SIM_VOICE_SECRET.
 * Demo rules: numbers ending 0001 are busy (seed 004), 0002 do not answer, 0004 SMS are undeliverable;
 * anything else answers and presses 1. Override one number live with
 *   curl -X PUT -H 'content-type: application/json' -d '{"status":"busy"}' localhost:8790/v1/sim/overrides/13800138000
 */

export async function startSimulators(env: NodeJS.ProcessEnv = process.env) {
  const smsc = new SmppSimulator({
    accounts: { [env.SIM_SMPP_USER ?? 'zhiwang']: env.SIM_SMPP_PASSWORD ?? 'zhiwang' },
    receiptDelayMs: 500,
    receiptStat: (to) => (to.endsWith('0004') ? 'UNDELIV' : 'DELIVRD'),
  });
  const voice = new VoiceGatewaySimulator({
    secret: env.SIM_VOICE_SECRET ?? 'zhiwang-demo-secret',
    callbackDelayMs: 3_000, // a short ring, so the demo shows the busy → dispatch path within seconds
    suffixRules: [
      { suffix: '0001', rule: { status: 'busy' } },
      { suffix: '0002', rule: { status: 'no_answer' } },
    ],
  });
  const smppPort = await smsc.start(Number(env.SIM_SMPP_PORT ?? 2775));
  const voiceUrl = await voice.start(Number(env.SIM_VOICE_PORT ?? 8790));
  return {
    smsc,
    voice,
    smppPort,
    voiceUrl,
    stop: async () => {
      await smsc.stop();
      await voice.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await startSimulators();
  console.log(`SMPP simulator on 127.0.0.1:${s.smppPort}, voice gateway simulator on ${s.voiceUrl}`);
  smscLog(s.smsc);
  process.on('SIGINT', () => void s.stop().then(() => process.exit(0)));
}

function smscLog(smsc: SmppSimulator): void {
  smsc.on('message', (m: { to: string; parts: number; text: string }) =>
    console.log(`SMS → ${m.to} (${m.parts} part): ${m.text}`),
  );
}
