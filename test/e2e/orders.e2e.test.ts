import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { DEMO_PASSWORD, startOrdersServer, type OrdersServer } from '../harness/orders-server.ts';
import type { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// 警银联动 in a real browser: an officer records a case with two payments (API), each bank's liaison finds the
// stop order in their inbox on a 375 px phone screen, the 工行 liaison confirms it executed, the 农行 one
// rejects; the officer's order list shows the results and the money totals moved.
const PHONE = { width: 375, height: 740 };
let s: OrdersServer;
let browser: Browser;
let officer: Client;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  s = await startOrdersServer({}, webDir);
  officer = await s.login('officer_jcj');
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function phonePage(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(s.url + '/');
  await page.waitForURL(/\/login$/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor({ timeout: 20_000 });
  return page;
}

describe('bank liaison on a phone', () => {
  it('two payments → one stop order in each bank’s inbox; 工行 confirms, 农行 rejects; totals move', async () => {
    const res = await officer.post('/api/v1/cases', {
      reportedAt: minutesAgo(3),
      victim: { name: '陈某', phone: '13900000077' },
      fraudTypes: ['impersonate_authority'],
      loss: 80_000,
      summary: '冒充公检法',
      source: 'walk_in',
      payments: [
        {
          paidAt: minutesAgo(12),
          amount: 50_000,
          toAccount: '6222021234567890128',
          toName: '王五',
          toBank: '中国工商银行',
        },
        { paidAt: minutesAgo(9), amount: 30_000, toAccount: '6228481234567890125', toBank: '中国农业银行' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.id as string;

    const icbc = await phonePage('bank_icbc');
    await icbc.getByTestId('liaison-home').waitFor();
    await icbc.getByTestId('open-inbox').click();
    const card = icbc.getByTestId('bank-order');
    await card.first().waitFor({ timeout: 15_000 });
    expect(await card.count()).toBe(1);
    await expect.poll(() => card.getByTestId('order-account').innerText()).toContain('6222021234567890128');
    expect(await card.getByTestId('due-countdown').innerText()).toMatch(/反馈时限 \d+:\d\d/);
    // nothing overflows the phone screen
    expect(await icbc.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await card.getByTestId('receive').click();
    await card.getByTestId('answer-executed').click();
    await icbc.getByTestId('answer-submit').click();
    await expect.poll(() => icbc.getByTestId('inbox-count').innerText(), { timeout: 15_000 }).toBe('0');
    await icbc.screenshot({ path: '/tmp/orders-e2e-icbc-375.png' });

    const abc = await phonePage('bank_abc');
    await abc.goto(s.url + '/funds/inbox');
    const abcCard = abc.getByTestId('bank-order');
    await abcCard.first().waitFor({ timeout: 15_000 });
    expect(await abcCard.count()).toBe(1);
    await expect.poll(() => abcCard.getByTestId('order-account').innerText()).toContain('6228481234567890125');
    await abcCard.getByTestId('answer-rejected').click();
    await abc.getByTestId('answer-reason').fill('账户已销户');
    await abc.getByTestId('answer-submit').click();
    await expect.poll(() => abc.getByTestId('inbox-count').innerText(), { timeout: 15_000 }).toBe('0');

    // the officer's order list of the case: results and totals
    const page = await phonePage('officer_jcj');
    await page.goto(`${s.url}/funds?caseId=${caseId}`);
    await expect
      .poll(async () => (await page.getByTestId('order-status').allInnerTexts()).sort(), { timeout: 15_000 })
      .toEqual(['已执行', '银行拒绝']);
    await expect.poll(() => page.getByTestId('total-stopped').innerText()).toContain('50,000');
    const totals = await officer.get(`/api/v1/orders/totals?caseId=${caseId}`);
    expect(totals.body).toMatchObject({ stopped: 50_000, open: 0 });
  }, 180_000);
});
