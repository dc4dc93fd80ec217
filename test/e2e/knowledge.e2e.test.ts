import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, signedInPage } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// The knowledge base in the browser, on a phone: an analyst edits the talking points of 刷单返利 and submits them;
// another analyst publishes; the station officer's warning page shows the new point (published version only).
const NEW_POINT = '新要点：所谓“连单任务”做完才返钱，就是为了让您越陷越深';

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
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function phone(username: string): Promise<Page> {
  return signedInPage(browser, url, username, USER_PASSWORD, {
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
  });
}

it('editor → submit → another person publishes → the warning page shows the new talking point', async () => {
  const analyst = new Client(url);
  await analyst.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD });
  expect(
    (await analyst.post('/api/v1/residents', { name: '黄某', phone: '13600000011', unitId: org.gridA.id })).status,
  ).toBe(201);
  const w = await analyst.post('/api/v1/warnings', {
    level: 'medium',
    fraudTypes: ['brushing_rebate'],
    subject: { phone: '13600000011' },
    summary: '刷单返利线索',
  });
  expect(w.status).toBe(201);

  const author = await phone('analyst');
  const errors: string[] = [];
  author.on('pageerror', (e) => errors.push(e.message));
  await author.goto(url + '/knowledge');
  await author.getByText('刷单返利').first().click();
  await author.getByTestId('kb-new-draft').click();
  const general = author.locator('#tp_general');
  await general.waitFor();
  await general.fill(`${NEW_POINT}\n${await general.inputValue()}`);
  await author.getByTestId('kb-save').click();
  await author.getByText('已保存').waitFor();
  await author.getByTestId('kb-submit').click();
  await author.getByText('待审核').first().waitFor();
  expect(await author.getByTestId('kb-publish').count()).toBe(0); // the author is not offered publication

  const reviewer = await phone('districtAnalyst');
  await reviewer.goto(url + '/knowledge/brushing_rebate');
  await reviewer.getByTestId('kb-publish').click();
  await reviewer.getByText('已发布').first().waitFor();

  const officer = await phone('officerA');
  await officer.goto(`${url}/warnings/${w.body.id}`);
  const panel = officer.getByTestId('kb-talking-points');
  await panel.getByText(NEW_POINT).waitFor({ timeout: 15_000 });
  expect(errors).toEqual([]);
});
