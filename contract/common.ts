import { Type, type Static } from 'typebox';

/** Every 4xx/5xx body has this shape; `field` and `reason` say what was wrong with the input. */
export const ErrorBody = Type.Object({
  error: Type.String({ description: 'stable error code, e.g. validation_failed, not_found' }),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }))),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export const Paged = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** ISO 8601 date-time with an offset (partners send local time with +08:00). */
export const IsoDateTime = Type.String({ format: 'date-time' });
