import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goViaTopBar, launchBrowser, openWatchedPage, startPortal, type Portal, type WatchedPage } from './support/portal';

// One broken micro-frontend (missing, too slow, throwing while it mounts) shows an error card with
// 重试 in its own area, is reported once (console and POST /api/client-errors), and the top bar and
// the other areas keep working.

const APP = '@ccap/mf-exam';
const REPORT_ENDPOINT = '/api/client-errors';

let portal: Portal;
let browser: Browser;
/** The deployed URL of mf-exam, from the environment's import map. */
let examEntry: string;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
  examEntry = JSON.parse(readFileSync(join(portal.deployDir, 'importmap.json'), 'utf8')).imports[APP];
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** The client error reports the page sent, as the browser sent them. */
function reportsSent(w: WatchedPage) {
  return w.requests
    .filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === REPORT_ENDPOINT)
    .map((r) => r.postDataJSON() as Record<string, unknown>);
}

const portalLogLines = (w: WatchedPage) => w.consoleErrors.filter((line) => line.startsWith('[ccap]'));

/** Opens /exam and checks everything point 4 promises for a failure of `kind`. */
async function expectIsolatedFailure(w: WatchedPage, kind: string, message: RegExp) {
  const { page } = w;
  const card = page.locator(`main [data-ccap-app-error="${APP}"]`);
  await card.waitFor();
  expect(await card.textContent()).toContain('该模块暂时无法加载');
  expect(await card.getByRole('button', { name: '重试' }).isVisible()).toBe(true);

  await expect.poll(() => reportsSent(w)).toHaveLength(1);
  const [report] = reportsSent(w);
  expect(Object.keys(report!).sort()).toEqual(['app', 'at', 'kind', 'message', 'url']);
  expect(report).toMatchObject({ app: APP, kind, url: `${portal.urls.shell}/exam` });
  expect(report!.message).toMatch(message);
  expect(Date.now() - Date.parse(String(report!.at))).toBeLessThan(60_000);
  expect(portalLogLines(w)).toHaveLength(1);
  expect(portalLogLines(w)[0]).toContain(APP);

  // The top bar and the other areas keep working; coming back shows the card again, not a new report.
  expect(await page.locator('header').textContent()).toContain('全国会计人员统一服务管理平台');
  await goViaTopBar(w, '网上缴费', '/payment');
  await page.getByText('请先登录后再进行网上缴费').waitFor();
  await goViaTopBar(w, '注册', '/account/register');
  await expect.poll(() => page.locator('body').textContent()).toContain('内地居民身份证');
  await goViaTopBar(w, '会计专业技术资格考试', '/exam');
  await card.waitFor();
  expect(reportsSent(w)).toHaveLength(1);
  expect(portalLogLines(w)).toHaveLength(1);
  expect(w.consoleErrors.filter((line) => line.startsWith('pageerror'))).toEqual([]);
}

describe('a failing micro-frontend stays in its area', () => {
  it('missing (404): error card, report kind load', async () => {
    const w = await openWatchedPage(browser);
    const missing = examEntry.replace(/\/mf-exam\/[^/]+\//, '/mf-exam/0.0.0-missing/');
    await w.context.addInitScript(([key, url]) => localStorage.setItem(key!, url!), [`import-map-override:${APP}`, missing]);
    try {
      await w.page.goto(`${portal.urls.shell}/exam`);
      await expectIsolatedFailure(w, 'load', /mf-exam/);
      expect(portal.frontendRequests).toContainEqual({ server: 'mf-exam', method: 'GET', path: new URL(missing).pathname, status: 404 });
    } finally {
      await w.context.close();
    }
  });

  it('slower than the load timeout: error card, report kind timeout; its late arrival breaks nothing and 重试 mounts it', async () => {
    const w = await openWatchedPage(browser);
    await w.context.addInitScript(() => localStorage.setItem('ccap:load-timeout-ms', '1500'));
    // Held until the card shows: index.html preloads the area's micro-frontend while the shell boots,
    // so a fixed delay would be spent before the load even starts. (The held preload also holds the
    // page's load event, hence domcontentloaded.)
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let released = false;
    await w.context.route(examEntry, async (route) => {
      await held;
      released = true;
      await route.continue();
    });
    try {
      const arrived = w.page.waitForEvent('requestfinished', { predicate: (r) => r.url() === examEntry, timeout: 20_000 });
      await w.page.goto(`${portal.urls.shell}/exam`, { waitUntil: 'domcontentloaded' });
      await w.page.locator(`main [data-ccap-app-error="${APP}"]`).waitFor();
      expect(released).toBe(false);
      release();
      await arrived;
      await expectIsolatedFailure(w, 'timeout', /1500 ms/);

      await w.page.getByRole('button', { name: '重试' }).click();
      await w.page.getByText('2026年全国会计专业技术资格考试(初级)').waitFor();
      expect(w.consoleErrors.filter((line) => line.startsWith('pageerror'))).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('throws while mounting: error card, report kind mount', async () => {
    const w = await openWatchedPage(browser);
    await w.context.route(examEntry, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/javascript',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: [
          'export async function bootstrap() {}',
          "export async function mount() { throw new Error('考试模块启动时出错(测试)'); }",
          'export async function unmount() {}',
        ].join('\n'),
      }),
    );
    try {
      await w.page.goto(`${portal.urls.shell}/exam`);
      await expectIsolatedFailure(w, 'mount', /考试模块启动时出错\(测试\)/);
    } finally {
      await w.context.close();
    }
  });
});
