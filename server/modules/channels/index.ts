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
export { SmppClient, type DeliveryReport } from './smpp/client.ts';
export { VoiceGatewayClient, parseCallback } from './voice/client.ts';
export { DEFAULT_KEYPAD, signedHeaders } from './voice/contract.ts';
export { startSimulators } from './simulators.ts';
