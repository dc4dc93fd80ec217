// The rules page as a centre analyst meets it (issue 15): backtest the form's draft against a simulated city, read
// a text with the script classifier, backtest the draft script model on a simulated city and on a stored period —
// built web client, real server and database, Debian's chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser } from 'playwright-core';
import { launchChromium, signedInPage } from './browser.ts';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { createTestDatabase } from '../harness/db.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { ensureWebBuilt } from './web-build.ts';
import { scriptLabels } from '../../server/modules/fraud-types/schema.ts';
import { ingestEvents } from '../../server/modules/ingest/index.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';

const SCRIPT = '您的账户因操作失误被冻结，需充值8万元解冻后方可提现';
/** "YYYY-MM-DD HH:mm:ss" in Beijing time, as the date picker takes it typed (the browser context is in Shanghai) */
const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

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
    const page = await signedInPage(browser, url, 'analyst', USER_PASSWORD, {
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
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
    const page = await signedInPage(browser, url, 'analyst', USER_PASSWORD, {
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + '/analysis/rules');
    await page.getByRole('tab', { name: '话术识别' }).click();
    const proposals = page.getByTestId('label-proposals');
    await proposals.waitFor();
    const ptext = await proposals.innerText();
    expect(ptext).toContain('自称公安局民警');
    expect(ptext).toContain('案件');
    expect(ptext).toContain('冒充公检法');
    await page.getByRole('button', { name: '回测草稿模型', exact: true }).click();
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

  it('backtests the draft script model on a stored period: the 12 script SMS an officer labelled 正常 are lost', async () => {
    // stored events of the last hours: 12 people each receive the same script SMS (warned under the model in use)
    const now = Date.now();
    const evs = Array.from({ length: 12 }, (_, i) => ({
      id: `e2e-sm${i}`,
      source: 'telecom.cmcc',
      type: 'sms',
      occurredAt: new Date(now - 3 * 3_600_000 + i * 60_000).toISOString(),
      subject: { phone: `1387211${String(1000 + i)}` },
      peer: '17012345678',
      direction: 'in',
      text: SCRIPT,
    }));
    const r = await ingestEvents(database.db, SYSTEM_ACTOR, evs as never, new Map(), 'api');
    expect(r.rejected).toBe(0);
    // …and an officer calls that script ordinary (a careless label: what a backtest before publishing is for)
    await database.db.insert(scriptLabels).values(
      Array.from({ length: 4 }, () => ({
        text: SCRIPT,
        label: 'normal',
        sourceKind: 'manual',
        labelledBy: 'u-analyst',
        labelledByName: 'analyst',
      })),
    );
    const page = await signedInPage(browser, url, 'analyst', USER_PASSWORD, {
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + '/analysis/rules');
    await page.getByRole('tab', { name: '话术识别' }).click();
    const start = page.getByRole('button', { name: '按时段回测草稿模型' });
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true); // no period yet
    // the period typed into the range picker: from a day ago to an hour ahead
    const inputs = page.getByTestId('model-stored-range').locator('input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(beijing(now - 86_400_000));
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(beijing(now + 3_600_000));
    await inputs.nth(1).press('Enter');
    await start.click();
    const panel = page.getByTestId('backtest').filter({ hasText: '已存的' });
    await panel.waitFor({ timeout: 120_000 });
    const text = await panel.innerText();
    expect(text).toContain('草稿模型');
    expect(text).toContain('已存的 12 条事件');
    expect(text).toContain('−12'); // all 12 warnings lost under the draft
    expect(text).toContain('减少预警示例');
    expect(text).toContain('虚假网络投资理财'); // the type they were lost from
    expect(text).not.toMatch(/1387211\d{4}/); // example subjects masked
    await page.screenshot({ path: '/tmp/zhiwang-model-stored-backtest.png', fullPage: true });
    expect(errors).toEqual([]);
  }, 240_000);
});
