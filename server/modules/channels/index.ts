// The channels module's public surface for other modules.
export {
  sendWebhook,
  formatWarningNotice,
  formatTextNotice,
  type WecomMessage,
  type WebhookResult,
  type WarningNotice,
} from './webhook.ts';
export { outboundUrlProblem } from './outbound.ts';
export { startSimulators } from './simulators.ts';
export { SmppClient } from './smpp/client.ts';
export type { DeliveryReport } from './smpp/client.ts';
export { VoiceGatewayClient, parseCallback } from './voice/client.ts';
export { DEFAULT_KEYPAD, signedHeaders } from './voice/contract.ts';
