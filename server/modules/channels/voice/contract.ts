import { createHmac, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { AutoContactOutcome } from '../../dissuasion/index.ts';

/**
 * HTTP contract between Zhiwang and an AI outbound-call voice gateway (docs/voice-gateway.md). Both
 * directions are signed with one shared secret: HMAC-SHA256 over `${timestamp}.${rawBody}`, so neither a
 * forged call request nor a forged "I am safe" callback can move a warning.
 */

export const SIGNATURE_HEADER = 'x-zhiwang-signature';
export const TIMESTAMP_HEADER = 'x-zhiwang-timestamp';
export const MAX_SKEW_MS = 5 * 60_000;

export const KeypadAction = Type.Union([Type.Literal('safe'), Type.Literal('transfer_police'), Type.Literal('repeat')]);
export const CallRequest = Type.Object(
  {
    callId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
    to: Type.String({ pattern: '^\\+?[0-9]{5,20}$' }),
    callerId: Type.Optional(Type.String({ maxLength: 20 })), // e.g. area code + 96110
    segments: Type.Array(
      Type.Object(
        { type: Type.Literal('tts'), text: Type.String({ minLength: 1, maxLength: 500 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    keypad: Type.Record(Type.String({ pattern: '^[0-9*#]$' }), KeypadAction),
    transferTo: Type.Optional(Type.String({ pattern: '^[0-9]{3,20}$' })),
    maxRingSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 120 })),
    callbackUrl: Type.String({ format: 'uri', pattern: '^https?://' }),
  },
  { additionalProperties: false },
);
export type CallRequest = Static<typeof CallRequest>;

export const CallStatus = Type.Union([
  Type.Literal('answered'),
  Type.Literal('busy'),
  Type.Literal('no_answer'),
  Type.Literal('failed'),
]);
export type CallStatus = Static<typeof CallStatus>;
export const CallCallback = Type.Object(
  {
    callId: Type.String({ minLength: 1, maxLength: 64 }),
    status: CallStatus,
    keys: Type.Array(Type.String({ pattern: '^[0-9*#]$' }), { maxItems: 50 }),
    durationSec: Type.Integer({ minimum: 0 }),
    startedAt: Type.String({ format: 'date-time' }),
    endedAt: Type.String({ format: 'date-time' }),
    transferred: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CallCallback = Static<typeof CallCallback>;

export const CallAccepted = Type.Object({
  callId: Type.String(),
  status: Type.Literal('queued'),
  duplicate: Type.Boolean(),
});
export type CallAccepted = Static<typeof CallAccepted>;

export const checkCallRequest = Compile(CallRequest);
export const checkCallCallback = Compile(CallCallback);

export function sign(secret: string, timestamp: string, rawBody: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export type VerifyResult =
  { ok: true } | { ok: false; reason: 'missing_signature' | 'stale_timestamp' | 'bad_signature' };

/** Constant-time check plus a freshness window, so a captured callback cannot be replayed later. */
export function verify(secret: string, headers: Record<string, unknown>, rawBody: string, now: number): VerifyResult {
  const sig = headers[SIGNATURE_HEADER];
  const ts = headers[TIMESTAMP_HEADER];
  if (typeof sig !== 'string' || typeof ts !== 'string') return { ok: false, reason: 'missing_signature' };
  const t = Number(ts);
  if (!Number.isFinite(t) || Math.abs(now - t) > MAX_SKEW_MS) return { ok: false, reason: 'stale_timestamp' };
  const want = Buffer.from(sign(secret, ts, rawBody));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got)
    ? { ok: true }
    : { ok: false, reason: 'bad_signature' };
}

export function signedHeaders(secret: string, rawBody: string, now: number): Record<string, string> {
  const ts = String(now);
  return { 'content-type': 'application/json', [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: sign(secret, ts, rawBody) };
}

/**
 * Callback -> lifecycle outcome. Someone who picks up but does not press 1 has NOT confirmed they are safe
 * (they may be coached, or the fraudster may hold the phone), so that counts as needing help.
 */
export function outcomeOf(cb: Pick<CallCallback, 'status' | 'keys'>): AutoContactOutcome {
  switch (cb.status) {
    case 'busy':
      return 'busy';
    case 'no_answer':
      return 'no_answer';
    case 'failed':
      return 'failed';
    case 'answered':
      if (cb.keys.includes('2')) return 'answered_help';
      return cb.keys.includes('1') ? 'answered_safe' : 'answered_help';
  }
}

/** Default keypad of every warning call. */
export const DEFAULT_KEYPAD: CallRequest['keypad'] = { '1': 'safe', '2': 'transfer_police', '9': 'repeat' };
