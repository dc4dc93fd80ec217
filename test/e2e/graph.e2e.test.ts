import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { onCaseRecorded } from '../../server/modules/graph/index.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// 串并案 and money flow in the browser: a case → its related case (confirmed) → the graph expanded node by node →
// the money flow with the accounts to stop. (The order button posts to the orders module's route.)
const H = 3_600_000;
const T0 = Date.parse('2026-03-01T02:00:00Z');
const M1 = '6222020200112233445',
  M2 = '6228480012345678901';
let database: Database;
let app: App;
let url: string;
let browser: Browser;
let org: TestOrg;

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, 'Zw-e2e-Pass-2026');
  org = await seedOrg(database.db);
  app = await createApp({ db: database.db, config: { secureCookies: false, logLevel: 'silent' }, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const kase = (caseId: string, at: number, phone: string, amount: number) =>
    onCaseRecorded(database.db, {
      caseId,
      unitId: org.stationA.id,
      reportedAt: new Date(at + H).toISOString(),
      fraudTypes: ['fake_customer_service'],
      loss: amount,
      victim: { name: '张三' },
      identifiers: [{ kind: 'phone', key: phone, value: phone }],
      payments: [{ paymentId: `${caseId}-1`, paidAt: new Date(at).toISOString(), amount, toAccount: M1 }],
    });
  await kase('CASE-A', T0, '17012345678', 10000);
  await kase('CASE-B', T0 - 48 * H, '17012345678', 2000);
  const analyst = new Client(url);
  await analyst.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD });
  const fmt = (t: number) => new Date(t + 8 * H).toISOString().slice(0, 19).replace('T', ' ');
  const form = new FormData();
  form.append('file', new Blob([`交易时间,对方账号,交易金额,借贷标志\n${fmt(T0 + H)},${M2},8000,借\n`]), 'st.csv');
  form.append('account', M1);
  const res = await fetch(`${url}/api/v1/cases/CASE-A/statements`, {
    method: 'POST',
    body: form,
    headers: { cookie: analyst.cookie },
  });
  expect(res.status).toBe(200);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto(url + '/');
  await page.waitForURL(/\/login$/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(USER_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor({ timeout: 15_000 });
}

describe('graph in the browser', () => {
  it('case → related case confirmed → graph expanded → money flow with the accounts to stop', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'analyst');
    await page.goto(`${url}/analysis/graph?kind=case&value=CASE-A`);
    await page.getByRole('tab', { name: '串并案线索' }).click();
    const item = page.getByTestId('related-item').first();
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain('CASE-B');
    await item.getByRole('button', { name: '确认串并' }).click();
    await item.getByText('已串并').waitFor({ timeout: 10_000 });

    await page.getByRole('tab', { name: '关系图谱' }).click();
    await page.getByTestId('graph-open').click();
    const askGraph = page.getByRole('dialog');
    await askGraph.getByTestId('purpose-input').fill('串并案研判');
    await askGraph.locator('.ant-modal-footer .ant-btn-primary').click();
    const canvas = page.getByTestId('graph-canvas');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-nodes')) >= 3,
      undefined,
      { timeout: 15_000 },
    );
    const before = Number(await canvas.getAttribute('data-nodes'));
    expect(before).toBe(3); // CASE-A, its suspect phone, the account it paid
    // expand the suspect's phone: CASE-B (same phone) joins the picture
    await page.evaluate(() => {
      const g = (window as unknown as { __zwGraph: { nodes(sel: string): { emit(ev: string): void; id(): string }[] } })
        .__zwGraph;
      const n = g.nodes('[type = "phone"]')[0];
      n?.emit('tap');
    });
    await page.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-nodes')) > b,
      before,
      { timeout: 15_000 },
    );
    expect(
      await page.evaluate(() =>
        (window as unknown as { __zwGraph: { getElementById(id: string): { nonempty(): boolean } } }).__zwGraph
          .getElementById('case:CASE-B')
          .nonempty(),
      ),
    ).toBe(true);

    await page.getByRole('tab', { name: '资金流向' }).click();
    await page.getByTestId('flow-open').click(); // the purpose stated for the graph holds for the session
    await page.getByTestId('flow-chart').locator('canvas').waitFor({ timeout: 15_000 });
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    const text = await page.locator('.ant-table').last().textContent();
    expect(text).toContain(M2); // 8,000 of the victim's money went on to M2 and is still there
    expect(text).toContain(M1);
    await page.getByTestId('flow-orders').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('mules: the analyst sends a flagged mule to the block list (then says it is there); gangs show the group', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'analyst');
    await page.goto(`${url}/analysis/graph`);
    await page.getByRole('tab', { name: '疑似跑分账户' }).click();
    const min = page.locator('input[data-testid="mule-min"], [data-testid="mule-min"] input').first();
    await min.fill('40'); // M1 received from two cases: score 45
    await min.press('Tab');
    const row = page.getByTestId('mule-list').locator('.ant-table-row').first();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('fan-in from 2');
    await row.getByTestId('mule-block').click();
    await page
      .getByText(/已移送黑名单/)
      .first()
      .waitFor({ timeout: 10_000 });
    await row.getByText('黑名单').waitFor({ timeout: 10_000 }); // the tag: sent
    expect(await row.getByTestId('mule-block').count()).toBe(0);
    // the API says the second send is already there
    const analyst = new Client(url);
    await analyst.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD });
    const again = await analyst.post('/api/v1/mules/handoff', { account: M1, targets: ['block_list'] });
    expect(again.body.results[0].status).toBe('already');

    await page.getByRole('tab', { name: '团伙' }).click();
    const gang = page.getByTestId('gang-list').locator('.ant-table-row').first();
    await gang.waitFor({ timeout: 15_000 });
    expect(await gang.textContent()).toContain('12,000'); // CASE-A 10,000 + CASE-B 2,000
    await gang.locator('.ant-table-row-expand-icon').click();
    await page.getByText(/案件 CASE-B/).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
