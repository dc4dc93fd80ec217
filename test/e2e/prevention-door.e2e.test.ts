import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, signedInPage } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import { createResident } from '../../server/modules/residents/index.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// 入户走访 in the browser: the grid worker, on a 375 px phone, sees their own list of a door-to-door campaign
// (their grid only, masked phones), records a visit in two taps (record → outcome) and sees the progress move;
// the analyst sees the same visit in the progress per grid and per grid worker.
let database: Database;
let app: App;
let url: string;
let browser: Browser;
let org: TestOrg;
let campaignId = '';

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, 'Zw-e2e-Pass-2026');
  org = await seedOrg(database.db);
  for (let i = 0; i < 12; i++)
    await createResident(database.db, SYSTEM_ACTOR, {
      name: `走访${i}`,
      phone: `1393${String(1000000 + i).padStart(7, '0')}`,
      address: `城北路${i}号`,
      unitId: i % 2 ? org.gridA.id : org.gridB.id,
      birthYear: 1950,
      occupation: 'retired',
    });
  app = await createApp({ db: database.db, config: { secureCookies: false, logLevel: 'silent' }, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  const analyst = new Client(url);
  await analyst.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD });
  const c = await analyst.post('/api/v1/prevention/campaigns', {
    unitId: org.city.id,
    fraudType: 'impersonate_authority',
    ageBand: 'over_65',
    text: '【反诈】公检法不会电话办案，没有安全账户',
    channels: ['door'],
    holdoutShare: 0.2,
  });
  expect(c.status).toBe(201);
  campaignId = c.body.id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function open(username: string, width: number): Promise<Page> {
  const phone = width < 500;
  return signedInPage(browser, url, username, USER_PASSWORD, {
    viewport: { width, height: phone ? 812 : 900 },
    locale: 'zh-CN',
    isMobile: phone,
    hasTouch: phone,
  });
}

it('a grid worker on a 375 px phone records a visit in two taps; the analyst sees it per grid worker', async () => {
  const worker = new Client(url);
  await worker.post('/api/v1/auth/login', { username: 'gridA', password: USER_PASSWORD });
  const tasks = (await worker.get(`/api/v1/prevention/door-tasks?campaignId=${campaignId}`)).body.items as {
    residentId: string;
    name: string;
  }[];
  expect(tasks.length).toBeGreaterThan(1);

  const page = await open('gridA', 375);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + '/prevention/door');
  await page.getByText('我的走访清单').waitFor();
  const cards = page.locator('[data-resident]');
  await cards.first().waitFor();
  expect(await cards.count()).toBe(tasks.length); // their grid's targeted residents only, no holdout
  const first = cards.first();
  const residentId = await first.getAttribute('data-resident');
  expect(await first.locator('code').first().textContent()).toMatch(/\*/); // phone masked
  expect(await page.getByTestId('door-met').textContent()).toContain('0');
  // nothing wider than the phone
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // two taps: record → met (the note is optional)
  await first.locator('[data-action="record-visit"]').click();
  await page.getByTestId('visit-note').fill('已讲解冒充公检法套路');
  await page.locator('[data-outcome-button="met"]').click();
  await page.getByText('已保存').first().waitFor();
  const visited = page.locator(`[data-resident="${residentId}"]`);
  await visited.locator('[data-outcome="met"]').waitFor();
  expect(await visited.locator('[data-action="record-visit"]').count()).toBe(0); // met: nothing left to do
  await page.getByTestId('door-met').getByText('1').waitFor();
  // another one not at home stays on the list with its outcome
  const second = page
    .locator('[data-resident]')
    .filter({ hasNot: page.locator('[data-outcome]') })
    .first();
  const secondId = await second.getAttribute('data-resident');
  await second.locator('[data-action="record-visit"]').click();
  await page.locator('[data-outcome-button="not_home"]').click();
  await page.locator(`[data-resident="${secondId}"] [data-outcome="not_home"]`).waitFor();
  expect(errors).toEqual([]);

  // what the server recorded
  const after = (await worker.get(`/api/v1/prevention/door-tasks?campaignId=${campaignId}`)).body.items as {
    residentId: string;
    lastOutcome: string | null;
  }[];
  expect(after.find((x) => x.residentId === residentId)!.lastOutcome).toBe('met');
  expect(after.find((x) => x.residentId === secondId)!.lastOutcome).toBe('not_home');

  // the analyst, on a desktop, sees the progress per grid and per grid worker
  const analyst = await open('analyst', 1280);
  await analyst.goto(url + '/prevention/door');
  const tables = analyst.getByTestId('door-progress-tables');
  await tables.waitFor();
  const gridRow = tables.locator('tr').filter({ hasText: '城北社区' });
  await expect
    .poll(async () => (await gridRow.locator('td').allTextContents()).slice(1, 4))
    .toEqual([String(tasks.length), '2', '1']);
  await tables.getByText('按网格员').click();
  const workerRow = analyst.getByTestId('door-by-worker').locator('tr').filter({ hasText: 'gridA' });
  await workerRow.waitFor();
  expect((await workerRow.locator('td').allTextContents()).slice(0, 5)).toEqual(['gridA', '城北社区', '2', '2', '1']);
});

it('the page is in English when English is chosen, with the outcomes translated', async () => {
  const page = await open('gridA', 375);
  await page.evaluate(() => localStorage.setItem('zhiwang.lang', 'en-US'));
  await page.goto(url + '/prevention/door');
  await page.getByText('My visit list').waitFor();
  await page.locator('[data-outcome="met"]').first().getByText('Met').waitFor();
});
