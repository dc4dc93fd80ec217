// The rules page as a centre analyst meets it (issue 15): backtest the form's draft against a simulated city, and
// read a text with the script classifier — built web client, real server and database, Debian's chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { createTestDatabase } from '../harness/db.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { ensureWebBuilt } from './web-build.ts';
import { scriptLabels } from '../../server/modules/fraud-types/schema.ts';

let database: Database;
let app: App;
let url: string;
let browser: Browser;

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  database = await createTestDatabase();
  await seedOrg(database.db);
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

describe('rules page', () => {
  it('backtests a draft (stricter 高 band) and shows warnings lost; the 话术识别 tab reads a script', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + '/');
    await page.waitForURL(/\/login$/);
    await page.locator('#username').fill('analyst');
    await page.locator('#password').fill(USER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await page.goto(url + '/analysis/rules');
    await page.getByRole('tab', { name: '参数配置' }).click();
    const high = page.locator('#levels_high');
    await high.fill('150');
    await page.getByRole('button', { name: '回测草稿' }).click();
    const panel = page.getByTestId('backtest');
    await panel.waitFor({ timeout: 120_000 });
    const text = await panel.innerText();
    expect(text).toContain('减少预警示例');
    expect(text).toMatch(/−\d+/); // warnings lost at 高
    await page.screenshot({ path: '/tmp/zhiwang-backtest.png', fullPage: true });

    await page.getByRole('tab', { name: '话术识别' }).click();
    await page
      .getByPlaceholder('粘贴短信、举报内容、预警说明…')
      .fill('您的账户因操作失误被冻结，需充值8万元解冻后方可提现');
    await page.getByRole('button', { name: /^识\s?别$/ }).click();
    const c = page.getByTestId('classification');
    await c.waitFor();
    expect(await c.innerText()).toContain('虚假网络投资理财');
    expect(errors).toEqual([]);
  }, 240_000);

  it('backtests the draft script model (labels not yet published): warnings gained, and the label proposals list', async () => {
    // officers' labels since the last publish (a careless one: ordinary code and parcel SMS called 冒充客服), and a
    // case narrative proposed for confirmation
    const rows = [
      '【支付宝】验证码382910，5分钟内有效，请勿泄露给他人。',
      '【京东】验证码100231，5分钟内有效，请勿泄露给他人。',
      '【菜鸟驿站】您的快递已到站，取件码3-2-1234。',
    ].flatMap((text) =>
      Array.from({ length: 4 }, () => ({
        text,
        label: 'fake_customer_service',
        sourceKind: 'manual',
        labelledBy: 'u-analyst',
        labelledByName: 'analyst',
      })),
    );
    await database.db.insert(scriptLabels).values(rows);
    await database.db.insert(scriptLabels).values({
      text: '某某接到自称公安局民警的电话，称其涉嫌洗钱，让她把存款转到安全账户',
      label: 'impersonate_authority',
      sourceKind: 'case',
      sourceId: 'C-E2E-1',
      labelledBy: 'system',
      labelledByName: '案件简要案情建议',
      status: 'proposed',
    });
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + '/login');
    await page.locator('#username').fill('analyst');
    await page.locator('#password').fill(USER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    await page.goto(url + '/analysis/rules');
    await page.getByRole('tab', { name: '话术识别' }).click();
    const proposals = page.getByTestId('label-proposals');
    await proposals.waitFor();
    const ptext = await proposals.innerText();
    expect(ptext).toContain('自称公安局民警');
    expect(ptext).toContain('案件');
    expect(ptext).toContain('冒充公检法');
    await page.getByRole('button', { name: '回测草稿模型' }).click();
    const panel = page.getByTestId('backtest');
    await panel.waitFor({ timeout: 120_000 });
    const text = await panel.innerText();
    expect(text).toContain('草稿模型');
    expect(text).toContain('新增预警示例');
    expect(text).toMatch(/\+\d+/); // warnings gained
    expect(text).toContain('冒充电商物流客服');
    await page.screenshot({ path: '/tmp/zhiwang-model-backtest.png', fullPage: true });
    expect(errors).toEqual([]);
  }, 240_000);
});
