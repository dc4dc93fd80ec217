import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmppClient } from '../channels/smpp/client.ts';
import { SmppSimulator } from '../channels/smpp/simulator.ts';
import { parseCallback, VoiceGatewayClient } from '../channels/voice/client.ts';
import { DEFAULT_KEYPAD } from '../channels/voice/contract.ts';
import { VoiceGatewaySimulator } from '../channels/voice/simulator.ts';
import { formatWarningNotice, sendWebhook } from '../channels/webhook.ts';
import { selectScript } from './scripts.ts';
import { DEFAULT_SLA } from './sla.ts';
import { createWarning, execute, fireDueTimers, MemoryTimerStore, type AttemptRow, type AuditRow, type WarningRecord, type WorkflowPorts } from './workflow.ts';

// The loop over real peers on localhost: voice gateway simulator (HTTP, signed), SMSC simulator (SMPP/TCP),
// a WeCom-format receiver standing in for the station's group. Only the database is in memory.
const SECRET = 'loop-secret';
let voice: VoiceGatewaySimulator; let smsc: SmppSimulator; let sms: SmppClient; let hub: FastifyInstance; let hubUrl: string;
const warnings = new Map<string, WarningRecord>();
const audits: AuditRow[] = []; const attempts: AttemptRow[] = [];
const dispatchedAt = new Map<string, number>();
const timers = new MemoryTimerStore();
let ports: WorkflowPorts;

beforeAll(async () => {
  voice = new VoiceGatewaySimulator({ secret: SECRET, callbackDelayMs: 0, suffixRules: [{ suffix: '1', rule: { status: 'busy' } }] });
  const voiceUrl = await voice.start();
  smsc = new SmppSimulator({ accounts: { zw: 'pw' }, receiptDelayMs: 5 });
  const smppPort = await smsc.start();
  sms = new SmppClient({ host: '127.0.0.1', port: smppPort, systemId: 'zw', password: 'pw', sourceAddr: '12381' });
  await sms.connect();
  hub = Fastify();
  hub.addContentTypeParser('application/json', { parseAs: 'string' }, (_r, b, done) => done(null, b));
  hub.post<{ Querystring: { key: string } }>('/robot', async (req) => {
    const body = JSON.parse(String(req.body)) as { markdown?: { content: string } };
    const id = /预警编号：(\S+)/.exec(body.markdown?.content ?? '')?.[1];
    if (id && !dispatchedAt.has(id)) dispatchedAt.set(id, performance.now());
    return { errcode: 0, errmsg: 'ok' };
  });
  hub.post('/callbacks/voice', async (req, reply) => {
    const p = parseCallback(SECRET, req.headers, String(req.body), Date.now());
    if (!p.ok) return reply.code(p.httpStatus).send({ error: p.reason });
    const w = warnings.get(p.callback.callId.split(':')[0]!);
    if (w && w.state === 'auto_contact') await execute(w, { type: 'auto_contact_result', outcome: p.outcome }, ports);
    return reply.code(204).send();
  });
  await hub.listen({ port: 0, host: '127.0.0.1' });
  const a = hub.server.address();
  hubUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  const gateway = new VoiceGatewayClient({ baseUrl: voiceUrl, secret: SECRET });
  ports = {
    now: () => Date.now(), sla: DEFAULT_SLA, timers,
    save: (_w, row) => { audits.push(row); },
    attempt: (row) => { attempts.push(row); },
    placeCall: async (w, n) => {
      const s = selectScript({ fraudTypes: w.fraudTypes, evidence: w.evidence });
      const r = await gateway.requestCall({ callId: `${w.id}:${n}`, to: w.subjectPhone, segments: s.voiceSegments, keypad: DEFAULT_KEYPAD, transferTo: '96110', callbackUrl: `${hubUrl}/callbacks/voice` });
      return r.callId;
    },
    sendSms: async (w) => (await sms.send({ to: w.subjectPhone, text: selectScript({ fraudTypes: w.fraudTypes, evidence: w.evidence }).sms, ref: w.id })).messageIds.join(','),
    notify: async (w, e) => {
      if (e.type !== 'notify_unit') return 'skipped';
      const r = await sendWebhook(`${hubUrl}/robot?key=${e.unitId}`, formatWarningNotice({ warningId: w.id, level: w.level, fraudTypeName: w.fraudTypes[0] ?? '', reason: e.reason, urgent: e.urgent, subjectPhone: w.subjectPhone }));
      if (!r.ok) throw new Error(r.error);
      return `${r.ms}ms`;
    },
    handOff: async () => undefined,
  };
});
afterAll(async () => { await sms.close(); await smsc.stop(); await voice.stop(); await hub.close(); });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const waitFor = async (pred: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!pred()) { if (Date.now() > end) throw new Error(`timeout: dispatched ${dispatchedAt.size} sms ${smsc.received.length} states ${JSON.stringify([...warnings.values()].reduce<Record<string, number>>((a, w) => ({ ...a, [w.state]: (a[w.state] ?? 0) + 1 }), {}))} attempts ${JSON.stringify(attempts.filter((x) => !x.ok).slice(0, 3))}`); await new Promise((r) => setTimeout(r, 5)); }
};

describe('closed loop over real protocols', () => {
  it('high warnings: busy and answered both reach the right station; SMS travel over SMPP', async () => {
    const N = Number(process.env.LOOP_N ?? 50); // multiple of 10: numbers ending in 1 are busy
    const started = new Map<string, number>(); const contacted = new Map<string, number>();
    await Promise.all(Array.from({ length: N }, async (_, i) => {
      const w: WarningRecord = {
        id: `W${i}`, state: 'new', level: 'high', routedUnitId: `station-${i % 7}`, autoContactAttempts: 0,
        subjectPhone: `1380000${String(i).padStart(4, '0')}`, fraudTypes: ['impersonate_authority'], evidence: ['foreign_call'],
      };
      warnings.set(w.id, w);
      started.set(w.id, performance.now());
      await createWarning(w, ports);
      await execute(w, { type: 'start_auto_contact' }, ports);
      contacted.set(w.id, performance.now());
    }));
    await waitFor(() => dispatchedAt.size === N && smsc.received.length === N);
    for (const w of warnings.values()) {
      expect(w.state).toBe('dispatched');
      expect(w.unitId).toBe(`station-${Number(w.id.slice(1)) % 7}`);
    }
    const busy = [...warnings.values()].filter((w) => w.subjectPhone.endsWith('1'));
    expect(busy.length).toBe(N / 10);
    expect(audits.filter((a) => a.command.type === 'auto_contact_result' && 'outcome' in a.command && a.command.outcome === 'busy')).toHaveLength(N / 10);
    expect(attempts.filter((a) => a.channel === 'sms' && a.ok)).toHaveLength(N);
    expect(smsc.received.every((m) => m.text.includes('安全账户') && m.text.startsWith('【反诈中心】您刚接听了境外来电'))).toBe(true);
    const toContact = [...contacted].map(([id, t]) => t - started.get(id)!);
    const toDispatch = [...dispatchedAt].map(([id, t]) => t - started.get(id)!);
    console.log(`loop N=${N}: event→auto-contact step done (call accepted + SMS submitted) p50 ${pct(toContact, 50).toFixed(1)} ms p99 ${pct(toContact, 99).toFixed(1)} ms; event→dispatch p50 ${pct(toDispatch, 50).toFixed(1)} ms p99 ${pct(toDispatch, 99).toFixed(1)} ms`);
    // "dispatched within seconds"; generous because the shared CI box is often loaded
    expect(pct(toDispatch, 99)).toBeLessThan(10_000);
  }, 60_000);

  it('a timer survives a restart: restored from its rows, it dispatches once the deadline passes', async () => {
    let clock = Date.UTC(2026, 0, 1, 8);
    const store = new MemoryTimerStore();
    const p: WorkflowPorts = { ...ports, now: () => clock, timers: store, notify: async () => 'ok' };
    const w: WarningRecord = { id: 'R1', state: 'new', level: 'high', routedUnitId: 'station-x', autoContactAttempts: 0, subjectPhone: '13900000000', fraudTypes: [], evidence: [] };
    await createWarning(w, p);
    const saved = store.snapshot();
    const after = MemoryTimerStore.restore(saved); // the process restarted
    const p2 = { ...p, timers: after };
    clock += 59_999;
    expect(await fireDueTimers(() => w, p2)).toBe(0);
    clock += 1;
    expect(await fireDueTimers(() => w, p2)).toBe(1);
    expect(w.state).toBe('dispatched');
    expect(after.active('R1').map((t) => t.timer).sort()).toEqual(['sign', 'visit']);
    clock += 5 * 60_000;
    expect(await fireDueTimers(() => w, p2)).toBe(1);
    expect(w.state).toBe('escalated');
    expect(await fireDueTimers(() => w, p2)).toBe(0); // fired timers are consumed, a second poll does nothing
  });

  it('refused commands are audited without changing state', async () => {
    const w: WarningRecord = { id: 'X1', state: 'dispatched', level: 'low', autoContactAttempts: 0, subjectPhone: '13900000000', fraudTypes: [], evidence: [] };
    const r = await execute(w, { type: 'close', disposition: 'dissuaded', note: 'x' }, { ...ports, timers: new MemoryTimerStore() });
    expect(r.ok).toBe(false);
    expect(w.state).toBe('dispatched');
    expect(audits.at(-1)).toMatchObject({ warningId: 'X1', ok: false, code: 'illegal_transition', from: 'dispatched', to: 'dispatched' });
  });
});
