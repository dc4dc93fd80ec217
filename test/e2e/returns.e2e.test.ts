import { afterAll, beforeAll, expect, it } from 'vitest';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, signedInPage } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import { residentIdCheckChar } from '../../server/modules/identifiers/index.ts';
import { writeXlsx } from '../../server/platform/xlsx.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// The 劝返 board in the browser on a 375 px phone: counts and the return rate, the overdue item in red, masked
// identifiers shown in full only after a purpose, a family contact, the moves the server allows (一人一销账:
// 已劝返 leaves the board), an Excel import refused row by row then accepted, and the export.
let database: Database;
let app: App;
let url: string;
let browser: Browser;
let org: TestOrg;
let officer: Client;
const idNo = (first17: string) => first17 + residentIdCheckChar(first17);
const ID1 = idNo('45120219900101123');

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
  officer = new Client(url);
  await officer.post('/api/v1/auth/login', { username: 'officerA', password: USER_PASSWORD });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function phone(username: string): Promise<Page> {
  return signedInPage(browser, url, username, USER_PASSWORD, {
    viewport: { width: 375, height: 812 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    acceptDownloads: true,
  });
}

const count = (page: Page, k: string) => page.locator(`[data-count="${k}"] .ant-statistic-content`).textContent();

it('works the board on a phone: overdue, unmask with purpose, contact, allowed moves, counts and rate', async () => {
  const a = await officer.post('/api/v1/returns/persons', {
    name: '韦某',
    idNumber: ID1,
    phone: '13900001111',
    location: '缅甸妙瓦底',
    householdUnitId: org.stationA.id,
    residenceUnitId: org.stationB.id,
  });
  const b = await officer.post('/api/v1/returns/persons', {
    name: '覃某',
    location: '柬埔寨西港',
    householdUnitId: org.stationA.id,
  });
  expect([a.status, b.status]).toEqual([201, 201]);
  // 覃某's due date passed two days ago
  await database.db.execute(
    sql`update returns_persons set due_at = now() - interval '2 days' where id = ${b.body.id as string}`,
  );

  const page = await phone('officerA');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + '/returns');
  await page.getByText('劝返挂图作战').waitFor();
  const cardA = page.locator(`[data-person="${a.body.id}"]`);
  const cardB = page.locator(`[data-person="${b.body.id}"]`);
  await cardA.waitFor();
  expect(await count(page, 'open')).toBe('2');
  expect(await count(page, 'overdue')).toBe('1');
  expect(await cardB.locator('[data-overdue="true"]').textContent()).toMatch(/逾期 \d+ 天/);
  expect(await cardA.locator('[data-overdue]').count()).toBe(0);
  // oldest due first: the overdue one leads
  expect(await page.locator('[data-person]').first().getAttribute('data-person')).toBe(b.body.id);
  expect(await cardA.getByText('在境外').count()).toBe(1);
  const masked = await cardA.getByTestId('person-id').textContent();
  expect(masked).not.toBe(ID1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // unmask with a purpose: the ID in full, and the view is audited with that purpose
  await page.locator('[data-action="unmask"]').click();
  await page.getByTestId('purpose-input').fill('劝返工作联系家属');
  await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
  await cardA.getByTestId('person-id').getByText(ID1).waitFor();

  // the person: log a family contact, then the moves allowed from 在境外
  await cardA.locator('[data-action="open-person"]').click();
  const drawer = page.locator('.ant-drawer-content-wrapper');
  await drawer.getByTestId('detail-id').getByText(ID1).waitFor();
  expect(
    (await drawer.locator('[data-move]').evaluateAll((els) => els.map((e) => e.getAttribute('data-move')))).sort(),
  ).toEqual(['persuading', 'returned', 'written_off']);
  await drawer.getByLabel('联系对象').fill('父亲');
  await drawer.getByLabel('情况').fill('父亲已劝其尽快回国，约定下周联系');
  await drawer.locator('[data-action="add-contact"]').click();
  await drawer.getByText('父亲已劝其尽快回国，约定下周联系').waitFor();

  // 核减 needs a reason: the form says so before the server is asked
  await drawer.locator('[data-move="written_off"]').click();
  await page.locator('[data-action="confirm-move"]').click();
  await page.getByText('核减须填写理由').waitFor();
  await page.locator('.ant-modal-close').last().click();

  // 已劝返: leaves the board, counts and rate follow
  await drawer.locator('[data-move="returned"]').click();
  await page.getByTestId('move-reason').fill('本人已于口岸入境');
  await page.locator('[data-action="confirm-move"]').click();
  await drawer.locator('.ant-drawer-title').getByText('已劝返').waitFor();
  // from 已劝返 the only move is back to 在境外
  expect(await drawer.locator('[data-move]').evaluateAll((els) => els.map((e) => e.getAttribute('data-move')))).toEqual(
    ['abroad'],
  );
  await drawer.getByText('本人已于口岸入境').waitFor(); // history
  await page.locator('.ant-drawer-close').click();
  await expect.poll(() => count(page, 'returned')).toBe('1');
  expect(await count(page, 'open')).toBe('1');
  expect(await count(page, 'rate')).toBe('50.00%');
  expect(await cardA.count()).toBe(0);

  const server = (await officer.get(`/api/v1/returns/persons/${a.body.id}`)).body;
  expect(server.status).toBe('returned');
  expect(server.contacts[0]).toMatchObject({ contact: '父亲', channel: 'phone' });
  const audit = await database.db.execute(
    sql`select count(*)::int as n from audit_log where purpose = '劝返工作联系家属'`,
  );
  expect(Number((audit as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

it('imports Excel: every bad row shown and nothing written; a good file is imported; the export downloads', async () => {
  const cols = [
    { header: '姓名', key: 'name' },
    { header: '身份证号', key: 'idNumber' },
    { header: '滞留地', key: 'location' },
    { header: '户籍地单位编号', key: 'householdUnitId' },
    { header: '上游编号', key: 'upstreamRef' },
  ];
  const good = { name: '蓝某', location: '老挝金三角', householdUnitId: org.stationA.id, upstreamRef: 'UP-1' };
  const bad = await writeXlsx('名单', cols, [
    good,
    { name: '', location: '缅甸', householdUnitId: org.stationA.id },
    { name: '黄某', idNumber: '123', location: '缅甸', householdUnitId: org.stationA.id },
  ]);
  const page = await phone('officerA');
  await page.goto(url + '/returns');
  await page.locator('[data-action="returns-import"]').click();
  const modal = page.locator('.ant-modal').filter({ hasText: 'Excel 导入' });
  const input = modal.locator('input[type=file]');
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await input.setInputFiles({ name: 'bad.xlsx', mimeType: xlsx, buffer: bad });
  const problems = modal.getByTestId('import-problems');
  await problems.waitFor();
  const rows = await problems
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
  expect(rows).toEqual([
    ['3', '姓名'],
    ['4', '身份证号'],
  ]);
  expect((await officer.get('/api/v1/returns/persons')).body.total).toBe(2); // nothing written

  await input.setInputFiles({ name: 'good.xlsx', mimeType: xlsx, buffer: await writeXlsx('名单', cols, [good]) });
  await modal.getByTestId('import-ok').getByText('已导入 1 人').waitFor();
  await modal.locator('.ant-modal-footer .ant-btn').click();
  await page.locator('[data-person]').filter({ hasText: '蓝某' }).waitFor();
  expect(await count(page, 'total')).toBe('3');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-action="returns-export"]').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^returns-.*\.xlsx$/);
  const file = await download.path();
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK'); // an XLSX (zip)
});

it('a leader reads the board but is offered no changes; a grid worker has no 劝返 page', async () => {
  const leader = await phone('leader');
  await leader.goto(url + '/returns');
  await leader.locator('[data-person]').first().waitFor();
  expect(await leader.locator('[data-action="returns-import"]').count()).toBe(0);
  await leader.locator('[data-action="open-person"]').first().click();
  await leader.locator('.ant-drawer-content-wrapper').getByText('状态记录').waitFor();
  expect(await leader.locator('[data-move]').count()).toBe(0);
  const grid = await phone('gridA');
  await grid.goto(url + '/returns');
  await grid.getByText('403').first().waitFor();
});
