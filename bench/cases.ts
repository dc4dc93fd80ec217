// `npm run bench -- cases`: time from `POST /api/v1/cases` (an officer records a case with one payment) to its
// stop-payment order being visible in the receiving bank's inbox (`GET /api/v1/orders?inbox=true` as the bank
// liaison, polled every 5 ms). Real HTTP server with every module, demo organisation; PGlite in memory by default,
// PostgreSQL when DATABASE_URL is set (a fresh database). N cases one after another (default 40: BENCH_N).
import { startOrdersServer } from '../test/harness/orders-server.ts';

const N = Number(process.env.BENCH_N ?? 40);
const s = await startOrdersServer({ sweepMs: 0 });
const officer = await s.login('officer_jcj');
const bank = await s.login('bank_icbc');

function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const ms: number[] = [];
const seen = new Set<string>();
for (let i = 0; i < N + 3; i++) {
  const account = luhn(`622202${String(Date.now() % 1e6).padStart(6, '0')}${String(i).padStart(6, '0')}`);
  const now = Date.now();
  const t0 = performance.now();
  const r = await officer.post('/api/v1/cases', {
    reportedAt: new Date(now - 60_000).toISOString(),
    victim: { name: '测试', phone: `139${String(10_000_000 + i).slice(-8)}` },
    fraudTypes: ['impersonate_authority'],
    loss: 1000 + i,
    summary: 'bench',
    payments: [
      { paidAt: new Date(now - 120_000).toISOString(), amount: 1000 + i, toAccount: account, toBank: '中国工商银行' },
    ],
  });
  if (r.status !== 201) throw new Error(`POST /cases ${r.status} ${JSON.stringify(r.body)}`);
  for (;;) {
    const inbox = await bank.get('/api/v1/orders?inbox=true&pageSize=200');
    const hit = inbox.body.items.find((o: { caseId: string; id: string }) => o.caseId === r.body.id && !seen.has(o.id));
    if (hit) {
      seen.add(hit.id);
      break;
    }
    if (performance.now() - t0 > 30_000) throw new Error('order not in the inbox after 30 s');
    await new Promise((res) => setTimeout(res, 5));
  }
  if (i >= 3) ms.push(performance.now() - t0); // 3 warm-up cases
}
await s.close();
ms.sort((a, b) => a - b);
const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
const out = {
  bench: 'cases',
  database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
  n: ms.length,
  p50: +q(0.5).toFixed(1),
  p99: +q(0.99).toFixed(1),
  max: +ms.at(-1)!.toFixed(1),
};
console.log(
  `POST /cases → order in the bank's inbox (${out.database}, n=${out.n}): p50 ${out.p50} ms, p99 ${out.p99} ms, max ${out.max} ms`,
);
console.log(JSON.stringify(out));
process.exit(0);
