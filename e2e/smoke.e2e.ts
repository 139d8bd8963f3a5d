import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goViaTopBar, launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';

const SHARED_LIBRARIES = [
  '/vue.runtime.esm-browser.prod.js',
  '/vue-router.esm-browser.prod.js',
  '/pinia.esm-browser.prod.js',
  '/element-plus@', // index.full.min.mjs and index.css
  '/single-spa.min.js',
  '/platform/',
];

const PAYMENT_SIGNED_OUT = '请先登录后再进行网上缴费';

let portal: Portal;
let browser: Browser;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe('walking skeleton', () => {
  it('visits every area through the top bar with real content, no console errors, shared libraries fetched once', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    await page.goto(`${portal.urls.shell}/`);
    await expect.poll(() => page.locator('header').textContent()).toContain('全国会计人员统一服务管理平台');
    // Home: the platform's entry points.
    for (const entry of ['会计人员登录', '注册', '会计专业技术资格考试']) {
      await expect.poll(() => page.getByText(entry, { exact: true }).count()).toBeGreaterThan(0);
    }

    await goViaTopBar(w, '注册', '/account/register');
    // The 证件类型 options come from the gateway's documentTypes query.
    await page.getByText('证件类型', { exact: true }).first().waitFor();
    await expect.poll(() => page.locator('body').textContent()).toContain('内地居民身份证');

    await goViaTopBar(w, '会计专业技术资格考试', '/exam');
    await page.getByText('2026年全国会计专业技术资格考试(初级)').waitFor();
    await page.getByRole('button', { name: '进入' }).first().click();
    await page.waitForURL(/\/exam\/[0-9a-f-]{36}/);
    await page.getByText('大连市').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '点击进入' }).count()).toBe(37);

    await goViaTopBar(w, '网上缴费', '/payment');
    // Signed out, the payment area asks the gateway for payable applications and shows its answer.
    await page.getByText(PAYMENT_SIGNED_OUT).waitFor();
    expect(w.requests.some((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('MyPayableApplications'))).toBe(true);

    await goViaTopBar(w, '会计人员登录', '/account/login');
    await page.getByRole('button', { name: '登录' }).waitFor();

    expect(w.consoleErrors).toEqual([]);
    for (const lib of SHARED_LIBRARIES) {
      const urls = w.requests.filter((r) => r.url().includes(lib)).map((r) => r.url());
      expect(urls.length, `${lib} fetched ${urls.length} times`).toBeGreaterThan(0);
      expect(new Set(urls).size, `${lib}: ${urls.join(', ')}`).toBe(urls.length);
    }
    await w.context.close();
  });

  it('shows an error card with 重试 where a micro-frontend fails to load, while the rest keeps working', async () => {
    await portal.frontends.stop('mf-exam');
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/exam`);
      await page.getByText('该模块暂时无法加载').waitFor();
      await page.getByRole('button', { name: '重试' }).waitFor();
      expect(await page.locator('header').textContent()).toContain('全国会计人员统一服务管理平台');

      await goViaTopBar(w, '网上缴费', '/payment');
      await page.getByText(PAYMENT_SIGNED_OUT).waitFor();
      await goViaTopBar(w, '注册', '/account/register');
      await expect.poll(() => page.locator('body').textContent()).toContain('内地居民身份证');

      await portal.frontends.start('mf-exam');
      await goViaTopBar(w, '会计专业技术资格考试', '/exam');
      await page.getByRole('button', { name: '重试' }).click();
      await page.getByText('2026年全国会计专业技术资格考试(初级)').waitFor();
    } finally {
      await portal.frontends.start('mf-exam');
      await w.context.close();
    }
  });
});
