import { Type, type Static } from 'typebox';

// After-action reviews (复盘): on a case, a warning ending 已被骗 / 预警后被骗, or a failed dissuasion.
export const REVIEW_TRIGGERS = ['case', 'defrauded', 'after_warning', 'failed_dissuasion'] as const;
export const REVIEW_STATUSES = ['open', 'closed'] as const;
export const ACTION_KINDS = ['rule_threshold', 'script', 'training', 'bank_procedure', 'other'] as const;
export const ACTION_STATUSES = ['open', 'done'] as const;
export const TIMELINE_STEPS = [
  'first_signal',
  'warning_opened',
  'first_contact',
  'visit',
  'loss',
  'case_reported',
  'closed',
  'reopened',
] as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const NewReview = Type.Object(
  {
    subjectKind: Type.Enum(['case', 'warning'] as const),
    subjectId: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type NewReview = Static<typeof NewReview>;

export const ReviewFindings = Type.Object(
  {
    whatHappened: Type.Optional(Type.String({ maxLength: 8000 })),
    slowPoints: Type.Optional(Type.String({ maxLength: 8000 })),
  },
  { additionalProperties: false },
);

export const NewActionItem = Type.Object(
  {
    kind: Type.Enum(ACTION_KINDS),
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    ownerName: Type.String({ minLength: 1, maxLength: 100 }),
    ownerUnitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    dueDate: DateOnly,
  },
  { additionalProperties: false },
);
export type NewActionItem = Static<typeof NewActionItem>;

export const ActionDone = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const ActionItem = Type.Object({
  id: Type.String(),
  reviewId: Type.String(),
  reviewTitle: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  kind: Type.Enum(ACTION_KINDS),
  description: Type.String(),
  ownerName: Type.String(),
  ownerUnitId: Nullable(Type.String()),
  dueDate: Type.String(),
  status: Type.Enum(ACTION_STATUSES),
  overdue: Type.Boolean(),
  doneAt: Nullable(Type.String()),
  doneByName: Nullable(Type.String()),
  doneNote: Nullable(Type.String()),
});
export type ActionItem = Static<typeof ActionItem>;

export const TimelineStepView = Type.Object({
  step: Type.Enum(TIMELINE_STEPS),
  at: Type.String(),
  detail: Type.Optional(Type.String()),
  /** minutes since the previous step */
  sincePrevMin: Nullable(Type.Number()),
});

export const ReviewSummary = Type.Object({
  id: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  subjectKind: Type.Enum(['case', 'warning'] as const),
  subjectId: Type.String(),
  trigger: Type.Enum(REVIEW_TRIGGERS),
  title: Type.String(),
  status: Type.Enum(REVIEW_STATUSES),
  createdByName: Type.String(),
  /** opened by the system (a warning closed 已被骗 / failed, 预警后被骗, a case with a loss), not by a person */
  automatic: Type.Boolean(),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
  openActions: Type.Integer(),
  totalActions: Type.Integer(),
});
export type ReviewSummary = Static<typeof ReviewSummary>;

export const ReviewDetail = Type.Object({
  ...ReviewSummary.properties,
  timeline: Type.Array(TimelineStepView),
  whatHappened: Type.String(),
  slowPoints: Type.String(),
  actions: Type.Array(ActionItem),
  canClose: Type.Boolean(),
  closeBlockers: Type.Array(Type.String()),
});
export type ReviewDetail = Static<typeof ReviewDetail>;

export const ReviewListQuery = Type.Object(
  { status: Type.Optional(Type.Enum(REVIEW_STATUSES)) },
  { additionalProperties: false },
);
export const ReviewList = Type.Object({ items: Type.Array(ReviewSummary) });
export const ActionBoardQuery = Type.Object(
  { status: Type.Optional(Type.Enum(ACTION_STATUSES)) },
  { additionalProperties: false },
);
export const ActionBoard = Type.Object({ items: Type.Array(ActionItem), overdue: Type.Integer() });
export const ReviewActionParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), actionId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
