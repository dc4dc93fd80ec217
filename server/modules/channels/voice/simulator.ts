import Fastify, { type FastifyInstance } from 'fastify';
import {
  checkCallRequest,
  signedHeaders,
  verify,
  type CallCallback,
  type CallRequest,
  type CallStatus,
} from './contract.ts';

/**
 * A voice gateway stand-in for tests and the demo. Outcomes are driven by rules so a demo can show seed 004
 * (a busy line dispatches a visit): numbers with a given suffix are busy, or a per-number override set at
 * runtime (PUT /v1/sim/overrides/:to). It verifies Zhiwang's signature and signs its callbacks.
 */

export interface VoiceRule {
  status: CallStatus;
  keys?: string[];
  durationSec?: number;
}
export interface VoiceSimulatorOptions {
  secret: string;
  suffixRules?: { suffix: string; rule: VoiceRule }[];
  defaultRule?: VoiceRule;
  callbackDelayMs?: number;
  callbackRetries?: number;
}
export interface SimCall {
  request: CallRequest;
  rawBody: string;
  result?: CallCallback;
  callbackAttempts: number;
  delivered: boolean;
}

export class VoiceGatewaySimulator {
  readonly calls = new Map<string, SimCall>();
  readonly overrides = new Map<string, VoiceRule>();
  private app: FastifyInstance | null = null;
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly o: VoiceSimulatorOptions) {}

  ruleFor(to: string): VoiceRule {
    return (
      this.overrides.get(to) ??
      this.o.suffixRules?.find((r) => to.endsWith(r.suffix))?.rule ??
      this.o.defaultRule ?? { status: 'answered', keys: ['1'], durationSec: 35 }
    );
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const app = Fastify();
    this.app = app;
    // the signature covers the exact bytes, so keep the raw body instead of re-serialising
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    app.post('/v1/calls', async (req, reply) => {
      const raw = String(req.body ?? '');
      const v = verify(this.o.secret, req.headers, raw, Date.now());
      if (!v.ok) return reply.code(401).send({ error: v.reason, message: 'signature check failed' });
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return reply.code(400).send({ error: 'invalid_json', message: 'body is not JSON' });
      }
      if (!checkCallRequest.Check(parsed))
        return reply.code(400).send({ error: 'validation_failed', message: 'not a CallRequest' });
      const existing = this.calls.get(parsed.callId);
      if (existing) {
        // idempotent by callId: a retry is answered, never dialled twice; a different body is a client bug
        if (JSON.stringify(existing.request) !== JSON.stringify(parsed)) {
          return reply.code(409).send({ error: 'callid_conflict', message: 'callId reused with a different request' });
        }
        return reply.code(200).send({ callId: parsed.callId, status: 'queued', duplicate: true });
      }
      this.calls.set(parsed.callId, { request: parsed, rawBody: raw, callbackAttempts: 0, delivered: false });
      this.later(() => this.complete(parsed.callId), this.o.callbackDelayMs ?? 50);
      return reply.code(202).send({ callId: parsed.callId, status: 'queued', duplicate: false });
    });

    app.get<{ Params: { callId: string } }>('/v1/calls/:callId', async (req, reply) => {
      const c = this.calls.get(req.params.callId);
      if (!c) return reply.code(404).send({ error: 'not_found', message: 'unknown callId' });
      return { callId: req.params.callId, status: c.result?.status ?? 'queued', delivered: c.delivered };
    });

    app.put<{ Params: { to: string }; Body: string }>('/v1/sim/overrides/:to', async (req, reply) => {
      let rule: VoiceRule;
      try {
        rule = JSON.parse(String(req.body)) as VoiceRule;
      } catch {
        return reply.code(400).send({ error: 'invalid_json', message: 'body is not JSON' });
      }
      if (!['answered', 'busy', 'no_answer', 'failed'].includes(rule?.status)) {
        return reply
          .code(400)
          .send({ error: 'validation_failed', message: 'status must be answered|busy|no_answer|failed' });
      }
      this.overrides.set(req.params.to, rule);
      return reply.code(204).send();
    });

    await app.listen({ port, host });
    const addr = app.server.address();
    return `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await this.app?.close();
    this.app = null;
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private complete(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    const rule = this.ruleFor(call.request.to);
    const answered = rule.status === 'answered';
    const keys = answered ? (rule.keys ?? []).filter((k) => k in call.request.keypad) : [];
    const duration = answered ? (rule.durationSec ?? 30) : 0;
    const end = Date.now();
    call.result = {
      callId,
      status: rule.status,
      keys,
      durationSec: duration,
      startedAt: new Date(end - duration * 1000).toISOString(),
      endedAt: new Date(end).toISOString(),
      transferred: keys.some((k) => call.request.keypad[k] === 'transfer_police') && !!call.request.transferTo,
    };
    void this.deliver(call);
  }

  /** At-least-once delivery: retried until a 2xx, so the receiver must be idempotent by callId. */
  private async deliver(call: SimCall): Promise<void> {
    const body = JSON.stringify(call.result);
    call.callbackAttempts++;
    try {
      const res = await fetch(call.request.callbackUrl, {
        method: 'POST',
        body,
        headers: signedHeaders(this.o.secret, body, Date.now()),
      });
      if (res.ok) {
        call.delivered = true;
        return;
      }
    } catch {
      /* receiver down: retry below */
    }
    if (call.callbackAttempts <= (this.o.callbackRetries ?? 3))
      this.later(() => void this.deliver(call), 50 * 2 ** call.callbackAttempts);
  }
}
