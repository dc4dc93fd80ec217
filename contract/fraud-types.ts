import { Type, type Static } from 'typebox';

// Script recognition (话术识别): classify a text, officers' labels, published models.
export const ClassifyTextRequest = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);
export const TextClassification = Type.Object({
  modelVersion: Type.String(),
  label: Type.String(),
  p: Type.Number(),
  normal: Type.Number(),
  probabilities: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), p: Type.Number() })),
  words: Type.Array(Type.String()),
});
export type TextClassification = Static<typeof TextClassification>;

export const ScriptLabelInput = Type.Object(
  {
    text: Type.String({ minLength: 2, maxLength: 5000 }),
    /** a catalogue type code, or "normal" (误报) */
    label: Type.String({ minLength: 1, maxLength: 64 }),
    sourceKind: Type.Union([Type.Literal('warning'), Type.Literal('case'), Type.Literal('manual')]),
    sourceId: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type ScriptLabelInput = Static<typeof ScriptLabelInput>;
export const ScriptLabel = Type.Object({
  id: Type.Integer(),
  text: Type.String(),
  label: Type.String(),
  sourceKind: Type.String(),
  sourceId: Type.Union([Type.String(), Type.Null()]),
  labelledByName: Type.String(),
  labelledAt: Type.String(),
});

export const ScriptModelInfo = Type.Object({
  /** the model in use by this node */
  activeVersion: Type.String(),
  published: Type.Union([
    Type.Object({
      version: Type.String(),
      labelsUpTo: Type.Integer(),
      examples: Type.Integer(),
      metrics: Type.Object({ accuracy: Type.Number(), macroPrecision: Type.Number(), macroRecall: Type.Number() }),
      note: Type.Union([Type.String(), Type.Null()]),
      publishedByName: Type.String(),
      publishedAt: Type.String(),
    }),
    Type.Null(),
  ]),
  /** labels stored since the last published model: what publishing would add */
  pendingLabels: Type.Integer(),
  labels: Type.Array(ScriptLabel),
  /** texts of closed warnings proposed as labels (true type, or normal for 误报), awaiting an officer */
  proposals: Type.Array(ScriptLabel),
});
export type ScriptModelInfo = Static<typeof ScriptModelInfo>;
export const PublishScriptModel = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const DecideProposal = Type.Object(
  {
    decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
    label: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type DecideProposal = Static<typeof DecideProposal>;
export const ProposalParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) },
  { additionalProperties: false },
);
export const ProposalDecided = Type.Object({ id: Type.Integer(), labelId: Type.Union([Type.Integer(), Type.Null()]) });

/** The fraud-type catalogue in force: the published knowledge base's names and parents (codes are stable). */
export const FraudTypeCatalogue = Type.Object({
  version: Type.String({ description: 'the built-in catalogue version, or kb:<published count>.<newest id>' }),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      parent: Type.Union([Type.String(), Type.Null()]),
      listVersion: Type.String(),
    }),
  ),
});
export type FraudTypeCatalogue = Static<typeof FraudTypeCatalogue>;
