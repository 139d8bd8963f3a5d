/**
 * 实名认证 then 信息采集, in the browser: a registered, unverified candidate opens 信息采集, the
 * 实名认证 popup appears by itself, 支付宝扫码认证 is confirmed on the (simulated) Alipay page in a
 * second tab, the first tab shows 认证成功, and the saved 信息采集 is there after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';
import { residentIdNumber, signInUnverifiedCandidate } from './support/candidates';
import { fillInfoCollection } from './support/registration';

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

describe('实名认证 → 信息采集', () => {
  it('popup on 信息采集, 支付宝扫码认证 through the simulator, 认证成功, then 信息采集 saved and shown after a reload', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    const documentNumber = residentIdNumber();
    try {
      await page.goto(`${portal.urls.shell}/`);
      await signInUnverifiedCandidate(page, portal.urls.shell, documentNumber);

      // ── 信息采集 opens the 实名认证 popup by itself ──
      await page.goto(`${portal.urls.shell}/account/info`);
      const dialog = page.getByRole('dialog', { name: '实名认证' });
      await dialog.waitFor();
      const alipay = dialog.getByRole('button', { name: '支付宝扫码认证' });
      expect(await alipay.isDisabled()).toBe(true);
      await dialog.locator('[data-test="real-name-consent"]').click();
      await alipay.click();
      const link = dialog.locator('[data-test="real-name-certify-link"]');
      await link.waitFor();
      const certifyUrl = await link.getAttribute('href');
      expect(certifyUrl).toMatch(/^\/api\/identity-sim\/certify\?/);

      // ── the phone: the simulated Alipay page shows what the platform sent, masked ──
      const phone = await w.context.newPage();
      await phone.goto(`${portal.urls.shell}${certifyUrl}`);
      expect(await phone.locator('#sim-name').textContent()).toBe('王**');
      expect(await phone.locator('#sim-doc').textContent()).toMatch(new RegExp(`^${documentNumber.slice(0, 4)}\\*+${documentNumber.slice(-4)}$`));
      await phone.getByRole('button', { name: '确认(信息一致)' }).click();
      await phone.locator('#result').waitFor();
      await phone.close();

      // ── back on the portal: the panel polled its way to 认证成功 ──
      await dialog.locator('[data-test="real-name-success"]', { hasText: '认证成功' }).waitFor({ timeout: 15_000 });
      await dialog.getByRole('button', { name: '继续信息采集' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.locator('[data-test="profile-gate"]').waitFor({ state: 'detached' });

      // ── 信息采集 ──
      expect(await page.locator('[data-test="profile-birth-date"]').textContent()).toBe(
        `${documentNumber.slice(6, 10)}-${documentNumber.slice(10, 12)}-${documentNumber.slice(12, 14)}`,
      );
      await fillInfoCollection(page, { ethnicity: '回族', address: '北京市东城区东长安街1号', email: 'wangxm@example.com', school: '首都经济贸易大学', graduationDate: '2010-07-01' });

      // ── reload: what the server saved ──
      await page.reload();
      await page.locator('[data-test="profile-form"]').waitFor();
      await expect.poll(() => page.getByPlaceholder('请输入通讯地址').inputValue()).toBe('北京市东城区东长安街1号');
      expect(await page.getByPlaceholder('请输入电子邮箱').inputValue()).toBe('wangxm@example.com');
      expect(await page.getByPlaceholder('请输入毕业院校').inputValue()).toBe('首都经济贸易大学');
      expect(await page.getByPlaceholder('请选择毕业时间').inputValue()).toBe('2010-07-01');
      expect(await page.locator('[data-test="profile-ethnicity"]').textContent()).toContain('回族');
      expect(await page.getByRole('dialog', { name: '实名认证' }).isVisible()).toBe(false);

      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
