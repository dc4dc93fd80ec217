// The rules module's public surface: what other modules may use.
export { currentEngineConfig, putRuleConfig } from './service.ts';
