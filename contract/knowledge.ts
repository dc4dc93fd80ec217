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
    }),
  ),
});
export type TalkingPointsResponse = Static<typeof TalkingPointsResponse>;
