import { Type, type Static } from 'typebox';

// Rule configuration: the versioned engine configuration and the catalogue of built-in rules.
// The config object itself is validated by the engine's EngineConfigSchema (server/modules/engine/config.ts);
// here it travels as an object so that a bad field comes back as a field path and reason, not a schema 400.

export const BuiltinRule = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** English title for the English UI (the Chinese title when none is written yet) */
  titleEn: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.String(),
  descriptionEn: Type.String(),
  fraudTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  /** the fraud type comes from the list entry that matched */
  fraudTypeFromList: Type.Boolean(),
  /** top-level keys of the engine config this rule reads */
  configSections: Type.Array(Type.String()),
});
export type BuiltinRule = Static<typeof BuiltinRule>;
export const BuiltinRuleList = Type.Object({
  items: Type.Array(BuiltinRule),
  globalSections: Type.Array(Type.String()),
});

export const RuleConfigVersion = Type.Object({
  version: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdByName: Type.Union([Type.String(), Type.Null()]),
  /** null for the built-in defaults (version 1) */
  createdAt: Type.Union([Type.String(), Type.Null()]),
});
export type RuleConfigVersion = Static<typeof RuleConfigVersion>;

export const RuleConfigHistory = Type.Object({ items: Type.Array(RuleConfigVersion) });

export const PutRuleConfig = Type.Object(
  {
    config: Type.Record(Type.String(), Type.Unknown()),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type PutRuleConfig = Static<typeof PutRuleConfig>;

// Backtest (回测): a draft configuration replayed against a simulated city beside the configuration in force.
export const BacktestRequest = Type.Object(
  {
    config: Type.Record(Type.String(), Type.Unknown()),
    source: Type.Object(
      {
        kind: Type.Literal('simulation'),
        seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
        people: Type.Optional(Type.Integer({ minimum: 100, maximum: 3000 })),
        days: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type BacktestRequest = Static<typeof BacktestRequest>;

const LevelOrNull = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Null()]);
const Level = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);
const NumOrNull = Type.Union([Type.Integer(), Type.Null()]);
export const BacktestExample = Type.Object({
  subject: Type.String(),
  before: LevelOrNull,
  after: LevelOrNull,
  type: Type.Union([Type.String(), Type.Null()]),
  rules: Type.Array(Type.String()),
  reason: Type.String(),
  onVictim: Type.Union([Type.Boolean(), Type.Null()]),
});
export const BacktestResult = Type.Object({
  currentVersion: Type.String(),
  source: Type.Union([
    Type.Object({
      kind: Type.Literal('simulation'),
      seed: Type.Integer(),
      people: Type.Integer(),
      days: Type.Integer(),
    }),
    Type.Object({ kind: Type.Literal('stored'), from: Type.String(), to: Type.String() }),
  ]),
  events: Type.Integer(),
  subjects: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  byLevel: Type.Array(
    Type.Object({
      level: Level,
      before: Type.Integer(),
      after: Type.Integer(),
      gained: Type.Integer(),
      lost: Type.Integer(),
      victimsBefore: NumOrNull,
      victimsAfter: NumOrNull,
    }),
  ),
  rows: Type.Array(
    Type.Object({
      type: Type.String(),
      typeName: Type.String(),
      level: Level,
      before: Type.Integer(),
      after: Type.Integer(),
      gained: Type.Integer(),
      lost: Type.Integer(),
    }),
  ),
  gained: Type.Array(BacktestExample),
  lost: Type.Array(BacktestExample),
  /** a script-model backtest: before = the model in use (published), after = the draft (corpus + every label) */
  models: Type.Optional(
    Type.Object({
      current: Type.String(),
      draft: Type.String(),
      draftExamples: Type.Integer(),
      newLabels: Type.Integer(),
    }),
  ),
});
export type BacktestResult = Static<typeof BacktestResult>;

// Backtest of a DRAFT SCRIPT MODEL (the classifier retrained on the corpus and every confirmed label, not yet
// published) against the one in use, same rules configuration on both sides: a simulated city (answered at once)
// or a stored period (a background job, as for a draft configuration).
export const ScriptModelBacktestRequest = Type.Object(
  {
    source: Type.Object(
      {
        kind: Type.Literal('simulation'),
        seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
        people: Type.Optional(Type.Integer({ minimum: 100, maximum: 3000 })),
        days: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ScriptModelBacktestRequest = Static<typeof ScriptModelBacktestRequest>;
export const StoredScriptModelBacktestRequest = Type.Object(
  { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);
export type StoredScriptModelBacktestRequest = Static<typeof StoredScriptModelBacktestRequest>;

// Backtest over a STORED period: the event log of [from, to) replayed against the configuration in force and a
// draft. Runs in the background on the node that took the request (size-limited); the page polls its progress.
export const StoredBacktestRequest = Type.Object(
  {
    config: Type.Record(Type.String(), Type.Unknown()),
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type StoredBacktestRequest = Static<typeof StoredBacktestRequest>;

export const BacktestJob = Type.Object({
  id: Type.String(),
  state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  processed: Type.Integer(),
  total: Type.Integer(),
  startedAt: Type.String(),
  result: Type.Union([BacktestResult, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type BacktestJob = Static<typeof BacktestJob>;
export const BacktestJobParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

// Rule weights fitted on closed warnings' dispositions (劝阻成功/已被骗 = real, 误报 = false alarm): a DRAFT
// configuration with its backtest; nothing is stored — a person reviews it and publishes it with PUT …/config.
export const FitWeightsRequest = Type.Object(
  {
    sinceDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    minExamples: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    source: Type.Optional(
      Type.Object(
        {
          seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
          people: Type.Optional(Type.Integer({ minimum: 100, maximum: 3000 })),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FitWeightsRequest = Static<typeof FitWeightsRequest>;

export const FitWeightsResult = Type.Object({
  currentVersion: Type.String(),
  examples: Type.Integer(),
  positives: Type.Integer(),
  pooledSlope: Type.Number(),
  rules: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      n: Type.Integer(),
      positives: Type.Integer(),
      coefficient: Type.Number(),
      factor: Type.Number(),
    }),
  ),
  changed: Type.Array(Type.Object({ path: Type.String(), before: Type.Number(), after: Type.Number() })),
  draft: Type.Record(Type.String(), Type.Unknown()),
  backtest: Type.Union([BacktestResult, Type.Null()]),
});
export type FitWeightsResult = Static<typeof FitWeightsResult>;
