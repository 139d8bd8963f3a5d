import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal, type WatchedPage } from './support/portal';
import { registerCandidate } from './support/registration';

let portal: Portal;
let browser: Browser;
let db: pg.Client;

beforeAll(async () => {
  portal = await startPortal();
  browser = await launchBrowser();
  db = new pg.Client({ connectionString: portal.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await browser?.close();
  await portal?.stop();
});

/**
 * A candidate registered (and so signed in) in the page's browser through the API with the dev outbox
 * SMS code, holding an APPROVED 北京市 中级 application inserted in the database: the registration and
 * review screens are covered by exam-registration.e2e.ts.
 */
async function approvedCandidate(page: Page): Promise<{ accountId: string; applicationId: string }> {
  const accountId = await registerCandidate(page, portal, '欧阳娜娜');
  const { rows } = await db.query<{ id: string; exam_id: string }>(
    `select eu.id, eu.exam_id from exam_unit eu join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
      where e.level = 'INTERMEDIATE' and u.code = '110000' and eu.payment_starts_at <= now() and eu.payment_ends_at > now()
      order by e.year desc limit 1`,
  );
  expect(rows, 'a 北京市 中级 exam unit whose payment window is open (demo data)').toHaveLength(1);
  const { rows: inserted } = await db.query<{ id: string }>(
    `insert into application (id, account_id, exam_id, exam_unit_id, level, status, current_step, subject_codes, submitted_at, reviewed_at, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, 'INTERMEDIATE', 'APPROVED', 'PAYMENT', '{INTERMEDIATE_PRACTICE,FINANCIAL_MANAGEMENT}', now(), now(), now(), now())
     returning id`,
    [accountId, rows[0]!.exam_id, rows[0]!.id],
  );
  return { accountId, applicationId: inserted[0]!.id };
}

const statusOf = (page: Page) => page.locator('[data-test="status"]').textContent();

/** 支付 → the simulator's cashier page → one of its buttons; the simulator sends the browser back. */
async function payOnSimulator(w: WatchedPage, button: '确认支付' | '取消支付', applicationId: string) {
  const { page } = w;
  await page.locator('[data-test="pay"]').click();
  await page.waitForURL(/\/api\/pay-sim\/checkout\?/);
  await page.getByText('收银台').first().waitFor();
  expect(await page.locator('#amount').textContent()).toBe('¥112.00');
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.pathname === `/payment/${applicationId}`);
  await page.locator('[data-test="status"]').waitFor();
}

describe('网上缴费 in Chromium', () => {
  it('支付宝 → 生成订单 → 支付 → 确认支付 → back: 支付成功 and 报名成功 without a reload', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      const { applicationId } = await approvedCandidate(page);

      // The list leads to the application.
      await page.goto(`${portal.urls.shell}/payment`);
      await page.locator('[data-test="applications"]').getByRole('button', { name: '去缴费' }).click();
      await page.waitForURL((url) => url.pathname === `/payment/${applicationId}`);

      const order = page.locator('[data-test="order"]');
      await expect.poll(() => page.locator('[data-test="application"]').textContent()).toContain('欧阳**');
      expect(await page.locator('[data-test="order-no"]').textContent()).toBe('—');
      expect(await statusOf(page)).toBe('未缴费');

      await page.getByRole('radio', { name: '支付宝' }).click();
      await page.locator('[data-test="create-order"]').click();
      await expect.poll(() => page.locator('[data-test="order-no"]').textContent()).toMatch(/^KJ\d{6}[0-9A-Z]{10}$/);
      const orderNo = await page.locator('[data-test="order-no"]').textContent();
      expect(await page.locator('[data-test="order-amount"]').textContent()).toBe('112.00 元');
      expect(await page.locator('[data-test="order-created"]').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(await order.textContent()).toContain('订单金额');
      expect(await statusOf(page)).toBe('待支付');

      // The live order is the one to pay (the gateway would return it again): no second 生成订单 while it lives.
      expect(await page.locator('[data-test="create-order"]').isDisabled()).toBe(true);

      await payOnSimulator(w, '确认支付', applicationId);
      await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('支付成功');
      await page.locator('[data-test="registered"]', { hasText: '报名成功' }).waitFor();
      expect(await page.locator('[data-test="order-no"]').textContent()).toBe(orderNo);
      const { rows } = await db.query<{ status: string }>(`select status from application where id = $1`, [applicationId]);
      expect(rows[0]!.status).toBe('PAID');

      // Coming back later (another load) shows the same truth.
      await page.reload();
      await expect.poll(() => statusOf(page)).toBe('支付成功');
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });

  it('取消支付 on the channel → back, still unpaid → 支付 again → 确认支付 → 支付成功', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      const { applicationId } = await approvedCandidate(page);
      await page.goto(`${portal.urls.shell}/payment/${applicationId}`);
      await page.getByRole('radio', { name: '支付宝' }).click();
      await page.locator('[data-test="create-order"]').click();
      await expect.poll(() => page.locator('[data-test="order-no"]').textContent()).toMatch(/^KJ/);

      await payOnSimulator(w, '取消支付', applicationId);
      // Waiting for a result that will not come: never 支付成功; 支付 stays available for a retry.
      expect(['支付中', '待支付']).toContain(await statusOf(page));
      expect(await page.locator('[data-test="registered"]').count()).toBe(0);
      expect(await page.locator('[data-test="pay"]').isDisabled()).toBe(false);
      const { rows } = await db.query<{ status: string }>(`select status from application where id = $1`, [applicationId]);
      expect(rows[0]!.status).toBe('APPROVED');

      await payOnSimulator(w, '确认支付', applicationId);
      await expect.poll(() => statusOf(page), { timeout: 20_000 }).toBe('支付成功');
      await page.locator('[data-test="registered"]', { hasText: '报名成功' }).waitFor();
      const orders = await db.query<{ status: string }>(`select o.status from payment_order o where o.application_id = $1`, [applicationId]);
      expect(orders.rows).toEqual([{ status: 'PAID' }]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
