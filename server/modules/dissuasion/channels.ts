import type { Config } from '../../platform/config.ts';
import { SmppClient, type DeliveryReport } from '../channels/index.ts';
import { VoiceGatewayClient } from '../channels/index.ts';
import { DEFAULT_KEYPAD } from '../channels/index.ts';
import { sendWebhook, type WecomMessage } from '../channels/index.ts';
import { outboundUrlProblem } from '../channels/index.ts';

/**
 * The channels the workflow talks through, built from configuration. A channel left unconfigured is absent:
 * the attempt is still recorded (failed, "not configured"), so a deployment without SMS shows it on every
 * warning instead of silently skipping the step.
 */
export interface VoicePort {
  callbackUrl: string;
  secret: string;
  call(req: { callId: string; to: string; segments: { type: 'tts'; text: string }[] }): Promise<string>;
}
export interface SmsPort {
  send(msg: { to: string; text: string; ref: string }): Promise<string[]>;
  onReceipt(fn: (r: DeliveryReport) => void): void;
  close(): Promise<void>;
}
export interface Channels {
  voice?: VoicePort;
  sms?: SmsPort;
  webhook(url: string, msg: WecomMessage): Promise<string>;
  smsSignature?: string;
}

export type ChannelConfig = Pick<
  Config,
  | 'voiceGatewayUrl'
  | 'voiceGatewaySecret'
  | 'publicUrl'
  | 'smppHost'
  | 'smppPort'
  | 'smppSystemId'
  | 'smppPassword'
  | 'smppSourceAddr'
  | 'smsSignature'
>;

export function buildChannels(
  c: ChannelConfig,
  serverUrl: () => string,
  o: { webhookAllowPrivate?: boolean } = {},
): Channels {
  const channels: Channels = {
    webhook: async (url, msg) => {
      // checked again at each call: the name may resolve elsewhere than when it was saved (SSRF)
      const problem = await outboundUrlProblem(url, { allowPrivate: !!o.webhookAllowPrivate });
      if (problem) throw new Error(`webhook refused: ${problem}`);
      const r = await sendWebhook(url, msg);
      if (!r.ok) throw new Error(r.error);
      return `${r.ms}ms`;
    },
  };
  if (c.smsSignature) channels.smsSignature = c.smsSignature;
  if (c.voiceGatewayUrl && c.voiceGatewaySecret) {
    const client = new VoiceGatewayClient({ baseUrl: c.voiceGatewayUrl, secret: c.voiceGatewaySecret, retries: 1 });
    const secret = c.voiceGatewaySecret;
    channels.voice = {
      secret,
      get callbackUrl() {
        return `${c.publicUrl ?? serverUrl()}/api/v1/channels/voice/callback`;
      },
      async call(req) {
        const r = await client.requestCall({
          ...req,
          keypad: DEFAULT_KEYPAD,
          transferTo: '96110',
          callbackUrl: this.callbackUrl,
        });
        return r.callId;
      },
    };
  }
  if (c.smppHost && c.smppSystemId && c.smppPassword) {
    const client = new SmppClient({
      host: c.smppHost,
      port: c.smppPort ?? 2775,
      systemId: c.smppSystemId,
      password: c.smppPassword,
      sourceAddr: c.smppSourceAddr ?? '12381',
    });
    let bound: Promise<void> | null = null;
    const ensure = () => {
      if (client.isBound) return Promise.resolve();
      // the first bind is awaited by the first SMS; later drops are handled by the client's own reconnect
      bound ??= client.connect().catch((e: unknown) => {
        bound = null;
        throw e;
      });
      return bound;
    };
    void ensure().catch(() => undefined);
    channels.sms = {
      send: async (m) => {
        await ensure();
        return (await client.send(m)).messageIds;
      },
      onReceipt: (fn) => {
        client.on('receipt', fn);
      },
      close: () => client.close(),
    };
  }
  return channels;
}
