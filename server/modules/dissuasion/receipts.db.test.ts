import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { startLoopServer, startPeers, tempDir, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

// Outcomes of the channels are durable: an SMS delivery receipt that arrives after a restart is matched to its
// attempt by the carrier's message id in the database (the real SMPP simulator holds the receipt while no
// receiver is bound, as an SMSC does), and a call whose gateway never calls back is recorded as timed out.
const dir = tempDir('receipts');
let s: LoopServer | null = null;
let peers: Awaited<ReturnType<typeof startPeers>> | null = null;
afterAll(async () => {
  await s?.close();
  await peers?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Attempt = { channel: string; outcome: string; ok: boolean; record: Record<string, unknown> | null };
const attempts = async (c: Client, id: string): Promise<Attempt[]> =>
  (await c.get(`/api/v1/warnings/${id}/workflow`)).body.attempts;

describe('durable channel outcomes', () => {
  it('an SMS receipt that arrives after a restart settles the attempt delivered', async () => {
    peers = await startPeers(20, 1_500); // the receipt falls due while the process is down
    s = await startLoopServer({ dataDir: dir, dissuasion: { channels: peers.channels, pollMs: 50 } });
    const org = await seedOrg(s.database.db);
    const analyst = await s.login('analyst', USER_PASSWORD);
    expect(
      (await analyst.post('/api/v1/residents', { name: '赵六', phone: '13600000021', unitId: org.gridA.id })).status,
    ).toBe(201);
    const id = (
      await analyst.post('/api/v1/warnings', {
        level: 'high',
        fraudTypes: ['fake_investment'],
        subject: { phone: '13600000021' },
      })
    ).body.id;
    const sms = await waitFor(
      async () => (await attempts(analyst, id)).find((a) => a.channel === 'sms' && a.outcome === 'submitted'),
      5_000,
      'submitted',
    );
    expect((sms.record?.messageIds as string[]).length).toBeGreaterThan(0);
    await s.close(); // unbinds: the SMSC holds the receipt
    s = null;
    await waitFor(() => peers!.smsc.received.some((m) => m.to === '13600000021'), 1_000, 'sms at the SMSC');
    await new Promise((r) => setTimeout(r, 1_600));

    s = await startLoopServer({ dataDir: dir, fresh: false, dissuasion: { channels: peers.channels, pollMs: 50 } });
    const a2 = await s.login('analyst', USER_PASSWORD);
    // the new process binds when it first needs the SMSC (or at start): the held receipt comes in then
    const delivered = await waitFor(
      async () => (await attempts(a2, id)).find((a) => a.channel === 'sms' && a.outcome !== 'submitted'),
      10_000,
      'receipt after restart',
    );
    expect(delivered).toMatchObject({ outcome: 'delivered', ok: true, record: { receipt: { stat: 'DELIVRD' } } });
  }, 40_000);

  it('a call whose gateway never calls back is recorded as timed out when the call-result deadline fires', async () => {
    await s?.close();
    await peers?.stop();
    let clock = Date.now();
    peers = await startPeers(60_000); // the gateway stays silent for this test
    s = await startLoopServer({ dissuasion: { channels: peers.channels, pollMs: 60_000, now: () => clock } });
    const org = await seedOrg(s.database.db);
    const analyst = await s.login('analyst', USER_PASSWORD);
    expect(
      (await analyst.post('/api/v1/residents', { name: '钱七', phone: '13600000031', unitId: org.gridA.id })).status,
    ).toBe(201);
    const id = (
      await analyst.post('/api/v1/warnings', {
        level: 'high',
        fraudTypes: ['fake_investment'],
        subject: { phone: '13600000031' },
      })
    ).body.id;
    await waitFor(
      async () => (await attempts(analyst, id)).some((a) => a.channel === 'voice' && a.outcome === 'queued'),
      5_000,
      'call queued',
    );
    clock += 2 * 60_000; // 高 callResultMs
    await s.rt.tick();
    const d = (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body;
    expect(d.attempts.find((a: Attempt) => a.channel === 'voice')).toMatchObject({ outcome: 'timeout', ok: false });
    expect(d.status).toBe('dispatched'); // silence counts as a failed call: on 高 a person goes
    await s.rt.idle();
  }, 30_000);
});
