import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';
import { residentIdNumber } from './support/candidates';

/** U+20000, the first character of CJK Extension B: two UTF-16 code units. */
const EXT_B = '\u{20000}';
const PASSWORD = 'Abcd1234';

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

interface Outbox {
  sms: Array<{ phone: string; purpose: string; code: string | null; sentAt: string }>;
  captchas: Array<{ id: string; answer: string }>;
}

/** The gateway's dev outbox, through the shell's proxy as a developer's browser would reach it. */
async function outbox(phone?: string): Promise<Outbox> {
  const response = await fetch(`${portal.urls.shell}/dev/outbox${phone ? `?phone=${phone}` : ''}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Outbox;
}

async function smsCode(phone: string, purpose: string): Promise<string> {
  let code: string | null | undefined;
  await expect
    .poll(async () => {
      code = (await outbox(phone)).sms.find((m) => m.purpose === purpose)?.code;
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code!;
}

/** The answer of the captcha the login page shows now (the page names its id on the image). */
async function captchaAnswer(page: Page): Promise<{ id: string; answer: string }> {
  const id = await page.locator('img[data-captcha-id]').getAttribute('data-captcha-id');
  const captcha = (await outbox()).captchas.find((c) => c.id === id);
  expect(captcha, `captcha ${id} in the dev outbox`).toBeDefined();
  return captcha!;
}

const viewerName = (page: Page) => page.locator('header [data-test="viewer-name"]');

describe('account: 注册, 退出, 会计人员登录', () => {
  it('registers a candidate whose name holds 𠀀 entered through the 生僻字 picker, signs out and in again', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    const idNumber = residentIdNumber();
    const phone = `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
    try {
      // ── 注册 ──
      await page.goto(`${portal.urls.shell}/account/register`);
      await page.getByText('新用户注册').waitFor();
      await expect.poll(() => page.locator('[data-test="document-type"]').textContent()).toContain('内地居民身份证');
      await page.getByPlaceholder('请输入证件号码').fill(idNumber);

      const nameInput = page.getByPlaceholder('请输入真实姓名');
      await nameInput.fill('张');
      await page.getByRole('button', { name: '生僻字', exact: true }).click();
      const picker = page.getByRole('dialog', { name: '生僻字录入' });
      await picker.waitFor();
      await picker.getByRole('tab', { name: '编码' }).click();
      await picker.getByPlaceholder(/输入编码/).fill('U+20000');
      await picker.getByPlaceholder(/输入编码/).press('Enter');
      const cell = picker.locator('[data-code-point="U+20000"]');
      await expect.poll(() => cell.textContent()).toContain('U+20000');
      await cell.click();
      await picker.getByRole('button', { name: '完成' }).click();
      await picker.waitFor({ state: 'hidden' });
      const name = await nameInput.inputValue();
      expect(name).toBe(`张${EXT_B}`);
      expect([...name].map((c) => c.codePointAt(0)!.toString(16))).toEqual(['5f20', '20000']);

      await page.getByPlaceholder('请输入密码').fill(PASSWORD);
      await page.getByPlaceholder('请再次输入密码').fill(PASSWORD);
      await page.getByPlaceholder('请输入手机号').fill(phone);
      await page.getByRole('button', { name: '免费获取验证码' }).click();
      // The button counts the gateway's 180 s down.
      await expect.poll(() => page.locator('[data-test="send-sms-code"]').textContent()).toMatch(/\d+秒后重新获取/);
      await page.getByPlaceholder('请输入短信验证码').fill(await smsCode(phone, 'REGISTER'));
      await page.getByRole('button', { name: '注册', exact: true }).click();

      // Signed in at once: home page, masked name in the top bar.
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => viewerName(page).textContent()).toBe('张*');

      // ── 退出 ──
      await page.locator('header').getByRole('button', { name: '退出' }).click();
      await viewerName(page).waitFor({ state: 'detached' });
      // The server session ended too, not only the page's state.
      const me = await page.evaluate(async () => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        return ((await response.json()) as { data: { me: unknown } }).data.me;
      });
      expect(me).toBeNull();

      // ── 会计人员登录: a wrong password first ──
      await page.locator('header').getByRole('link', { name: '会计人员登录', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/account/login');
      await page.locator('img[data-captcha-id]').waitFor();
      const first = await captchaAnswer(page);
      await page.getByPlaceholder('请输入证件号码或手机号').fill(idNumber);
      await page.getByPlaceholder('请输入密码').fill('Wrong-pass1');
      await page.getByPlaceholder('请输入验证码').fill(first.answer);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      // One message whether the account exists or not (the platform's error display).
      await page.locator('.el-message--error', { hasText: '证件号码/手机号或密码错误' }).waitFor();
      expect(page.url()).toContain('/account/login');
      // The used captcha was replaced.
      await expect.poll(() => page.locator('img[data-captcha-id]').getAttribute('data-captcha-id')).not.toBe(first.id);

      // ── and then the right one ──
      const second = await captchaAnswer(page);
      await page.getByPlaceholder('请输入密码').fill(PASSWORD);
      await page.getByPlaceholder('请输入验证码').fill(second.answer);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => viewerName(page).textContent()).toBe('张*');
      await expect.poll(() => page.locator('header').textContent()).toContain('退出');

      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
