import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SmppClient, SmppError, type DeliveryReport } from './client.ts';

// Our SMPP client against an SMSC that shares no code with it: test/peers/smsc.pl on Net::SMPP (Debian's
// libnet-smpp-perl, installed by .ci/run). What the SMSC received is checked byte by byte here, not with our codec.
const SMSC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/peers/smsc.pl');
interface Submit {
  id: string;
  source_addr: string;
  destination_addr: string;
  esm_class: number;
  data_coding: number;
  registered_delivery: number;
  short_message: string;
}

let smsc: ChildProcessWithoutNullStreams;
let port: number;
const submits: Submit[] = [];
const binds: { system_id: string; ok: boolean }[] = [];
const clients: SmppClient[] = [];

beforeAll(async () => {
  smsc = spawn('perl', [SMSC, 'zhiwang', 'secret']);
  let stderr = '';
  smsc.stderr.on('data', (d) => {
    stderr += d;
  });
  const lines = createInterface({ input: smsc.stdout });
  port = await new Promise<number>((resolve, reject) => {
    smsc.once('exit', (code) =>
      reject(new Error(`smsc.pl exited ${code}: ${stderr} (is libnet-smpp-perl installed?)`)),
    );
    lines.on('line', (line) => {
      const p = /^port (\d+)$/.exec(line);
      if (p) return resolve(Number(p[1]));
      const m = JSON.parse(line) as { submit?: Submit; bind?: { system_id: string; ok: boolean } };
      if (m.submit) submits.push(m.submit);
      if (m.bind) binds.push(m.bind);
    });
  });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
}); // the SMSC serves one ESME at a time
afterAll(() => {
  smsc?.kill();
});

const client = (password = 'secret') => {
  const c = new SmppClient({
    host: '127.0.0.1',
    port,
    systemId: 'zhiwang',
    password,
    sourceAddr: '12381',
    reconnectMinMs: 50,
  });
  clients.push(c);
  return c;
};
/** UCS-2 big-endian, as SMPP data_coding 8 carries it. */
const ucs2 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('SMPP client <-> Net::SMPP SMSC (an independent implementation)', () => {
  it('a long Chinese warning travels as concatenated UCS-2 parts and each part is receipted', async () => {
    const c = client();
    await c.connect();
    await until(() => binds.length > 0);
    expect(binds.at(-1)).toEqual({ system_id: 'zhiwang', ok: true });
    const text =
      '【反诈预警】您刚刚接听了境外来电，对方自称公检法要求您把钱转入“安全账户”。公检法机关不会电话办案，' +
      '更没有安全账户，请立即挂断，不要转账，不要共享屏幕。如需帮助请拨打96110，派出所民警将与您联系。';
    const got: DeliveryReport[] = [];
    c.on('receipt', (r: DeliveryReport) => got.push(r));
    const res = await c.send({ to: '13800138000', text, ref: 'att-long' });

    expect(res.segments).toBeGreaterThan(1);
    await until(() => res.messageIds.every((id) => submits.some((x) => x.id === id))); // printed after the response
    const parts = submits.filter((s) => res.messageIds.includes(s.id));
    expect(parts.map((s) => s.id)).toEqual(res.messageIds); // the ids our client keeps are the SMSC's own
    let body = '';
    parts.forEach((s, i) => {
      expect(s).toMatchObject({
        source_addr: '12381',
        destination_addr: '13800138000',
        esm_class: 0x40,
        data_coding: 8,
        registered_delivery: 1,
      });
      // UDH: length 5, IEI 0x00 (concatenation, 8-bit reference), IE length 3, reference, total, this part's number
      const udh = Buffer.from(s.short_message.slice(0, 12), 'hex');
      expect([udh[0], udh[1], udh[2], udh[4], udh[5]]).toEqual([5, 0, 3, parts.length, i + 1]);
      expect(udh[3]).toBe(Buffer.from(parts[0]!.short_message.slice(0, 12), 'hex')[3]);
      expect(s.short_message.length / 2 - 6).toBeLessThanOrEqual(134);
      body += ucs2(s.short_message.slice(12));
    });
    expect(body).toBe(text);

    await until(() => got.length === parts.length);
    expect(got.map((r) => r.messageId).sort()).toEqual([...res.messageIds].sort());
    expect(got.every((r) => r.ref === 'att-long' && r.stat === 'DELIVRD' && r.err === '000')).toBe(true);
    expect(got.slice(0, -1).every((r) => r.messageStatus === 'pending')).toBe(true); // not before the last part
    expect(got.at(-1)!.messageStatus).toBe('delivered'); // delivered once every part is
  });

  it('an undeliverable number comes back as a failed receipt with the SMSC error code', async () => {
    const c = client();
    await c.connect();
    const got: DeliveryReport[] = [];
    c.on('receipt', (r: DeliveryReport) => got.push(r));
    const res = await c.send({ to: '13990000000', text: '【反诈预警】请勿向陌生账户转账。', ref: 'att-fail' });
    expect(res.segments).toBe(1);
    await until(() => submits.some((x) => x.id === res.messageIds[0]));
    const [s] = submits.filter((x) => x.id === res.messageIds[0]);
    expect(s).toMatchObject({ esm_class: 0, data_coding: 8 });
    expect(ucs2(s!.short_message)).toBe('【反诈预警】请勿向陌生账户转账。');
    await until(() => got.length === 1);
    expect(got[0]).toMatchObject({
      ref: 'att-fail',
      messageId: res.messageIds[0],
      stat: 'UNDELIV',
      err: '001',
      messageStatus: 'failed',
    });
  });

  it('a bind with the wrong password is refused with the SMSC status and not retried', async () => {
    const c = client('wrong');
    const err = await c.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmppError);
    expect(err).toMatchObject({ code: 'bind_rejected', commandStatus: 0x0e });
    await until(() => binds.at(-1)?.ok === false);
    const before = binds.length;
    await new Promise((r) => setTimeout(r, 300)); // reconnectMinMs is 50: a retry would have tried to bind by now
    expect(binds.length).toBe(before);
    expect(c.isBound).toBe(false);
  });
});
