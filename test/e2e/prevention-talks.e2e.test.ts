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

// 宣讲 and volunteers in the browser: an analyst records a talk (place, time, speakers, attendance), uploads a photo
// with progress (a file that is not an image is refused by the server and says so), logs a volunteer's hours, and
// reads a campaign's coverage per grid × audience as a table and bars.
let database: Database;
let app: App;
let url: string;
let browser: Browser;
let org: TestOrg;
let api: Client;

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, 'Zw-e2e-Pass-2026');
  org = await seedOrg(database.db);
  for (let i = 0; i < 10; i++)
    await createResident(database.db, SYSTEM_ACTOR, {
      name: `宣讲${i}`,
      phone: `1394${String(1000000 + i).padStart(7, '0')}`,
      unitId: i % 2 ? org.gridA.id : org.gridB.id,
      birthYear: 1952,
      occupation: 'retired',
    });
  app = await createApp({ db: database.db, config: { secureCookies: false, logLevel: 'silent' }, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
  api = new Client(url);
  await api.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function open(username: string, width = 1280): Promise<Page> {
  return signedInPage(browser, url, username, USER_PASSWORD, { viewport: { width, height: 900 }, locale: 'zh-CN' });
}

it('records a talk with a photo, logs volunteer hours and shows coverage per grid and audience', async () => {
  const page = await open('analyst');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + '/prevention/talks');
  await page.locator('[data-action="new-talk"]').click();
  const modal = page.locator('.ant-modal').filter({ hasText: '登记宣讲' });
  await modal.getByTestId('talk-unit').click();
  await page.keyboard.type('城北');
  await page.locator('.ant-select-tree-title', { hasText: '城北社区' }).click();
  await modal.getByLabel('主题').fill('防范冒充公检法诈骗宣讲');
  await modal.getByLabel('地点').fill('城北社区活动室');
  await modal.getByLabel('时间').fill('2026-11-20T14:30');
  await modal.getByTestId('talk-speakers').click();
  await page.keyboard.type('张警官,李网格员,');
  await modal.getByLabel('参加人数').fill('56');
  await modal.locator('.ant-btn-primary').click();
  const card = page.locator('[data-talk]').filter({ hasText: '防范冒充公检法诈骗宣讲' });
  await card.waitFor();
  expect(await card.getByTestId('talk-attendance').textContent()).toBe('56');
  const stored = (await api.get('/api/v1/prevention/talks')).body.items[0];
  expect(stored).toMatchObject({
    place: '城北社区活动室',
    speakers: ['张警官', '李网格员'],
    attendance: 56,
    photos: 0,
  });
  expect(stored.unitId).toBe(org.gridA.id);

  // a photo (JPEG by its bytes) is uploaded and counted; a text file named .jpg is refused with the server's reason
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
    Buffer.alloc(2048),
  ]);
  await card.locator('input[type=file]').setInputFiles({ name: 'talk.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByText('照片已上传').waitFor();
  await card.getByTestId('talk-photo-count').getByText('1').waitFor();
  await card
    .locator('input[type=file]')
    .setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<svg onload=alert(1)>') });
  await page.locator('.ant-message-error').waitFor();
  expect((await api.get('/api/v1/prevention/talks')).body.items[0].photos).toBe(1);
  await card.locator('[data-action="show-photos"]').click();
  await card.locator('img').first().waitFor({ state: 'attached' });

  // volunteers and their hours
  const v = await api.post('/api/v1/prevention/volunteers', {
    unitId: org.gridA.id,
    name: '王志愿',
    phone: '13800138000',
  });
  expect(v.status).toBe(201);
  await page.getByRole('tab', { name: '志愿者' }).click();
  const row = page.locator('tr').filter({ hasText: '王志愿' });
  await row.waitFor();
  expect(await row.locator('code').textContent()).not.toBe('13800138000'); // masked
  await row.locator('[data-action="log-hours"]').click();
  const hours = page.locator('.ant-modal').filter({ hasText: '登记时长' });
  await hours.getByLabel('服务时长（小时）').fill('2.5');
  await hours.getByLabel('服务内容').fill('社区宣讲');
  await hours.locator('.ant-btn-primary').click();
  await page.getByTestId('volunteer-total-hours').getByText('2.5').waitFor();
  expect((await api.get('/api/v1/prevention/volunteers')).body.totalHours).toBe(2.5);

  // coverage of a campaign per grid × audience
  const c = await api.post('/api/v1/prevention/campaigns', {
    unitId: org.city.id,
    fraudType: 'impersonate_authority',
    ageBand: 'over_65',
    text: '【反诈】公检法不会电话办案',
    channels: ['door'],
  });
  expect(c.status).toBe(201);
  const view = (await api.get(`/api/v1/prevention/campaigns/${c.body.id}`)).body;
  await page.reload();
  await page.getByRole('tab', { name: '覆盖情况' }).click();
  const table = page.getByTestId('coverage-table');
  await table.waitFor();
  const gridA = view.coverageByAudience.find((r: { unitId: string }) => r.unitId === org.gridA.id);
  const rowA = table.locator('tr').filter({ hasText: '城北社区' });
  await rowA.waitFor();
  const cells = await rowA.locator('td').allTextContents();
  expect(cells.slice(0, 5)).toEqual(['城北社区', '65 岁以上', 'retired', String(gridA.target), '0']);
  await page.locator('[role="img"][aria-label="各网格覆盖人数柱状图"] svg').waitFor();
  expect(errors).toEqual([]);
});

it('a leader reads talks but is offered no recording', async () => {
  const page = await open('leader');
  await page.goto(url + '/prevention/talks');
  await page.locator('[data-talk]').first().waitFor();
  expect(await page.locator('[data-action="new-talk"]').count()).toBe(0);
  expect(await page.locator('[data-action="upload-photo"]').count()).toBe(0);
});
