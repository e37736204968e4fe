/**
 * The /dashboard page in a real browser (Debian's chromium driven by playwright-core): it loads
 * with only this server's scripts (CSP), draws its charts, and the numbers it shows are the API's
 * public figures; a signed-in bureau sees its own jurisdiction beside the nation, unsuppressed.
 * A screenshot is written to test-output/dashboard.png. Skipped, saying why, where there is no
 * chromium (install it with `apt-get install chromium`; .ci/run does).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`dashboard browser test skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

/** The page's globals, as the callbacks below see them in the browser (this file is compiled without the DOM library). */
type PageGlobals = { document: { body: { dataset: Record<string, string | undefined> } }; dashboardData: Record<string, unknown> };

type Row = { keys: { value: string | null }[]; values: { value: number | null; suppressed: boolean }[]; isTotal: boolean };

describe.skipIf(!available)('the dashboard page in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    const rng = randomFor(2026);
    // Guangdong: 6 demonstration and 7 advantage enterprises (published); Beijing: 2 demonstration
    // (hidden), Shanghai and Zhejiang 5 each (hidden with it: the smallest other cells, two of them so
    // that neither bureau, knowing its own, can subtract Beijing's).
    const titled = async (region: string, level: 'DEMONSTRATION' | 'ADVANTAGE', batchYear: number) => {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
      await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear, validFrom: `${batchYear}-09-26`, validUntil: `${batchYear + 3}-09-25` } as never);
    };
    for (let i = 0; i < 6; i++) await titled('440000', 'DEMONSTRATION', 2024);
    for (let i = 0; i < 7; i++) await titled('440000', 'ADVANTAGE', 2025);
    for (let i = 0; i < 5; i++) await titled('310000', 'DEMONSTRATION', 2025);
    for (let i = 0; i < 5; i++) await titled('330000', 'DEMONSTRATION', 2025);
    for (let i = 0; i < 2; i++) await titled('110000', 'DEMONSTRATION', 2025);
    base = await t.listen();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(token?: string) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text());
    });
    if (token) await page.addInitScript((t) => sessionStorage.setItem('ip-dashboard-token', t), token);
    const response = await page.goto(`${base}/dashboard`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForFunction(() => { const d = (globalThis as unknown as PageGlobals).document.body.dataset; return d.ready === 'true' || !!d.error; }, undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.error ?? null)).toBeNull();
    return { page, violations };
  }

  it('draws the public figures, the same numbers as the API', async () => {
    const { page, violations } = await open();
    const shown = (await page.evaluate(() => (globalThis as unknown as PageGlobals).dashboardData)) as {
      byRegion: { region: string; demonstration: number | null; advantage: number | null }[];
      designations: { year: string; key: string; value: number | null }[];
    };
    const api = (
      await t.ok<{ publicStatistics: { rows: Row[] } }>(`{ publicStatistics(query: { measures: [DEMONSTRATION_ENTERPRISES, ADVANTAGE_ENTERPRISES], dimensions: [REGION] }) { rows { isTotal keys { value } values { value suppressed } } } }`, {}, as.anonymous)
    ).publicStatistics.rows.filter((r) => !r.isTotal);
    expect(shown.byRegion).toHaveLength(37);
    for (const r of api) {
      const s = shown.byRegion.find((x) => x.region === r.keys[0]!.value)!;
      expect([s.demonstration, s.advantage]).toEqual([r.values[0]!.suppressed ? null : r.values[0]!.value, r.values[1]!.suppressed ? null : r.values[1]!.value]);
    }
    expect(shown.byRegion.find((x) => x.region === '440000')).toMatchObject({ demonstration: 6, advantage: 7 });
    expect(shown.byRegion.find((x) => x.region === '110000')!.demonstration).toBeNull();
    const designations = (
      await t.ok<{ publicStatistics: { rows: Row[] } }>(`{ publicStatistics(query: { measures: [DESIGNATIONS], dimensions: [YEAR, DESIGNATION_LEVEL] }) { rows { isTotal keys { value } values { value suppressed } } } }`, {}, as.anonymous)
    ).publicStatistics.rows.filter((r) => !r.isTotal);
    expect(shown.designations).toEqual(designations.map((r) => ({ year: r.keys[0]!.value, key: r.keys[1]!.value, value: r.values[0]!.suppressed ? null : r.values[0]!.value })));
    // The charts are drawn (a canvas each) and the tables say the same.
    expect(await page.locator('#byRegion canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#designations canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#byRegionTable tr', { hasText: '广东省' }).first().innerText()).toMatch(/广东省\s+6\s+7/);
    expect(violations).toEqual([]);
    const out = path.resolve('test-output');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: path.join(out, 'dashboard.png'), fullPage: true });
    console.log(`dashboard screenshot: ${path.join(out, 'dashboard.png')}`);
    await page.close();
  });

  it('a signed-in bureau sees its own figures beside the nation’s, unsuppressed', async () => {
    const { accessToken } = await t.login('PROVINCIAL_ADMIN', { regionCode: '110000' });
    const { page } = await open(accessToken);
    const compare = (await page.evaluate(() => (globalThis as unknown as PageGlobals).dashboardData.compare)) as { measure: string; region: number | null; national: number | null }[];
    // Beijing's 2 demonstration enterprises are hidden from the public, not from Beijing's own bureau.
    expect(compare.find((c) => c.measure === 'DEMONSTRATION_ENTERPRISES')).toMatchObject({ region: 2, national: 18 });
    expect(await page.locator('#compareTable').innerText()).toContain('北京市');
    await page.close();
  });
});
