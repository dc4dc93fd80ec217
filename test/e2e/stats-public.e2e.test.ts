import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { sql } from 'drizzle-orm';
import { createApp } from '../../server/app.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import { rebuildStats, shanghaiDay } from '../../server/modules/stats/index.ts';
import { configurePublic } from '../../server/modules/public/service.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { App } from '../../server/platform/http/app.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { createTestDatabase } from '../harness/db.ts';
import { ensureWebBuilt } from './web-build.ts';

// The figures and the front door in a real browser: a citizen reports a number on a phone-sized page (proof of
// work solved in the browser), the engine's event log has it, a check then answers 可疑; a leader opens the
// dashboard, drills into a figure, exports it, and prints the monthly report to PDF. axe-core (WCAG 2.1 A/AA)
// runs on every public page, the dashboard and the wall: 0 violations.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let database: Database;
let app: App;
let url: string;
let browser: Browser;
let org: TestOrg;
const rows = <T>(r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as T[];

beforeAll(async () => {
  const webDir = ensureWebBuilt();
  configurePublic({ difficulty: 8, reportsPerMinute: 100 });
  database = await createTestDatabase();
  await bootstrapAdmin(database.db, 'Zw-e2e-Pass-2026');
  org = await seedOrg(database.db);
  const today = shanghaiDay(Date.now());
  const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  for (const [id, unit, day, disp, loss] of [
    ['e1', org.stationA.id, today, 'dissuaded', null],
    ['e2', org.stationA.id, today, 'defrauded', 30000],
    ['e3', org.stationB.id, today, 'dissuaded', null],
    ['e4', org.stationA.id, lastYear, 'dissuaded', null],
  ] as const) {
    await database.db
      .execute(sql`insert into warnings (id, source, subject_key, subject, subject_phone, level, fraud_types, rule_hits, evidence_event_ids, status, unit_id, opened_at, closed_at, disposition)
      values (${id}, 'engine', ${'p:' + id}, '{"name":"李四","phone":"13900001111"}'::jsonb, '13900001111', 'high', '[{"code":"fake_investment","name":"虚假网络投资理财"}]'::jsonb, '[]'::jsonb, '[]'::jsonb,
        'closed', ${unit}, ${day + 'T01:00:00+08:00'}::timestamptz, ${day + 'T02:00:00+08:00'}::timestamptz, ${JSON.stringify({ disposition: disp, loss })}::jsonb)`);
  }
  await rebuildStats(database.db, lastYear.slice(0, 8) + '01', today);
  app = await createApp({ db: database.db, config: { secureCookies: false, logLevel: 'silent' }, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function axe(page: Page): Promise<string[]> {
  // evaluated through the devtools protocol, which the page's Content-Security-Policy (script-src 'self') does not govern
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  });
  return violations;
}

describe('public side at phone width', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' });
  });

  it('is reachable from the login page; report, check and education pages have no axe violations', async () => {
    await page.goto(url + '/login');
    await page.getByRole('link', { name: '我要举报' }).click();
    await page.waitForURL(/\/public\/report$/);
    await page.locator('#report_value').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto(url + '/public/check');
    await page.locator('#check_value').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto(url + '/public/education');
    await page.getByText('刷单返利').waitFor();
    expect(await axe(page)).toEqual([]);
  }, 60_000);

  it('a citizen reports a number; the engine receives it; a check then answers 可疑', async () => {
    await page.goto(url + '/public/report');
    await page.locator('#report_value').fill('+852 6123 9999');
    await page.locator('#report_description').fill('自称公安要求把钱转到安全账户');
    await page.locator('#report_contact').fill('13800009999');
    await page.locator('#report_consent').check();
    await page.getByRole('button', { name: '提交举报' }).click();
    await page.getByTestId('report-id').waitFor({ timeout: 30_000 });
    expect(await axe(page)).toEqual([]);
    const ev = rows<{ type: string }>(
      await database.db.execute(sql`select type from events where source = 'public.report'`),
    );
    expect(ev).toEqual([{ type: 'report' }]);
    await page.goto(url + '/public/check');
    await page.locator('#check_value').fill('0085261239999');
    await page
      .getByRole('button', { name: '查 询' })
      .or(page.getByRole('button', { name: '查询' }))
      .click();
    await expect.poll(async () => page.getByTestId('verdict').textContent(), { timeout: 10_000 }).toContain('可疑');
    expect(await axe(page)).toEqual([]);
  }, 90_000);
});

describe('dashboard', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    await page.goto(url + '/login');
    await page.locator('#username').fill('leader');
    await page.locator('#password').fill(USER_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('header-user').waitFor({ timeout: 15_000 });
  }, 60_000);

  it('shows this month against last year, drills into a figure and exports it; no axe violations', async () => {
    await page.goto(url + '/statistics');
    const card = page.locator('[data-kpi="dissuaded"]');
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('2');
    // money (order.updated), prevention coverage and the 两卡 snapshots (shown as 当前值) are on the dashboard
    for (const k of ['stopped_amount', 'frozen_amount', 'returned_amount', 'prevention_coverage', 'cards_controlled'])
      expect(await page.locator(`[data-kpi="${k}"]`).count()).toBe(1);
    expect(await page.locator('[data-kpi="cards_controlled"]').textContent()).toContain('当前值');
    expect(await axe(page)).toEqual([]);
    await page.locator('[data-kpi="defrauded"] button').click();
    const table = page.getByTestId('drill-table');
    await expect.poll(async () => table.textContent(), { timeout: 10_000 }).toContain('139****1111');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-drawer').getByRole('button', { name: /导出/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^drill-defrauded-.*\.xlsx$/);
  }, 90_000);

  it('the wall view has no axe violations', async () => {
    await page.goto(url + '/wall');
    await page.locator('[data-kpi="dissuaded"]').waitFor({ timeout: 15_000 });
    expect(await axe(page)).toEqual([]);
  }, 60_000);

  it('generates the weekly report and renders it to PDF', async () => {
    await page.goto(url + '/statistics');
    await page.getByRole('button', { name: /生成周报/ }).click();
    await page.getByRole('link', { name: '打开' }).first().click();
    await page.getByTestId('report-kpis').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('report-kpis').textContent()).toContain('劝阻人数');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
  }, 60_000);
});
