// The channels module's public surface for other modules.
export {
  sendWebhook,
  formatWarningNotice,
  formatTextNotice,
  type WecomMessage,
  type WebhookResult,
  type WarningNotice,
} from './webhook.ts';
