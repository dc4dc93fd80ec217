import { Type, type Static } from 'typebox';

export const AUDIENCE_VALUES = ['general', 'elderly', 'student', 'finance_staff', 'parent'] as const;

export const TalkingPointsQuery = Type.Object(
  {
    types: Type.String({ minLength: 1, maxLength: 400, description: 'fraud type codes, comma-separated' }),
    audience: Type.Optional(Type.Enum(AUDIENCE_VALUES)),
  },
  { additionalProperties: false },
);

export const TalkingPointsResponse = Type.Object({
  audience: Type.Enum(AUDIENCE_VALUES),
  items: Type.Array(
    Type.Object({
      fraudType: Type.String(),
      name: Type.String(),
      points: Type.Array(Type.String()),
      audiencePoints: Type.Array(Type.String()),
      version: Type.Union([Type.Integer(), Type.Null()], { description: 'published KB version; null = built-in' }),
    }),
  ),
});
export type TalkingPointsResponse = Static<typeof TalkingPointsResponse>;

// ── the knowledge base (反诈知识库): versioned entries, review/publish, history, search ─────────────────────────

export const KB_STATUS_VALUES = ['draft', 'in_review', 'published', 'superseded'] as const;
export type KbStatus = (typeof KB_STATUS_VALUES)[number];
/** SMS: no links, at most this many characters before the signature and the 96110 tail (two UCS-2 parts). */
export const SMS_TEMPLATE_MAX = 70;

const Line = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Points = Type.Array(Line(300), { maxItems: 20 });
const VoiceLines = Type.Array(Line(200), { minItems: 1, maxItems: 8 });
export const KbCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: 'stable fraud type code' });

export const KbContent = Type.Object(
  {
    name: Line(60),
    nameEn: Type.String({ maxLength: 120 }),
    parent: Type.Union([KbCode, Type.Null()]),
    listVersion: Line(40),
    script: Type.String({ maxLength: 4000 }),
    signals: Type.Array(Line(300), { maxItems: 30 }),
    talkingPoints: Type.Object(
      {
        general: Points,
        elderly: Type.Optional(Points),
        student: Type.Optional(Points),
        finance_staff: Type.Optional(Points),
        parent: Type.Optional(Points),
      },
      { additionalProperties: false, description: 'by audience; general = the type itself' },
    ),
    smsTemplates: Type.Array(Line(SMS_TEMPLATE_MAX), { maxItems: 10 }),
    voiceScript: Type.Array(Line(200), { maxItems: 8 }),
    smsByAudience: Type.Optional(
      Type.Object(
        {
          elderly: Type.Optional(Line(SMS_TEMPLATE_MAX)),
          student: Type.Optional(Line(SMS_TEMPLATE_MAX)),
          finance_staff: Type.Optional(Line(SMS_TEMPLATE_MAX)),
          parent: Type.Optional(Line(SMS_TEMPLATE_MAX)),
        },
        { additionalProperties: false, description: 'the SMS for one audience; else the first SMS template' },
      ),
    ),
    voiceByAudience: Type.Optional(
      Type.Object(
        {
          elderly: Type.Optional(VoiceLines),
          student: Type.Optional(VoiceLines),
          finance_staff: Type.Optional(VoiceLines),
          parent: Type.Optional(VoiceLines),
        },
        { additionalProperties: false, description: 'the call script for one audience; else voiceScript' },
      ),
    ),
    cases: Type.Array(Type.Object({ title: Line(100), text: Line(4000) }, { additionalProperties: false }), {
      maxItems: 20,
    }),
  },
  { additionalProperties: false },
);
export type KbContent = Static<typeof KbContent>;

export const KbVersion = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  version: Type.Integer(),
  status: Type.Enum(KB_STATUS_VALUES),
  content: KbContent,
  basedOn: Type.Union([Type.Integer(), Type.Null()]),
  authorName: Type.String(),
  authorIsYou: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  reviewerName: Type.Union([Type.String(), Type.Null()]),
  reviewNote: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type KbVersion = Static<typeof KbVersion>;

export const KbVersionRef = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  status: Type.Enum(KB_STATUS_VALUES),
  authorName: Type.String(),
  reviewerName: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

export const KbEntrySummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  listVersion: Type.String(),
  published: Type.Union([KbVersionRef, Type.Null()]),
  open: Type.Union([KbVersionRef, Type.Null()]),
});
export const KbEntryList = Type.Object({ items: Type.Array(KbEntrySummary) });
export type KbEntrySummary = Static<typeof KbEntrySummary>;

export const KbEntryDetail = Type.Object({
  code: Type.String(),
  published: Type.Union([KbVersion, Type.Null()]),
  open: Type.Union([KbVersion, Type.Null()]),
  history: Type.Array(KbVersionRef),
});
export type KbEntryDetail = Static<typeof KbEntryDetail>;

export const KbCodeParams = Type.Object({ code: KbCode }, { additionalProperties: false });
export const KbVersionParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);
export const NewKbDraft = Type.Object(
  { content: Type.Optional(KbContent) },
  { additionalProperties: false, description: 'without content: a copy of the published version' },
);
export const KbDraftUpdate = Type.Object({ content: KbContent }, { additionalProperties: false });
export const KbReviewDecision = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const KbDiffQuery = Type.Object(
  { against: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) },
  { additionalProperties: false },
);
export const KbDiff = Type.Object({
  from: Type.Union([Type.Integer(), Type.Null()]),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      removed: Type.Array(Type.String()),
      added: Type.Array(Type.String()),
    }),
  ),
});
export type KbDiff = Static<typeof KbDiff>;

export const KbSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100 }),
    includeDrafts: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const KbSearchResult = Type.Object({
  tokens: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      version: Type.Integer(),
      status: Type.Enum(KB_STATUS_VALUES),
      snippet: Type.String(),
      rank: Type.Number(),
    }),
  ),
});
export type KbSearchResult = Static<typeof KbSearchResult>;
