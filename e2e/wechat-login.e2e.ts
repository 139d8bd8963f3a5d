import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';

/** The demo candidate the portal seeds (gateway/src/modules/account/demo-candidate.ts). */
const DEMO = { documentNumber: '110105199003070017', password: 'Kuaiji#2026', maskedName: '张*' };

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

const viewerName = (page: Page) => page.locator('header [data-test="viewer-name"]');

/** Opens 会计人员登录 → 微信扫码登录 and returns the simulator link the "QR code" holds. */
async function showQrCode(page: Page): Promise<string> {
  await page.getByRole('tab', { name: '微信扫码登录' }).click();
  const link = page.locator('[data-test="wechat-sim-link"]');
  await link.waitFor();
  expect(await page.locator('[data-test="wechat-qr"]').textContent()).toContain('模拟器');
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/^\/api\/wechat-sim\/t\/[0-9a-f-]{36}$/);
  return href;
}

/** The phone: another browser (no cookies of the portal) scans the code and confirms as `openid`. */
async function confirmOnPhone(href: string, openid: string) {
  const phone = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await phone.newPage();
    await page.goto(`${portal.urls.shell}${href}`);
    await page.getByText('模拟器').waitFor();
    await page.locator('#openid').fill(openid);
    await page.getByRole('button', { name: '确认登录' }).click();
    await page.getByText('已确认登录').waitFor();
  } finally {
    await phone.close();
  }
}

async function captchaAnswer(page: Page): Promise<string> {
  const id = await page.locator('[data-test="wechat-bind"] img[data-captcha-id]').getAttribute('data-captcha-id');
  const outbox = (await (await fetch(`${portal.urls.shell}/dev/outbox`)).json()) as { captchas: Array<{ id: string; answer: string }> };
  const captcha = outbox.captchas.find((c) => c.id === id);
  expect(captcha, `captcha ${id} in the dev outbox`).toBeDefined();
  return captcha!.answer;
}

describe('微信扫码登录 in Chromium', () => {
  it('binds a new WeChat user to the demo account, then signs in by WeChat alone after 退出', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    const openid = `o_e2e_${randomBytes(6).toString('hex')}`;
    try {
      // ── first time: scan, confirm, 绑定已有账号 ──
      await page.goto(`${portal.urls.shell}/account/login`);
      const first = await showQrCode(page);
      await expect.poll(() => page.locator('[data-test="wechat-status"]').textContent()).toBe('请使用微信扫一扫登录');
      await confirmOnPhone(first, openid);

      const bindForm = page.locator('[data-test="wechat-bind"]');
      await bindForm.locator('img[data-captcha-id]').waitFor();
      await bindForm.getByPlaceholder('请输入证件号码或手机号').fill(DEMO.documentNumber);
      await bindForm.getByPlaceholder('请输入密码').fill(DEMO.password);
      await bindForm.getByPlaceholder('请输入验证码').fill(await captchaAnswer(page));
      await page.getByRole('button', { name: '绑定并登录' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => viewerName(page).textContent()).toBe(DEMO.maskedName);

      // ── 退出 ──
      await page.locator('header').getByRole('button', { name: '退出' }).click();
      await viewerName(page).waitFor({ state: 'detached' });

      // ── again: the bound WeChat user signs in on confirmation, nothing to type ──
      await page.locator('header').getByRole('link', { name: '会计人员登录', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/account/login');
      const second = await showQrCode(page);
      expect(second).not.toBe(first);
      await confirmOnPhone(second, openid);
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => viewerName(page).textContent()).toBe(DEMO.maskedName);

      // The code of the first sign-in is spent: replaying its confirmation is refused.
      const replay = await fetch(`${portal.urls.shell}${first}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'confirm', openid }).toString(),
      });
      expect(await replay.text()).toContain('二维码已使用');

      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
