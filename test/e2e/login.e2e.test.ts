import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import { LOCKOUT } from '../../server/modules/users/rules.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// The whole stack as a user meets it: the built web client served by the real server over a fresh database,
// driven through Debian's chromium.
// Own admin password: the harness's ADMIN_PASSWORD contains "admin", which the password policy now rejects.
const ADMIN_PASSWORD = 'Zw-e2e-Pass-2026';
// The administrator runs the system, not cases: warnings (personal data) are not in their menu; officers see them.
const MENU_ZH = ['宣防', '系统管理'];

let database: Database;
let app: App;
let url: string;
let browser: Browser;

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, ADMIN_PASSWORD);
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

async function newPage(viewport = { width: 1366, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(url + '/');
  await page.waitForURL(/\/login$/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('web client', () => {
  it('logs in through the form and shows the home page with the Chinese menu, then switches to English', async () => {
    const page = await newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await expect(page.getByTestId('welcome').textContent({ timeout: 15_000 })).resolves.toContain('系统管理员');

    const menu = page.getByTestId('side-menu');
    // the entries follow the permissions from /auth/me: wait for one before reading the rest
    await menu.getByText('系统管理', { exact: true }).waitFor();
    const menuText = await menu.innerText();
    for (const label of MENU_ZH) expect(menuText).toContain(label);
    expect(menuText).not.toContain('警情预警');
    expect(menuText).not.toContain('研判分析'); // no indicators, rules or graph for the admin: no empty 建设中 entry either
    expect(menuText).not.toContain('案件'); // cases: police roles only (cases:read)
    expect(await page.getByTestId('header-user').innerText()).toContain('系统管理员');
    expect(await page.getByTestId('header-unit').innerText()).not.toBe('');
    expect(await page.evaluate(() => document.title)).toBe('织网 Zhiwang');
    await page.screenshot({ path: '/tmp/zhiwang-home.png', fullPage: true });

    await page.getByTestId('lang-switch').click();
    await menu.getByText('Administration', { exact: true }).waitFor();
    expect(await menu.innerText()).not.toContain('系统管理');
    await page.screenshot({ path: '/tmp/zhiwang-home-en.png' });

    // the choice survives a reload (localStorage), and the session cookie keeps the user signed in
    await page.reload();
    await menu.getByText('Administration', { exact: true }).waitFor();
    await page.getByTestId('lang-switch').click();
    await menu.getByText('系统管理', { exact: true }).waitFor();
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('shows admin pages backed by the real API', async () => {
    const page = await newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('welcome').waitFor();

    await page.goto(url + '/admin/users');
    await page.locator('.ant-table-row', { hasText: 'admin' }).first().waitFor();
    await page.goto(url + '/admin/units');
    const tree = page.getByTestId('unit-tree');
    await tree.locator('.ant-tree-treenode').first().waitFor();
    // a province under the platform root: the GB/T 2260 code alone is enough, the official name is filled in
    await page.locator('#unitCreate_kind').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: /^省$/ }).click();
    await page.locator('#unitCreate_code').fill('330000');
    await page.getByTestId('unit-create').click();
    await tree.getByText('浙江省', { exact: false }).waitFor();
    await page.locator('.ant-card-head', { hasText: '浙江省' }).waitFor();
    await page.screenshot({ path: '/tmp/zhiwang-units.png' });
    // a partner token: shown once, then only its prefix; revoking it needs a confirmation
    await page.goto(url + '/admin/tokens');
    await page.getByRole('button', { name: /新建令牌/ }).click();
    await page.locator('#token_name').fill('工商银行接口');
    await page.locator('#token_unitId').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: '浙江省' })
      .click();
    await page.getByRole('checkbox', { name: /读取预警/ }).check();
    await page
      .locator('.ant-modal', { hasText: '新建令牌' })
      .getByRole('button', { name: /新\s*建/ })
      .click();
    const token = await page.getByTestId('once-secret').inputValue();
    expect(token.length).toBeGreaterThan(20);
    await page
      .locator('.ant-modal', { hasText: '只显示这一次' })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    const tokenRow = page.locator('.ant-table-row', { hasText: '工商银行接口' });
    await tokenRow.waitFor();
    const prefix = (await tokenRow.locator('code').first().innerText()).replace('…', '');
    expect(token.startsWith(prefix)).toBe(true);
    expect(await tokenRow.innerText()).not.toContain(token);
    await tokenRow.getByRole('button', { name: /吊\s*销/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await tokenRow.getByText('已吊销').waitFor();

    await page.goto(url + '/admin/audit');
    // the admin's own login is in the audit log, in words (登录, not the code), among people's rows only: the
    // platform's own rows (ingest, timers) have their own view
    const loginRow = page.locator('.ant-table-row', { has: page.locator('[data-action-code="login"]') }).first();
    await loginRow.waitFor();
    expect(await loginRow.locator('[data-action-code]').innerText()).toBe('登录');
    const kinds = await page
      .locator('[data-actor-kind]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-actor-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['user']));
    await page.getByTestId('audit-kind').getByText('系统自动').click();
    await page.locator('.ant-table-row [data-actor-kind="user"]').first().waitFor({ state: 'detached' });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.xlsx$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK'); // an xlsx is a zip
    await page.screenshot({ path: '/tmp/zhiwang-audit.png' });
    await page.context().close();
  });

  it('rejects a wrong password with a message and stays on the login page', async () => {
    const page = await newPage();
    await signIn(page, 'admin', 'not-the-password-1');
    await expect(page.getByTestId('login-error').innerText()).resolves.toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.screenshot({ path: '/tmp/zhiwang-login.png' });
    await page.context().close();
  });

  it('makes a new user change the temporary password first, on a phone-sized screen', async () => {
    const admin = new Client(url);
    expect((await admin.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(200);
    const units = await admin.get<{ items: { id: string; code: string | null }[] }>('/api/v1/units');
    let parentId = units.body.items.find((u) => u.code === '330000')!.id; // created through the UI above, stored in six digits
    for (const unit of [
      { kind: 'city', code: '3301' },
      { kind: 'district', code: '330106' },
      { kind: 'station', name: '西湖派出所' },
    ]) {
      const res = await admin.post<{ id: string }>('/api/v1/units', { parentId, ...unit });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      parentId = res.body.id;
    }

    // the admin creates the officer in the users drawer and reads the temporary password from the one-time modal
    const adminPage = await newPage();
    await signIn(adminPage, 'admin', ADMIN_PASSWORD);
    await adminPage.getByTestId('welcome').waitFor();
    await adminPage.goto(url + '/admin/users');
    await adminPage.getByRole('button', { name: /新建用户/ }).click();
    await adminPage.locator('#user_username').fill('li.wei');
    await adminPage.locator('#user_displayName').fill('李伟');
    await adminPage.locator('#user_role').click();
    await adminPage.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '派出所民警' }).click();
    await adminPage.locator('#user_unitId').click();
    await adminPage
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper', { hasText: '西湖派出所' })
      .click();
    await adminPage.getByTestId('user-save').click();
    const temporaryPassword = await adminPage.getByTestId('once-secret').inputValue();
    await adminPage.screenshot({ path: '/tmp/zhiwang-users.png' });
    await adminPage.context().close();
    const created = { body: { temporaryPassword } };

    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, 'li.wei', created.body.temporaryPassword);
    await page.getByText('修改密码').first().waitFor();
    const inputs = page.locator('input[type="password"]');
    await inputs.nth(0).fill(created.body.temporaryPassword);
    await inputs.nth(1).fill('New-pass-2026!');
    await inputs.nth(2).fill('New-pass-2026!');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByTestId('welcome').textContent({ timeout: 15_000 })).resolves.toContain('李伟');
    // a station officer sees no administration menu
    await page.getByRole('button', { name: 'menu' }).click();
    await page.getByTestId('side-menu').getByText('警情预警').waitFor();
    await page.waitForTimeout(400); // the sider slides in
    const menuText = await page.getByTestId('side-menu').innerText();
    expect(menuText).toContain('警情预警');
    expect(menuText).not.toContain('系统管理');
    await page.screenshot({ path: '/tmp/zhiwang-mobile.png' });
    await page.context().close();
  });

  it('shows residents masked and unmasks one only after the officer states a purpose, which is audited', async () => {
    const officer = new Client(url);
    expect((await officer.post('/api/v1/auth/login', { username: 'li.wei', password: 'New-pass-2026!' })).status).toBe(
      200,
    );
    const me = await officer.get<{ user: { unitId: string } }>('/api/v1/auth/me');
    const created = await officer.post(
      '/api/v1/residents',
      {
        name: '王秀英',
        idNumber: '11010519491231002X',
        phone: '13800138000',
        address: '杭州市西湖区文三路 100 号',
        unitId: me.body.user.unitId,
        birthYear: 1949,
      },
      { 'X-Purpose': encodeURIComponent('e2e 登记') },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await newPage();
    await signIn(page, 'li.wei', 'New-pass-2026!');
    await page.getByTestId('welcome').waitFor();
    await page.goto(url + '/prevention/residents');
    const row = page.locator('.ant-table-row').first();
    await row.waitFor();
    expect(await row.innerText()).not.toContain('13800138000');
    expect(await row.innerText()).toContain('****');

    await row.getByRole('button', { name: /查看完整信息/ }).click();
    await page.getByTestId('purpose-input').fill('核查冒充客服诈骗预警');
    await page
      .locator('.ant-modal', { hasText: '查询事由' })
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const detail = page.locator('.ant-modal', { hasText: '王秀英' });
    await detail.getByText('13800138000').waitFor();
    await page.waitForTimeout(500); // let the modals finish animating for the screenshot
    await page.screenshot({ path: '/tmp/zhiwang-residents.png' });

    const admin = new Client(url);
    await admin.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const log = await admin.get<{ items: { action: string; purpose: string | null }[] }>(
      '/api/v1/audit?entityType=resident&pageSize=50',
    );
    expect(log.body.items.some((r) => r.action === 'view_unmasked' && r.purpose === '核查冒充客服诈骗预警')).toBe(true);
    await page.context().close();
  });

  it('tells a locked-out user for how many minutes', async () => {
    const page = await newPage();
    await page.goto(url + '/login');
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      await page.locator('#username').fill('li.wei');
      await page.locator('#password').fill(`wrong-password-${i}`);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByTestId('login-submit').click();
      expect((await answered).status()).toBe(i < LOCKOUT.maxFailures - 1 ? 401 : 429);
    }
    const error = page.getByTestId('login-error');
    await error.getByText('分钟后再试', { exact: false }).waitFor();
    expect(await error.innerText()).toContain(`${LOCKOUT.lockMinutes} 分钟`);
    await page.context().close();
  });
});
