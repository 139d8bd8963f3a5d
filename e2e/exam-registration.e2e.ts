import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';
import { residentIdNumber, graphqlInPage, makeImageInPage } from './support/candidates';
import { signInDemoReviewer } from './support/ops';

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

/** The candidate's 姓名, with an Ext B character (U+20000) that the form PDF must print exactly. */
const CANDIDATE_NAME = '李\u{20000}明';

/**
 * A verified candidate signed in in the page's browser: registered through the API with the dev
 * outbox SMS code; 实名认证 has no test double yet, so it is marked done in the database like the
 * gateway tests do.
 */
async function signInVerifiedCandidate(page: Page): Promise<string> {
  const phone = `138${String(randomInt(100_000_000)).padStart(8, '0')}`;
  const sent = await graphqlInPage(page, 'mutation($phone: String!) { sendSmsCode(phone: $phone, purpose: REGISTER) { ok message } }', { phone });
  expect(sent.data?.sendSmsCode.ok, JSON.stringify(sent)).toBe(true);
  const outbox = (await (await fetch(`${portal.urls.shell}/dev/outbox?phone=${phone}`)).json()) as { sms: Array<{ purpose: string; code: string }> };
  const code = outbox.sms.find((m) => m.purpose === 'REGISTER')!.code;
  const registered = await graphqlInPage(page, 'mutation($input: RegisterInput!) { register(input: $input) { ok message viewer { id } } }', {
    input: {
      documentType: 'RESIDENT_ID',
      documentNumber: residentIdNumber(),
      name: CANDIDATE_NAME,
      password: 'Kuaiji#2026',
      confirmPassword: 'Kuaiji#2026',
      phone,
      smsCode: code,
    },
  });
  expect(registered.data?.register.ok, JSON.stringify(registered)).toBe(true);
  const accountId = registered.data.register.viewer.id as string;
  await db.query('update candidate_account set real_name_verified_at = now() where id = $1', [accountId]);
  return accountId;
}

/** A 1寸 photo made by Chromium itself: 413×579 JPEG of noise, so it stays well above 10 KB. */
async function makePhoto(page: Page): Promise<Buffer> {
  const bytes = await makeImageInPage(page, { width: 413, height: 579, type: 'image/jpeg' });
  expect(bytes.length).toBeGreaterThan(10 * 1024);
  return bytes;
}

/** Picks an Element Plus select option (the dropdown is teleported to <body>). */
async function choose(page: Page, select: string, option: string | RegExp) {
  await page.locator(select).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/** 审核通过 by the demo 北京市 reviewer. */
async function approveAsBeijingReviewer(applicationId: string) {
  const gql = await signInDemoReviewer(portal.gatewayUrl);
  const decision = await gql('mutation($id: ID!) { approveApplication(applicationId: $id) { ok message status } }', { id: applicationId });
  expect(decision.data?.approveApplication, JSON.stringify(decision)).toMatchObject({ ok: true, status: 'APPROVED' });
}

describe('exam registration (考生报名) in Chromium', () => {
  it('goes 选择考试 → 北京市 → every step → 提交 (待审核) → 审核通过 → 网上缴费 on choosing the exam again → 重新报名', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      const accountId = await signInVerifiedCandidate(page);

      // ── 选择考试 → 省份选择 → 点击进入 ──
      await page.goto(`${portal.urls.shell}/exam`);
      await page.locator('.el-table__row', { hasText: '(初级)' }).getByRole('button', { name: '进入' }).first().click();
      await page.waitForURL(/\/exam\/[0-9a-f-]{36}$/);
      await page.locator('.el-table__row', { hasText: '北京市' }).getByRole('button', { name: '点击进入' }).first().click();
      await page.waitForURL(/\/exam\/[0-9a-f-]{36}\/apply$/);
      await page.getByText('报名导览').waitFor();

      // ── 阅读须知: 已阅读并知晓 only after 完全同意 ──
      await page.locator('[data-test="step-agreement"]').waitFor();
      const acknowledge = page.getByRole('button', { name: '已阅读并知晓' });
      expect(await acknowledge.isDisabled()).toBe(true);
      await page.getByText('完全同意').click();
      await acknowledge.click();

      // ── 通知公告 ──
      await page.locator('[data-test="step-notices"]').waitFor();
      await page.getByText('报考人员必读事项').first().waitFor();
      await page.getByRole('button', { name: '已阅读并知晓' }).click();

      // ── 选择报考条件 ──
      const conditions = page.locator('[data-test="step-conditions"]');
      await conditions.waitFor();
      await expect.poll(() => conditions.textContent()).toContain('北京市');
      await page.getByRole('button', { name: '下一步' }).click();

      // ── 报名信息填写 ──
      await page.locator('[data-test="step-details"]').waitFor();
      await choose(page, '[data-test="city"]', '东城区');
      await choose(page, '[data-test="point"]', '名额不限');
      await page.locator('[data-test="photo-file"]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(page) });
      await page.locator('[data-test="photo-preview"]').waitFor();
      await page.locator('[data-test="gender"]').getByText('女').click();
      await page.getByPlaceholder('如:汉族').fill('汉族');
      await page.getByPlaceholder('请输入通讯地址').fill('北京市东城区东长安街1号');
      await choose(page, '[data-test="education-level"]', '本科(学士)');
      const graduation = page.getByPlaceholder('YYYY-MM-DD').first();
      await graduation.fill('2016-07-01');
      await graduation.press('Enter');
      await page.getByPlaceholder('请输入毕业院校').fill('中央财经大学');
      await page.getByPlaceholder('请输入所学专业').fill('会计学');
      await page.getByRole('button', { name: '确认无误,下一步' }).click();

      // ── 证明材料上传: every 必传 material ──
      const materials = page.locator('[data-test="step-materials"]');
      await materials.waitFor();
      const material = await makePhoto(page);
      const requiredRows = materials.locator('.el-table__row', { hasText: '必传' });
      const count = await requiredRows.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const row = requiredRows.nth(i);
        const chooser = page.waitForEvent('filechooser');
        await row.getByRole('button', { name: '上传' }).click();
        await (await chooser).setFiles({ name: `material-${i}.jpg`, mimeType: 'image/jpeg', buffer: material });
        await row.getByRole('button', { name: '替换' }).waitFor();
      }
      await page.getByRole('button', { name: '下一步' }).click();

      // ── 信息确认 → 提交 ──
      const confirm = page.locator('[data-test="step-confirm"]');
      await confirm.waitFor();
      await expect.poll(() => confirm.textContent()).toContain('东城区');
      expect(await page.locator('[data-test="attachments"] li a').count()).toBe(count);
      await page.getByRole('button', { name: '提交' }).click();

      // ── 审核告知 ──
      await page.locator('[data-test="step-review"]').waitFor();
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('待审核');
      await expect.poll(() => page.locator('[data-test="step-review"]').textContent()).toContain('受理部门');

      const { rows } = await db.query<{ id: string; status: string }>(`select id, status from application where account_id = $1`, [accountId]);
      expect(rows).toEqual([expect.objectContaining({ status: 'SUBMITTED' })]);
      await approveAsBeijingReviewer(rows[0]!.id);

      // A returning candidate lands on 审核告知 with the outcome.
      await page.reload();
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('审核通过');

      // ── 报名表打印 (below 报名导览): the downloaded PDF carries the name and exam exactly, its 校验码 verifies ──
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '报名表打印' }).click();
      const dir = mkdtempSync(join(tmpdir(), 'ccap-form-'));
      try {
        const file = join(dir, 'form.pdf');
        await (await download).saveAs(file);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        const { rows: exams } = await db.query<{ name: string }>('select e.name from application a join exam e on e.id = a.exam_id where a.id = $1', [rows[0]!.id]);
        expect(text).toMatch(new RegExp(`姓名\\s*${CANDIDATE_NAME}\\s`, 'u'));
        expect(text).toMatch(new RegExp(`考试名称\\s*${exams[0]!.name.replace(/[()]/g, '\\$&')}\\s`, 'u'));
        const code = /([0-9a-f-]{36}\.[0-9a-z]{1,12}\.[0-9a-f]{20})/.exec(text)?.[1];
        expect(code, text).toBeDefined();
        const verified = (await (await fetch(`${portal.urls.shell}/api/forms/verify?code=${encodeURIComponent(code!)}`)).json()) as { status: string; examName: string };
        expect(verified).toMatchObject({ status: 'VALID', examName: exams[0]!.name });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      // ── Approved: choosing the exam again goes straight to 网上缴费 (the manual, 4.1) ──
      const applyUrl = page.url();
      await page.locator('header').getByRole('link', { name: '会计专业技术资格考试', exact: true }).click();
      await page.locator('.el-table__row', { hasText: '(初级)' }).getByRole('button', { name: '进入' }).first().click();
      await page.waitForURL((url) => url.pathname === `/payment/${rows[0]!.id}`);
      await page.getByText('订单基本信息').waitFor();
      await page.goto(applyUrl);
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('审核通过');

      // ── 重新报名 ──
      await page.getByRole('button', { name: '重新报名' }).click();
      await page.getByRole('button', { name: '确定重新报名' }).click();
      await page.waitForURL((url) => url.pathname === '/exam' || url.pathname === '/exam/');
      await page.getByText('选择考试', { exact: true }).waitFor();
      const after = await db.query<{ status: string }>(`select status from application where id = $1`, [rows[0]!.id]);
      expect(after.rows[0]!.status).toBe('WITHDRAWN');

      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
