// `npm start -- --demo` opens on the simulated city's gangs: on the live demo's first tick, right after the city's
// residents are registered, the last three weeks of victims who reported (simulation/history.ts) become cases
// (cases/demo.ts, wired as in main.ts), and the graph module, fed by their case.recorded events, shows the gangs with
// their cases, loss, shared identifiers and time line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type Client, type TestServer } from '../harness/server.ts';
import { demoGridCodes, loadDemoOrganisation } from '../../server/demo-organisation.ts';
import { registerDemoResidents } from '../../server/modules/residents/demo.ts';
import { recordDemoCase } from '../../server/modules/cases/index.ts';
import { demoCaseHistory, startLiveDemo, type LiveDemo } from '../../server/modules/simulation/index.ts';

let s: TestServer;
let analyst: Client;
let live: LiveDemo | null = null;
const NOW = Date.parse('2026-12-02T09:00:00+08:00');
const MIDNIGHT = Date.parse('2026-12-02T00:00:00+08:00');

beforeAll(async () => {
  s = await startTestServer();
  await loadDemoOrganisation(s.database.db, ADMIN_PASSWORD);
  analyst = await s.login('analyst');
}, 120_000);
afterAll(async () => {
  await live?.stop();
  await s?.close();
});

describe('demo: the simulated city’s gangs from the start', () => {
  it('the first tick records the city’s past victims as cases; the gangs page shows a gang of the city', async () => {
    const db = s.database.db;
    const grids = await demoGridCodes(db);
    const recorded: string[] = [];
    const t0 = performance.now();
    live = startLiveDemo({
      ingest: async () => undefined, // this test is about the cases, not the event stream
      grids,
      register: (people) => registerDemoResidents(db, people),
      reportCase: async (r) => {
        const id = await recordDemoCase(db, r);
        if (id) recorded.push(r.reference);
        return id;
      },
      historyDays: 21,
      now: () => NOW,
      tickMs: 3_600_000,
    });
    const tStart = performance.now() - t0;
    await live.tick();
    const tTick = performance.now() - t0;
    await s.app.events.drain();
    const tDrained = performance.now() - t0;
    const history = demoCaseHistory({ seed: 1, people: 2000, days: 21, end: MIDNIGHT, grids });
    console.log(
      `[demo history] ${history.reports.length} past reports, ${recorded.length} cases recorded on the first tick; ` +
        `startLiveDemo ${Math.round(tStart)} ms, first tick ${Math.round(tTick)} ms, events drained ${Math.round(tDrained)} ms`,
    );
    // every past report became a case (victims are the registered residents of the same city); deterministic
    expect(history.reports.length).toBeGreaterThanOrEqual(10);
    for (const r of history.reports) expect(recorded).toContain(r.reference);
    expect(demoCaseHistory({ seed: 1, people: 2000, days: 21, end: MIDNIGHT, grids }).reports).toEqual(history.reports);
    // a restart replays the history: nothing is recorded twice
    for (const r of history.reports.slice(0, 3)) expect(await recordDemoCase(db, r)).toBeNull();

    const res = await analyst.get('/api/v1/graph/gangs');
    expect(res.status).toBe(200);
    const cases = await analyst.get('/api/v1/cases?pageSize=500');
    const byRef = new Map<string, string>(
      (cases.body.items as { id: string; reference: string }[]).map((c) => [c.reference, c.id]),
    );
    // the simulator's own gangs (ground truth): a group found on the platform holds the cases of one of them
    const truthGang = new Map(history.reports.map((x) => [byRef.get(x.reference), x.gang]));
    const found = (res.body.items as any[]).filter((g) => g.caseIds.length >= 2);
    expect(found.length).toBeGreaterThanOrEqual(1);
    for (const g of found) expect(new Set(g.caseIds.map((id: string) => truthGang.get(id))).size).toBe(1);
    const g = found[0];
    expect(g.totalLoss).toBeGreaterThan(0);
    const kinds = new Set(g.shared.map((x: any) => x.kind));
    expect(kinds.has('account')).toBe(true); // its mule accounts
    expect(kinds.has('phone') || kinds.has('domain') || kinds.has('app')).toBe(true); // and its numbers / sites / app
    expect(g.timeline.length).toBe(g.caseIds.length + g.warningIds.length);
    expect(g.timeline.every((x: any) => (x.caseId ? x.loss > 0 : true))).toBe(true);
    const loss = history.reports
      .filter((x) => g.caseIds.includes(byRef.get(x.reference)))
      .reduce((sum, x) => sum + x.losses.filter((l) => l.toAccount).reduce((a, l) => a + l.amount, 0), 0);
    expect(g.totalLoss).toBeCloseTo(loss, 1);
  }, 300_000);
});
