import http from 'node:http';
import https from 'node:https';
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

/** One HTTP answer: status and body text. */
type Answer = { status: number; text: string };

export class VoiceGatewayClient {
  // A burst of warnings places hundreds of calls a second from the server's thread: node:http with kept-alive
  // connections costs a fraction of the CPU of a `fetch` (undici) per request and of a new connection per call.
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(private readonly o: VoiceClientOptions) {
    this.url = new URL('/v1/calls', o.baseUrl);
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 16 });
  }

  private post(body: string, headers: Record<string, string>): Promise<Answer> {
    const send = this.url.protocol === 'https:' ? https.request : http.request;
    const timeoutMs = this.o.timeoutMs ?? 5_000;
    return new Promise<Answer>((resolve, reject) => {
      const req = send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

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
        const res = await this.post(body, signedHeaders(this.o.secret, body, (this.o.now ?? Date.now)()));
        if (res.status >= 500) {
          last = new VoiceGatewayError('gateway_error', res.status);
          continue;
        }
        const json = JSON.parse(res.text) as Record<string, unknown>;
        if (res.status < 200 || res.status >= 300)
          throw new VoiceGatewayError(String(json.error ?? 'rejected'), res.status);
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
