import { Type, type Static } from 'typebox';

// The public side (群众端, no login): proof-of-work challenge, 我要举报, 风险查询, education; and the 96110 desk.

const obj = <T extends Parameters<typeof Type.Object>[0]>(p: T) => Type.Object(p, { additionalProperties: false });

export const PUBLIC_KINDS = ['phone', 'url', 'account', 'app'] as const;
export const PublicKind = Type.Enum(PUBLIC_KINDS);
export type PublicKind = Static<typeof PublicKind>;

export const Challenge = Type.Object({
  challenge: Type.String(),
  difficulty: Type.Integer({ description: 'leading zero bits SHA-256(challenge + nonce) must have' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Challenge = Static<typeof Challenge>;

export const MAX_SCREENSHOTS = 3;
export const MAX_SCREENSHOT_BYTES = 1024 * 1024;
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export const Screenshot = obj({
  type: Type.Enum(SCREENSHOT_TYPES),
  /** base64 of the image bytes (≤ 1 MB decoded); the bytes must be of the declared type */
  data: Type.String({ minLength: 1, maxLength: Math.ceil((MAX_SCREENSHOT_BYTES * 4) / 3) + 4 }),
});

export const PublicReport = obj({
  kind: PublicKind,
  value: Type.String({ minLength: 1, maxLength: 512 }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  /** the reporter's phone, to be called back; only with consent */
  contact: Type.Optional(Type.String({ maxLength: 32 })),
  consent: Type.Boolean({ description: 'agrees to be contacted about the report' }),
  /** lost money: amount in yuan (the report then also asks for case intake) */
  loss: Type.Optional(Type.Number({ minimum: 0, maximum: 1e10 })),
  screenshots: Type.Optional(Type.Array(Screenshot, { maxItems: MAX_SCREENSHOTS })),
  challenge: Type.String({ minLength: 1, maxLength: 128 }),
  nonce: Type.String({ minLength: 1, maxLength: 64 }),
});
export type PublicReport = Static<typeof PublicReport>;
export const ReportCreated = Type.Object({ id: Type.String() });

export const VERDICTS = ['high_risk', 'suspicious', 'no_risk_found'] as const;
export const VERDICT_LABELS: Record<(typeof VERDICTS)[number], string> = {
  high_risk: '高风险',
  suspicious: '可疑',
  no_risk_found: '未发现风险',
};
export const CheckRequest = obj({ kind: PublicKind, value: Type.String({ minLength: 1, maxLength: 512 }) });
export const CheckResult = Type.Object({
  verdict: Type.Enum(VERDICTS),
  label: Type.String({ description: '高风险 | 可疑 | 未发现风险' }),
  advice: Type.Array(Type.String()),
});
export type CheckResult = Static<typeof CheckResult>;

export const EducationItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  signs: Type.Array(Type.String()),
  advice: Type.Array(Type.String()),
});
export const EducationList = Type.Object({ items: Type.Array(EducationItem), source: Type.String() });

// ── 96110 desk ─────────────────────────────────────────────────────────────────────────────────────────────
export const DESK_TOPICS = ['consult', 'report', 'victim', 'other'] as const;
export const DESK_OUTCOMES = [
  'answered',
  'advised_stop_payment',
  'referred',
  'report',
  'warning',
  'case_intake',
] as const;
export const DeskCallInput = obj({
  callerPhone: Type.Optional(Type.String({ maxLength: 32 })),
  callerName: Type.Optional(Type.String({ maxLength: 50 })),
  topic: Type.Enum(DESK_TOPICS),
  question: Type.String({ minLength: 1, maxLength: 2000 }),
  advice: Type.String({ maxLength: 2000 }),
  /** the number / URL / account / app the caller asked about or reported */
  kind: Type.Optional(PublicKind),
  value: Type.Optional(Type.String({ maxLength: 512 })),
  fraudType: Type.Optional(Type.String({ maxLength: 64 })),
  loss: Type.Optional(Type.Number({ minimum: 0, maximum: 1e10 })),
  /** the one action: also turn the call into a report event, a warning, or a case-intake request */
  turnInto: Type.Optional(Type.Enum(['report', 'warning', 'case_intake'])),
});
export type DeskCallInput = Static<typeof DeskCallInput>;
export const DeskCall = Type.Object({
  id: Type.String(),
  at: Type.String(),
  operator: Type.String(),
  callerPhone: Type.Union([Type.String(), Type.Null()]),
  callerName: Type.Union([Type.String(), Type.Null()]),
  topic: Type.String(),
  question: Type.String(),
  advice: Type.String(),
  outcome: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
});
export type DeskCall = Static<typeof DeskCall>;
export const DeskCallList = Type.Object({ items: Type.Array(DeskCall), total: Type.Integer() });
