import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { createApp } from '../../server/app.ts';
import { createDetectionRuntime, type DetectionRuntime } from '../../server/modules/detection/runtime.ts';
import { wireDetection } from '../../server/modules/dissuasion/runtime.ts';
import { startPeers } from '../harness/dissuasion.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { Client } from '../harness/server.ts';
import { ensureWebBuilt } from './web-build.ts';

// One warning from an ingested partner event to 劝阻成功, clicked through as a station officer would, over the
// real stack: ingest → detection → dissuasion (voice gateway + SMSC simulators on localhost) → the web client.
const ADMIN_PASSWORD = 'Zw-e2e-Pass-2026';
const PHONE = '13800000001'; // the voice simulator answers "busy" for numbers ending 0001 (seed 004)

let database: Database;
let app: App;
let url: string;
let browser: Browser;
let detection: DetectionRuntime;
let peers: Awaited<ReturnType<typeof startPeers>>;
let org: TestOrg;

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  peers = await startPeers();
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, ADMIN_PASSWORD);
  org = await seedOrg(database.db);
  app = await createApp({
    db: database.db,
    config: { secureCookies: false, logLevel: 'silent' },
    webDir,
    dissuasion: { channels: peers.channels, pollMs: 200, webhookAllowPrivate: true },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  detection = createDetectionRuntime({ db: database.db, pollMs: 50 });
  wireDetection(app.dissuasion, detection);
  await detection.start();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await detection?.stop();
  await app?.close();
  await database?.close();
  await peers?.stop();
});

async function signIn(page: Page, username: string) {
  await page.goto(url + '/');
  await page.waitForURL(/\/login$/);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(USER_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor({ timeout: 15_000 }); // on a phone the side menu is folded away
}

describe('dissuasion in the browser', () => {
  it('an ingested bank alert becomes a 高 warning, busy on the call, dispatched; the officer signs, visits and closes 劝阻成功; follow-ups are scheduled', async () => {
    const analyst = new Client(url);
    expect((await analyst.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD })).status).toBe(
      200,
    );
    expect(
      (await analyst.post('/api/v1/residents', { name: '韦某某', phone: PHONE, unitId: org.gridA.id })).status,
    ).toBe(201);
    const admin = new Client(url);
    await admin.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const tok = await admin.post('/api/v1/tokens', { name: '建行河池', scopes: ['events:write'] });
    const bank = new Client(url).withBearer(tok.body.token);
    const ev = await bank.post('/api/v1/events', [
      {
        id: 'e2e-wei-1',
        source: 'bank.ccb',
        type: 'alert',
        occurredAt: new Date().toISOString(),
        subject: { phone: PHONE, name: '韦某某' },
        partnerKind: 'bank',
        unit: '建设银行金城江支行',
        note: '客户坚持转账110万元给"公检法"安全账户',
        amount: 1_100_000,
      },
    ]);
    expect(ev.body.accepted).toBe(1);

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    }); // a phone
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'officerA');
    await page.goto(url + '/warnings/inbox');
    // the auto-call comes back busy → dispatched to 金城江派出所: the card appears with 签收
    const card = page.locator('[data-warning]').first();
    await card.locator('[data-action="sign"]').waitFor({ timeout: 20_000 });
    expect(await card.locator('[data-status]').getAttribute('data-status')).toBe('dispatched');
    await card.locator('[data-action="sign"]').click();
    await card.locator('[data-action="start_visit"]').waitFor();
    await card.locator('[data-action="start_visit"]').click();
    await card.locator('[data-status="visiting"]').waitFor();
    await card.locator('[data-action="close"]').click();
    const modal = page.getByRole('dialog');
    await modal.waitFor();
    await modal.getByText('劝阻成功').click();
    await modal.getByLabel('避免损失（元）').fill('1100000');
    for (const item of ['查看通话记录', '查看转账记录', '询问是否已转账', '保护资金（止付）'])
      await modal.getByText(item).click();
    await modal.getByLabel('备注').fill('上门见面，确认未转账，已劝阻');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('[data-warning]').first().waitFor({ state: 'detached', timeout: 10_000 }); // closed warnings leave the inbox

    const list = await analyst.get(`/api/v1/warnings?phone=${PHONE}`);
    const id = list.body.items[0].id as string;
    expect(list.body.items[0].status).toBe('closed');
    await page.goto(`${url}/warnings/${id}`);
    await page.locator('[data-status="closed"]').waitFor({ timeout: 10_000 });
    const followups = page.getByTestId('followups');
    await followups.locator('[data-followup-day]').first().waitFor();
    const days = await followups
      .locator('[data-followup-day]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-followup-day'))));
    expect(days).toEqual([1, 7, 30, 60, 90]);
    // why it landed here: the registry grid's station
    await page.getByTestId('route').locator('[data-via="resident_grid"]').waitFor();
    // the person masked, then in full after stating a purpose (audited with it)
    const subject = page.getByTestId('subject');
    expect(await subject.locator('[data-field="name"]').textContent()).toBe('韦*某');
    await subject.locator('[data-action="unmask"]').click();
    const ask = page.getByRole('dialog');
    await ask.getByTestId('purpose-input').fill('回访前核实对象身份');
    await ask.locator('.ant-modal-footer .ant-btn-primary').click();
    await subject.locator('[data-field="name"]', { hasText: '韦某某' }).waitFor({ timeout: 10_000 });
    expect(await subject.locator('[data-field="phone"]').textContent()).toBe(PHONE);
    await page.screenshot({ path: '/tmp/zhiwang-dissuasion-detail.png', fullPage: true });
    const trail = (await admin.get(`/api/v1/audit?entityId=${id}&action=view_unmasked`)).body.items;
    expect(trail[0]).toMatchObject({ actorName: 'officerA', purpose: '回访前核实对象身份' });

    const wf = (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body;
    expect(wf.transitions.filter((t: { ok: boolean }) => t.ok).map((t: { command: string }) => t.command)).toEqual([
      'create',
      'start_auto_contact',
      'auto_contact_result',
      'sign',
      'start_visit',
      'close',
    ]);
    expect(wf.attempts.find((a: { channel: string }) => a.channel === 'voice').outcome).toBe('busy');
    expect(wf.attempts.find((a: { channel: string }) => a.channel === 'visit').record.checklist).toMatchObject({
      checkCalls: true,
      protectFunds: true,
    });
    expect((await analyst.get(`/api/v1/warnings/${id}`)).body.disposition).toMatchObject({
      disposition: 'dissuaded',
      lossAvoided: 1100000,
    });
    expect(errors).toEqual([]);
  });

  it("the centre sets a unit's duty officer and group robot webhook from the board", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'analyst');
    await page.goto(url + '/warnings');
    await page.locator('[data-action="notify-settings"]').click();
    const drawer = page.locator('.ant-drawer');
    // the analyst's own unit (the city) is preselected; pick station A instead
    await drawer.getByTestId('notify-unit').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '金城江派出所' }).first().click();
    await drawer.getByTestId('notify-duty').click();
    await page.locator('.ant-select-item-option', { hasText: 'officerA' }).click();
    await drawer.getByTestId('notify-webhook').fill('http://127.0.0.1:9/robot');
    await drawer.locator('[data-action="save-notify"]').click();
    const analyst = new Client(url);
    await analyst.post('/api/v1/auth/login', { username: 'analyst', password: USER_PASSWORD });
    const saved = await (async () => {
      for (let i = 0; i < 50; i++) {
        const r = (await analyst.get(`/api/v1/units/${org.stationA.id}/notification-settings`)).body;
        if (r.dutyUserName) return r;
        await new Promise((res) => setTimeout(res, 100));
      }
      return null;
    })();
    expect(saved).toMatchObject({ dutyUserName: 'officerA', webhookUrl: 'http://127.0.0.1:9/robot' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
