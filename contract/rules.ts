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
export const BuiltinRuleList = Type.Object({ items: Type.Array(BuiltinRule), globalSections: Type.Array(Type.String()) });

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

export const PutRuleConfig = Type.Object({
  config: Type.Record(Type.String(), Type.Unknown()),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type PutRuleConfig = Static<typeof PutRuleConfig>;
