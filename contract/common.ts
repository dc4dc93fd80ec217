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

/**
 * Far past any listing anyone pages through; bounded so that (page − 1) × pageSize is a small integer for the
 * database's OFFSET (an unbounded page number overflowed bigint: 500).
 */
export const MAX_PAGE = 100_000;
export const MAX_PAGE_SIZE = 500;
/** Page number and size without defaults, for lists whose default page size differs (the board). */
export const PageNumber = (opts: { default?: number } = {}) => Type.Integer({ minimum: 1, maximum: MAX_PAGE, ...opts });
export const PageSize = (opts: { default?: number } = {}) =>
  Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, ...opts });

export const PageQuery = {
  page: Type.Optional(PageNumber({ default: 1 })),
  pageSize: Type.Optional(PageSize({ default: 50 })),
};

export const Paged = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** One row of an import's report: its number, whether it was taken, the record made or the reason it was not. */
export const ImportRow = Type.Object({
  row: Type.Integer(),
  ok: Type.Boolean(),
  id: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});

/** ISO 8601 date-time with an offset (partners send local time with +08:00). */
export const IsoDateTime = Type.String({ format: 'date-time' });
