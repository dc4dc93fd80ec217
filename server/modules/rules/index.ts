// The rules module's public surface: the engine configuration in force.
export { currentEngineConfig, putRuleConfig } from './service.ts';
