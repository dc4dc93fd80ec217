import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCallback, VoiceGatewayClient, VoiceGatewayError, type CallbackParse } from './client.ts';
import { DEFAULT_KEYPAD, outcomeOf, sign, signedHeaders, verify, type CallRequest } from './contract.ts';
import { VoiceGatewaySimulator } from './simulator.ts';

const SECRET = 'shared-secret-for-tests';
let sim: VoiceGatewaySimulator;
let gatewayUrl: string;
let receiver: FastifyInstance;
let callbackUrl: string;
let received: CallbackParse[];
let rejectNext = 0;

beforeEach(async () => {
  received = [];
  sim = new VoiceGatewaySimulator({
    secret: SECRET,
    callbackDelayMs: 10,
    suffixRules: [
      { suffix: '0001', rule: { status: 'busy' } },
      { suffix: '0002', rule: { status: 'no_answer' } },
    ],
  });
  gatewayUrl = await sim.start();
  // Zhiwang's callback endpoint as the later route will build it: raw body, parseCallback, 2xx/4xx.
  receiver = Fastify();
  receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  receiver.post('/callbacks/voice', async (req, reply) => {
    if (rejectNext > 0) {
      rejectNext--;
      return reply.code(503).send({ error: 'busy' });
    }
    const p = parseCallback(SECRET, req.headers, String(req.body), Date.now());
    received.push(p);
    return p.ok ? reply.code(204).send() : reply.code(p.httpStatus).send({ error: p.reason });
  });
  await receiver.listen({ port: 0, host: '127.0.0.1' });
  const addr = receiver.server.address();
  callbackUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/callbacks/voice`;
});
afterEach(async () => {
  await sim.stop();
  await receiver.close();
});

const req = (callId: string, to: string): CallRequest => ({
  callId,
  to,
  callerId: '077196110',
  keypad: DEFAULT_KEYPAD,
  transferTo: '96110',
  callbackUrl,
  segments: [
    { type: 'tts', text: '您好，这里是反诈中心。您刚刚接听了境外来电，请不要转账。确认安全请按1，需要民警帮助请按2。' },
  ],
});
const waitFor = async (pred: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timeout');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('voice gateway over HTTP', () => {
  it('answered + key 1 comes back signed and maps to answered_safe', async () => {
    const client = new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET });
    expect(await client.requestCall(req('c-1', '13800138000'))).toEqual({
      callId: 'c-1',
      status: 'queued',
      duplicate: false,
    });
    await waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({
      ok: true,
      outcome: 'answered_safe',
      callback: { callId: 'c-1', status: 'answered', keys: ['1'] },
    });
  });

  it('a busy line comes back busy (seed 004) and an unanswered one no_answer', async () => {
    const client = new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET });
    await client.requestCall(req('c-busy', '13800000001'));
    await client.requestCall(req('c-na', '13800000002'));
    await waitFor(() => received.length === 2);
    const byId = Object.fromEntries(received.map((r) => [r.ok ? r.callback.callId : '', r.ok ? r.outcome : null]));
    expect(byId).toEqual({ 'c-busy': 'busy', 'c-na': 'no_answer' });
  });

  it('a per-number override set at runtime wins over suffix rules; key 2 means help and transfer', async () => {
    const put = await fetch(`${gatewayUrl}/v1/sim/overrides/13800000001`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'answered', keys: ['2'] }),
    });
    expect(put.status).toBe(204);
    await new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET }).requestCall(req('c-help', '13800000001'));
    await waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ ok: true, outcome: 'answered_help', callback: { transferred: true } });
  });

  it('is idempotent by callId: a retry does not dial twice, a different body is a conflict', async () => {
    const client = new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET });
    await client.requestCall(req('c-dup', '13800138000'));
    expect(await client.requestCall(req('c-dup', '13800138000'))).toMatchObject({ duplicate: true });
    await expect(client.requestCall(req('c-dup', '13900139000'))).rejects.toMatchObject({
      code: 'callid_conflict',
      httpStatus: 409,
    });
    await waitFor(() => received.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
    expect(sim.calls.size).toBe(1);
  });

  it('rejects a request signed with the wrong secret or a stale timestamp', async () => {
    await expect(
      new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: 'wrong' }).requestCall(req('c-x', '13800138000')),
    ).rejects.toMatchObject({ code: 'bad_signature', httpStatus: 401 });
    const stale = new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET, now: () => Date.now() - 10 * 60_000 });
    await expect(stale.requestCall(req('c-y', '13800138000'))).rejects.toMatchObject({ code: 'stale_timestamp' });
    expect(sim.calls.size).toBe(0);
  });

  it('validates the request before sending', async () => {
    const bad = { ...req('c-z', '138-abc'), callbackUrl };
    await expect(
      new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET }).requestCall(bad),
    ).rejects.toBeInstanceOf(VoiceGatewayError);
  });

  it('retries the callback until the receiver accepts it', async () => {
    rejectNext = 2;
    await new VoiceGatewayClient({ baseUrl: gatewayUrl, secret: SECRET }).requestCall(req('c-retry', '13800138000'));
    // the simulator marks the callback delivered once it has read the receiver's 2xx, just after the receiver saw it
    await waitFor(() => received.length === 1 && sim.calls.get('c-retry')?.delivered === true);
    expect(sim.calls.get('c-retry')).toMatchObject({ callbackAttempts: 3, delivered: true });
  });

  it('a forged callback is refused with 401', async () => {
    const body = JSON.stringify({
      callId: 'c-1',
      status: 'answered',
      keys: ['1'],
      durationSec: 5,
      startedAt: new Date().toISOString(),
      endedAt: new Date().toISOString(),
      transferred: false,
    });
    const res = await fetch(callbackUrl, {
      method: 'POST',
      body,
      headers: signedHeaders('not-the-secret', body, Date.now()),
    });
    expect(res.status).toBe(401);
  });
});

describe('contract pure parts', () => {
  it('verify accepts its own signature and rejects tampering', () => {
    const now = 1_760_000_000_000;
    const h = signedHeaders(SECRET, '{"a":1}', now);
    expect(verify(SECRET, h, '{"a":1}', now)).toEqual({ ok: true });
    expect(verify(SECRET, h, '{"a":2}', now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verify(SECRET, h, '{"a":1}', now + 5 * 60_000 + 1)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verify(SECRET, {}, '{}', now)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(sign(SECRET, '1', 'x')).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
  it('answered without pressing 1 is not treated as safe', () => {
    expect(outcomeOf({ status: 'answered', keys: [] })).toBe('answered_help');
    expect(outcomeOf({ status: 'answered', keys: ['1', '2'] })).toBe('answered_help');
    expect(outcomeOf({ status: 'answered', keys: ['1'] })).toBe('answered_safe');
    expect(outcomeOf({ status: 'failed', keys: [] })).toBe('failed');
  });
  it('parseCallback: 400 on a well-signed but malformed body', () => {
    const now = Date.now();
    const body = '{"callId":"x"}';
    expect(parseCallback(SECRET, signedHeaders(SECRET, body, now), body, now)).toEqual({
      ok: false,
      httpStatus: 400,
      reason: 'invalid_callback',
    });
  });
});
