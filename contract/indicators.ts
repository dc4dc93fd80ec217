import { Type, type Static } from 'typebox';
import { PageQuery } from './common.ts';

// Indicator lists (黑/白名单): request/response shapes shared by the server and the web client.

export const INDICATOR_KIND_VALUES = [
  'phone',
  'account',
  'domain',
  'url',
  'app_package',
  'app_hash',
  'ip',
  'keyword',
] as const;
export const IndicatorKind = Type.Enum(INDICATOR_KIND_VALUES);
export type IndicatorKind = Static<typeof IndicatorKind>;
export const LIST_VALUES = ['block', 'allow'] as const;
export const IndicatorList = Type.Enum(LIST_VALUES);
export type IndicatorList = Static<typeof IndicatorList>;
export const MAX_BULK_ITEMS = 10_000;

export const Indicator = Type.Object({
  id: Type.String(),
  kind: IndicatorKind,
  /** normalised key, the form the engine matches */
  value: Type.String(),
  /** as submitted */
  rawValue: Type.String(),
  list: IndicatorList,
  reason: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
  confidence: Type.Integer(),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  fraudType: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedBy: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type Indicator = Static<typeof Indicator>;

/** One item of a bulk write. Kind and value are checked per item (not by the schema) so one bad item does not
 *  reject the other 9,999: its index and reason come back in the response. */
export const IndicatorItem = Type.Object(
  {
    kind: Type.String({ maxLength: 32 }),
    value: Type.String({ maxLength: 2048 }),
    list: Type.Optional(Type.String({ maxLength: 16 })),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
    source: Type.Optional(Type.String({ maxLength: 100 })),
    confidence: Type.Optional(Type.Number()),
    validUntil: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    fraudType: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type IndicatorItem = Static<typeof IndicatorItem>;

export const BulkIndicatorRequest = Type.Array(IndicatorItem, { minItems: 1, maxItems: MAX_BULK_ITEMS });

export const ItemProblem = Type.Object({ field: Type.String(), reason: Type.String() });

export const BulkItemResult = Type.Object({
  index: Type.Integer(),
  status: Type.Enum(['created', 'updated', 'rejected']),
  id: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  problems: Type.Optional(Type.Array(ItemProblem)),
});
export const BulkIndicatorResponse = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  rejected: Type.Integer(),
  items: Type.Array(BulkItemResult),
});
export type BulkIndicatorResponse = Static<typeof BulkIndicatorResponse>;

export const IndicatorQuery = Type.Object(
  {
    kind: Type.Optional(IndicatorKind),
    list: Type.Optional(IndicatorList),
    source: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type IndicatorQuery = Static<typeof IndicatorQuery>;

export const IndicatorPage = Type.Object({ items: Type.Array(Indicator), total: Type.Integer() });

export const CheckQuery = Type.Object(
  { kind: IndicatorKind, value: Type.String({ minLength: 1, maxLength: 2048 }) },
  { additionalProperties: false },
);
export const CheckResponse = Type.Object({
  kind: IndicatorKind,
  /** the normalised key looked up; null when the value is not a valid identifier of that kind */
  key: Type.Union([Type.String(), Type.Null()]),
  /** allowed: on the allow-list (wins over block) · blocked: on the block list and not expired · none */
  status: Type.Enum(['blocked', 'allowed', 'none']),
  listed: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  entries: Type.Array(Indicator),
});
export type CheckResponse = Static<typeof CheckResponse>;

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Enum(['xlsx', 'csv'])),
    kind: Type.Optional(IndicatorKind),
    list: Type.Optional(IndicatorList),
    source: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const RowError = Type.Object({ row: Type.Integer(), field: Type.String(), reason: Type.String() });
export const ImportResponse = Type.Object({ rows: Type.Integer(), created: Type.Integer(), updated: Type.Integer() });
export type ImportResponse = Static<typeof ImportResponse>;

/** Column headers of import and export files: Chinese first, English accepted on import. */
export const FILE_COLUMNS = [
  { key: 'kind', header: '类型', en: 'kind' },
  { key: 'value', header: '值', en: 'value' },
  { key: 'list', header: '名单', en: 'list' },
  { key: 'reason', header: '原因', en: 'reason' },
  { key: 'source', header: '来源', en: 'source' },
  { key: 'confidence', header: '置信度', en: 'confidence' },
  { key: 'validUntil', header: '有效期至', en: 'validUntil' },
  { key: 'fraudType', header: '诈骗类型', en: 'fraudType' },
] as const;

export const KIND_LABELS: Record<IndicatorKind, string> = {
  phone: '电话号码',
  account: '银行账户',
  domain: '域名',
  url: '网址',
  app_package: 'App包名',
  app_hash: 'App哈希',
  ip: 'IP地址',
  keyword: '关键词',
};
export const LIST_LABELS: Record<IndicatorList, string> = { block: '黑名单', allow: '白名单' };
