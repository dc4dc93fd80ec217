// `npm start -- --demo` opens on the simulated city's gangs: the city's last three weeks of victims who reported
// (simulation/history.ts) are recorded as cases at start (cases/demo.ts, wired in main.ts) and the graph module,
// fed by their case.recorded events, shows the gangs with their cases, loss, shared identifiers and time line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { demoGridCodes, loadDemoOrganisation } from '../org/demo.ts';
import { registerDemoResidents } from '../residents/demo.ts';
import { backfillDemoCases } from '../cases/index.ts';
import { demoCaseHistory } from '../simulation/index.ts';

let s: TestServer;
let analyst: Client;
const END = Date.parse('2026-12-02T00:00:00+08:00');

beforeAll(async () => {
  s = await startTestServer();
  await loadDemoOrganisation(s.database.db, ADMIN_PASSWORD);
  analyst = await s.login('analyst');
}, 120_000);
afterAll(async () => {
  await s?.close();
});

describe('demo: the simulated city’s gangs from the start', () => {
  it('backfills the city’s past victims as cases; the gangs page shows a gang of the city with its cases', async () => {
    const db = s.database.db;
    const grids = await demoGridCodes(db);
    const t0 = performance.now();
    const history = demoCaseHistory({ seed: 1, people: 2000, days: 21, end: END, grids });
    const tHistory = performance.now() - t0;
    await registerDemoResidents(db, history.population);
    const tResidents = performance.now() - t0;
    const r = await backfillDemoCases(db, history.reports);
    const tCases = performance.now() - t0;
    await s.app.events.drain();
    const tDrained = performance.now() - t0;
    console.log(
      `[demo history] ${history.reports.length} reports, ${r.recorded} cases recorded; history ${Math.round(tHistory)} ms, ` +
        `+residents ${Math.round(tResidents)} ms, +cases ${Math.round(tCases)} ms, +events drained ${Math.round(tDrained)} ms`,
    );
    expect(r.recorded).toBe(history.reports.length);
    expect(r.recorded).toBeGreaterThanOrEqual(10);
    // deterministic: the same options give the same reports; a restart records nothing twice
    expect(demoCaseHistory({ seed: 1, people: 2000, days: 21, end: END, grids }).reports).toEqual(history.reports);
    expect(await backfillDemoCases(db, history.reports)).toEqual({ recorded: 0, skipped: history.reports.length });

    const res = await analyst.get('/api/v1/graph/gangs', { 'x-purpose': encodeURIComponent('研判') });
    expect(res.status).toBe(200);
    const cases = await analyst.get('/api/v1/cases?pageSize=200');
    const byRef = new Map<string, string>(
      (cases.body.items as { id: string; reference: string }[]).map((c) => [c.reference, c.id]),
    );
    // the simulator's own gangs (ground truth): a group found on the platform holds the cases of one of them
    const truthGang = new Map(history.reports.map((x) => [byRef.get(x.reference), x.gang]));
    const found = (res.body.items as any[]).filter((g) => g.caseIds.length >= 2);
    expect(found.length).toBeGreaterThanOrEqual(1);
    const g = found[0];
    const gangsIn = new Set(g.caseIds.map((id: string) => truthGang.get(id)));
    expect(gangsIn.size).toBe(1); // one gang of the city, not a mix
    expect(g.totalLoss).toBeGreaterThan(0);
    expect(g.shared.some((x: any) => x.kind === 'account')).toBe(true); // its mule accounts
    expect(g.timeline.length).toBe(g.caseIds.length + g.warningIds.length);
    expect(g.timeline.every((x: any) => (x.caseId ? x.loss > 0 : true))).toBe(true);
    const loss = history.reports
      .filter((x) => g.caseIds.includes(byRef.get(x.reference)))
      .reduce((sum, x) => sum + x.losses.filter((l) => l.toAccount).reduce((a, l) => a + l.amount, 0), 0);
    expect(g.totalLoss).toBeCloseTo(loss, 1);
  }, 300_000);
});
