import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { ensureWebBuilt } from './web-build.ts';

// Case intake (接警) as a station officer does it on a phone, with the victim on the line: paste the bank SMS of
// each payment, the fields fill in (the bank from the card BIN when the SMS does not say), submit, and the case
// opens with its payments and the 受理 countdown. Built web client, real server, fresh database, Debian's chromium.
let database: Database;
let app: App;
let url: string;
let browser: Browser;

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, 'Zw-e2e-Pass-2026');
  await seedOrg(database.db);
  app = await createApp({ db: database.db, config: { secureCookies: false, logLevel: 'silent' }, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** 'M月D日HH:mm' in China time, `min` minutes ago (the way a bank SMS writes it) */
function smsTime(min: number) {
  const d = new Date(Date.now() - min * 60_000 + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

describe('case intake on a phone', () => {
  it('an officer records a case with two payments from pasted bank SMS in well under three minutes', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url + '/login');
    await page.locator('#username').fill('officerA');
    await page.locator('#password').fill(USER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    const started = Date.now();
    await page.goto(url + '/cases/new');
    await page.getByTestId('victim-name').fill('李四');
    await page.getByTestId('victim-phone').fill('13900000001');
    await page.getByTestId('fraud-types').click();
    await page.keyboard.type('冒充公检法');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');

    // payment 1: the SMS names the account and the counterpart; the bank comes from the card BIN (工商银行 622202)
    await page
      .getByTestId('paste-0')
      .fill(
        `【中国农业银行】您尾号1234账户${smsTime(40)}网上银行支出(跨行汇款)30,000.00元，余额12.00元。对方户名：王五，对方账户：6222021234567890128。`,
      );
    await page.getByTestId('parse-0').click();
    await expect(page.getByTestId('hint-0').innerText()).resolves.toContain('金额');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="to-bank-0"]') as HTMLInputElement | null)?.value === '中国工商银行',
      null,
      { timeout: 10_000 },
    );
    // payment 2: a statement line with the bank in a column
    await page.getByTestId('add-payment').click();
    const now = new Date(Date.now() - 20 * 60_000 + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    await page.getByTestId('paste-1').fill(`${now},转账支出,-22000.00,12.00,赵六,6228480000000000000,中国农业银行`);
    await page.getByTestId('parse-1').click();
    await expect(page.getByTestId('to-account-1').inputValue()).resolves.toBe('6228480000000000000');
    await page.getByTestId('submit-case').click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 }).catch(async (e) => {
      throw new Error(
        `no case page: ${(await page.locator('.ant-form-item-explain-error, .ant-message').allInnerTexts()).join(' | ')} in ${(await page.locator('.ant-form-item-has-error label').allInnerTexts()).join(',')} (${e})`,
      );
    });
    await expect(page.getByTestId('case-stage').innerText()).resolves.toBe('接警');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(180_000);
    const payments = page.getByTestId('payments');
    await payments.getByText('中国工商银行').waitFor();
    await payments.getByText('中国农业银行').waitFor();
    expect(await payments.innerText()).toContain('30,000');
    expect(await payments.innerText()).toContain('22,000');
    await page.getByTestId('countdown').first().waitFor();
    await page.screenshot({ path: '/tmp/zhiwang-case-phone.png', fullPage: true });

    // the next step of the chain, on the phone
    await page.getByTestId('step-accepted').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="case-stage"]')?.textContent === '受理');

    // the list shows it with its countdown
    await page.goto(url + '/cases');
    await page.getByTestId('cases-table').getByText('¥52,000').waitFor();
    expect(errors).toEqual([]);
    console.log(`intake through the phone form: ${elapsed} ms`);
    await context.close();
  });
});
