/**
 * Event → first contact attempt → dispatch, on the demo setup: on-disk PGlite, the demo organisation, the
 * detection runtime, and the voice gateway + SMPP simulators in process (as `npm start -- --demo`).
 *   npm run bench -- dissuasion [N=200] [ringMs=3000] [ratePerSec=20]
 * Every subject is a registry resident whose call the simulator answers "busy", so each 高 warning takes the
 * seed-004 path: event → warning → auto-call → busy → dispatch to the station.
 */
import fs from 'node:fs';
import { createApp } from '../server/app.ts';
import { openDatabase } from '../server/platform/db/index.ts';
import { SYSTEM_ACTOR } from '../server/platform/auth/actor.ts';
import { loadDemoOrganisation } from '../server/demo-organisation.ts';
import { createResident } from '../server/modules/residents/service.ts';
import { createToken } from '../server/modules/tokens/service.ts';
import { bootstrapAdmin } from '../server/modules/users/bootstrap.ts';
import { createDetectionRuntime } from '../server/modules/detection/runtime.ts';
import { SmppSimulator } from '../server/modules/channels/smpp/simulator.ts';
import { VoiceGatewaySimulator } from '../server/modules/channels/voice/simulator.ts';
import { attemptsOf } from '../server/modules/dissuasion/repository.ts';
import { wireDetection } from '../server/modules/dissuasion/runtime.ts';
import { tempDir } from '../test/harness/dissuasion.ts';
import { units } from '../server/modules/org/schema.ts';
import { eq } from 'drizzle-orm';
import { warnings } from '../server/modules/warnings/schema.ts';

const N = Number(process.argv[3] ?? 200);
const RING = Number(process.argv[4] ?? 3000);
const RATE = Number(process.argv[5] ?? 20);
const secret = 'bench-secret-0123456789abcdef';
const smsc = new SmppSimulator({ accounts: { zw: 'pw' }, receiptDelayMs: 500 });
const voice = new VoiceGatewaySimulator({ secret, callbackDelayMs: RING, defaultRule: { status: 'busy' } });
const smppPort = await smsc.start();
const voiceUrl = await voice.start();
const dir = tempDir('bench');
const database = await openDatabase({ dataDir: dir });
await database.migrate();
const db = database.db;
await bootstrapAdmin(db, 'Bench-root-pass-2026');
await loadDemoOrganisation(db, 'Bench-demo-pass-2026');
const grid = (await db.select().from(units).where(eq(units.kind, 'grid')).orderBy(units.code).limit(1))[0]!;
const phone = (i: number) => `1397780${String(i).padStart(4, '0')}`;
for (let i = 0; i < N; i++)
  await createResident(db, SYSTEM_ACTOR, { name: `居民${i}`, phone: phone(i), unitId: grid.id });
const app = await createApp({
  db,
  config: { secureCookies: false, logLevel: 'silent' },
  dissuasion: {
    channels: {
      voiceGatewayUrl: voiceUrl,
      voiceGatewaySecret: secret,
      smppHost: '127.0.0.1',
      smppPort,
      smppSystemId: 'zw',
      smppPassword: 'pw',
    },
  },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const a = app.server.address();
const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
const detection = createDetectionRuntime({ db });
const rt = app.dissuasion;
wireDetection(rt, detection);
await detection.start();
const { token } = await createToken(db, SYSTEM_ACTOR, { name: 'bench bank', scopes: ['events:write'] });

const sentAt = new Map<string, number>(); // phone → event POST time
const dispatchedAt = new Map<string, number>(); // warning id → time the dispatch committed
rt.hub.onNotice((n) => {
  if (n.kind === 'warning_changed' && n.status === 'dispatched' && !dispatchedAt.has(n.warningId))
    dispatchedAt.set(n.warningId, Date.now());
});

const t0 = Date.now();
for (let i = 0; i < N; i++) {
  const due = t0 + (i * 1000) / RATE;
  if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  const p = phone(i);
  sentAt.set(p, Date.now());
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify([
      {
        id: `bench-${i}`,
        source: 'bank.ccb',
        type: 'alert',
        occurredAt: new Date().toISOString(),
        subject: { phone: p },
        partnerKind: 'bank',
        unit: '建设银行金城江支行',
        note: '客户坚持向"安全账户"转账',
        amount: 500_000,
      },
    ]),
  });
  if (!res.ok) throw new Error(`ingest ${res.status} ${await res.text()}`);
}
const deadline = Date.now() + 60_000 + RING;
while (dispatchedAt.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

const rows = await db.select({ id: warnings.id, phone: warnings.subjectPhone, unitId: warnings.unitId }).from(warnings);
const contact: number[] = [];
const dispatch: number[] = [];
let wrongUnit = 0;
const station = grid.path.split('/').filter(Boolean).at(-2);
for (const w of rows) {
  const sent = sentAt.get(w.phone ?? '');
  if (!sent) continue;
  const first = (await attemptsOf(db, w.id)).find((x) => x.channel === 'voice');
  if (first) contact.push(first.at.getTime() - sent);
  const d = dispatchedAt.get(w.id);
  if (d) dispatch.push(d - sent);
  if (w.unitId !== station) wrongUnit++;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const out = {
  n: N,
  ringMs: RING,
  ratePerSec: RATE,
  warnings: rows.length,
  contacted: contact.length,
  dispatched: dispatch.length,
  wrongUnit,
  eventToFirstContactMs: { p50: pct(contact, 50), p99: pct(contact, 99), max: Math.max(...contact) },
  eventToDispatchMs: { p50: pct(dispatch, 50), p99: pct(dispatch, 99), max: Math.max(...dispatch) },
  smsReceived: smsc.received.length,
};
console.log(JSON.stringify(out, null, 2));
await detection.stop();
await app.close();
await database.close();
await smsc.stop();
await voice.stop();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);
