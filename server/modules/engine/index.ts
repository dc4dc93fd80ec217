export { createEngine, BUILTIN_RULES, type Engine, type EngineOptions } from './engine.ts';
export {
  DEFAULT_CONFIG,
  EngineConfigSchema,
  stateHorizonSec,
  validateConfig,
  type EngineConfig,
  type ConfigFieldError,
} from './config.ts';
export {
  IndicatorStore,
  INDICATOR_KINDS,
  indicatorKey,
  type IndicatorInput,
  type IndicatorEntry,
  type IndicatorKind,
  type ListName,
} from './indicators.ts';
export { buildMatcher, type Matcher } from './matcher.ts';
export { buildTextAnalyzer, type TextAnalyzer, type TextFindings } from './text.ts';
export { normalizeEvent } from './normalize.ts';
export { SubjectLinker, ID_KIND } from './subjects.ts';
export type { Rule, RuleFn } from './rule.ts';
export {
  LEVEL_ZH,
  type TypedEvent,
  type Decision,
  type Level,
  type NormEvent,
  type RuleHit,
  type WarningAction,
  type WarningView,
} from './types.ts';
export { accountKey, idKey, phoneKey, ipOfUrl } from './ids.ts';
export { isPersonName } from './rules-money.ts';
