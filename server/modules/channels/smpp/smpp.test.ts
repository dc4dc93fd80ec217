import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmppClient, SmppError, type DeliveryReport } from './client.ts';
import { SmppSimulator, type ReceivedSms } from './simulator.ts';

// Real client against the real simulator over TCP on 127.0.0.1 with a random port.
let sim: SmppSimulator;
let port: number;
const clients: SmppClient[] = [];
const client = (over: Partial<ConstructorParameters<typeof SmppClient>[0]> = {}) => {
  const c = new SmppClient({
    host: '127.0.0.1',
    port,
    systemId: 'zhiwang',
    password: 'secret',
    sourceAddr: '12381',
    reconnectMinMs: 50,
    ...over,
  });
  clients.push(c);
  return c;
};
const nextMessage = () => new Promise<ReceivedSms>((r) => sim.once('message', r));
const receipts = (c: SmppClient, n: number) =>
  new Promise<DeliveryReport[]>((resolve) => {
    const got: DeliveryReport[] = [];
    c.on('receipt', (r: DeliveryReport) => {
      got.push(r);
      if (got.length === n) resolve(got);
    });
  });

beforeEach(async () => {
  sim = new SmppSimulator({
    accounts: { zhiwang: 'secret' },
    receiptDelayMs: 10,
    receiptStat: (to) => (to.endsWith('4') ? 'UNDELIV' : 'DELIVRD'),
  });
  port = await sim.start();
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  await sim.stop();
});

describe('SMPP client <-> simulator', () => {
  it('Chinese text arrives intact and the receipt maps back to the ref', async () => {
    const c = client();
    await c.connect();
    const text = '【反诈预警】您刚刚接听了境外来电，公检法不会电话办案，没有“安全账户”，请勿转账。';
    const got = nextMessage();
    const rc = receipts(c, 1);
    const res = await c.send({ to: '13800138000', text, ref: 'att-1' });
    expect(res.segments).toBe(1);
    const m = await got;
    expect(m).toMatchObject({ to: '13800138000', from: '12381', text, parts: 1 });
    const [r] = await rc;
    expect(r).toMatchObject({
      ref: 'att-1',
      messageId: res.messageIds[0],
      stat: 'DELIVRD',
      messageStatus: 'delivered',
    });
  });

  it('a long text arrives complete in concatenated parts; delivered only after every part', async () => {
    const c = client();
    await c.connect();
    const text = Array.from({ length: 200 }, (_, i) => '预警劝阻'[i % 4]).join('') + '结束';
    const got = nextMessage();
    const rc = receipts(c, 4);
    const res = await c.send({ to: '13900139000', text, ref: 'att-long' });
    expect(res.segments).toBe(4);
    expect(new Set(res.messageIds).size).toBe(4);
    const m = await got;
    expect(m.text).toBe(text);
    expect(m.parts).toBe(4);
    const rs = await rc;
    expect(rs.slice(0, 3).every((r) => r.messageStatus === 'pending')).toBe(true);
    expect(rs[3]).toMatchObject({ ref: 'att-long', messageStatus: 'delivered' });
  });

  it('message_payload mode sends one PDU', async () => {
    const c = client({ longMode: 'payload' });
    await c.connect();
    const text = '请立即停止转账，'.repeat(30);
    const got = nextMessage();
    const res = await c.send({ to: '13700137000', text });
    expect(res.segments).toBe(1);
    expect((await got).text).toBe(text);
  });

  it('an undelivered receipt marks the message failed', async () => {
    const c = client();
    await c.connect();
    const rc = receipts(c, 1);
    await c.send({ to: '13800138004', text: '测试', ref: 'att-bad' });
    expect((await rc)[0]).toMatchObject({ ref: 'att-bad', stat: 'UNDELIV', messageStatus: 'failed' });
  });

  it('a bad bind is rejected and not retried', async () => {
    const c = client({ password: 'wrong' });
    await expect(c.connect()).rejects.toMatchObject({ code: 'bind_rejected', commandStatus: 0x0d });
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.binds.filter((b) => !b.ok)).toHaveLength(1);
    await expect(c.send({ to: '13800138000', text: 'x' })).rejects.toBeInstanceOf(SmppError);
  });

  it('reconnects and rebinds after the SMSC drops the session', async () => {
    const c = client();
    await c.connect();
    const rebound = new Promise((r) => c.once('bound', r));
    sim.dropSessions();
    await rebound;
    expect(c.isBound).toBe(true);
    const got = nextMessage();
    await c.send({ to: '13800138000', text: '重连后发送' });
    expect((await got).text).toBe('重连后发送');
    expect(sim.binds.filter((b) => b.ok)).toHaveLength(2);
  });

  it('answers enquire_link keep-alives without dropping', async () => {
    const c = client({ enquireLinkMs: 30, responseTimeoutMs: 200 });
    await c.connect();
    await new Promise((r) => setTimeout(r, 200));
    expect(c.isBound).toBe(true);
    expect(sim.binds).toHaveLength(1);
  });
});
