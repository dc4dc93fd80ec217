import {
  checkCallCallback,
  checkCallRequest,
  outcomeOf,
  signedHeaders,
  verify,
  type CallAccepted,
  type CallCallback,
  type CallRequest,
} from './contract.ts';
import type { AutoContactOutcome } from '../../dissuasion/index.ts';

/** Zhiwang's side of the voice gateway contract: place a call, and check a callback before believing it. */

export class VoiceGatewayError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus?: number,
  ) {
    super(code + (httpStatus ? ` (${httpStatus})` : ''));
  }
}

export interface VoiceClientOptions {
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
  /** retries on network errors and 5xx only; safe because the gateway is idempotent by callId */
  retries?: number;
  now?: () => number;
}

export class VoiceGatewayClient {
  constructor(private readonly o: VoiceClientOptions) {}

  async requestCall(req: CallRequest): Promise<CallAccepted> {
    if (!checkCallRequest.Check(req)) {
      const first = [...checkCallRequest.Errors(req)][0];
      throw new VoiceGatewayError(`invalid_request ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim());
    }
    const body = JSON.stringify(req);
    const retries = this.o.retries ?? 2;
    let last: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      try {
        // re-sign per attempt: the timestamp is part of the signature and must stay fresh
        const res = await fetch(new URL('/v1/calls', this.o.baseUrl), {
          method: 'POST',
          body,
          headers: signedHeaders(this.o.secret, body, (this.o.now ?? Date.now)()),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 5_000),
        });
        if (res.status >= 500) {
          last = new VoiceGatewayError('gateway_error', res.status);
          continue;
        }
        const json = (await res.json()) as Record<string, unknown>;
        if (!res.ok) throw new VoiceGatewayError(String(json.error ?? 'rejected'), res.status);
        return json as CallAccepted;
      } catch (e) {
        if (e instanceof VoiceGatewayError) throw e;
        last = e;
      }
    }
    throw last instanceof VoiceGatewayError ? last : new VoiceGatewayError('unreachable');
  }
}

export type CallbackParse =
  | { ok: true; callback: CallCallback; outcome: AutoContactOutcome }
  | { ok: false; httpStatus: 400 | 401; reason: string };

/** For the callback route: signature first (401), then shape (400). Pure apart from the given clock. */
export function parseCallback(
  secret: string,
  headers: Record<string, unknown>,
  rawBody: string,
  now: number,
): CallbackParse {
  const v = verify(secret, headers, rawBody, now);
  if (!v.ok) return { ok: false, httpStatus: 401, reason: v.reason };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, httpStatus: 400, reason: 'invalid_json' };
  }
  if (!checkCallCallback.Check(body)) return { ok: false, httpStatus: 400, reason: 'invalid_callback' };
  return { ok: true, callback: body, outcome: outcomeOf(body) };
}
