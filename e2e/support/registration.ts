import { randomInt } from 'node:crypto';
import type pg from 'pg';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { graphqlInPage, makeImageInPage, residentIdNumber } from './candidates';
import { signInDemoReviewer } from './ops';
import type { Portal } from './portal';

/**
 * A candidate registered, and so signed in, in the page's browser through the API with the dev
 * outbox SMS code (account.e2e.ts covers the 注册 page itself). Returns the account id.
 */
export async function registerCandidate(page: Page, portal: Portal, name: string): Promise<string> {
  const phone = `13${randomInt(8, 10)}${String(randomInt(100_000_000)).padStart(8, '0')}`;
  const sent = await graphqlInPage(page, 'mutation($phone: String!) { sendSmsCode(phone: $phone, purpose: REGISTER) { ok message } }', { phone });
  expect(sent.data?.sendSmsCode.ok, JSON.stringify(sent)).toBe(true);
  const outbox = (await (await fetch(`${portal.urls.shell}/dev/outbox?phone=${phone}`)).json()) as { sms: Array<{ purpose: string; code: string }> };
  const code = outbox.sms.find((m) => m.purpose === 'REGISTER')!.code;
  const registered = await graphqlInPage(page, 'mutation($input: RegisterInput!) { register(input: $input) { ok message viewer { id } } }', {
    input: { documentType: 'RESIDENT_ID', documentNumber: residentIdNumber(), name, password: 'Kuaiji#2026', confirmPassword: 'Kuaiji#2026', phone, smsCode: code },
  });
  expect(registered.data?.register.ok, JSON.stringify(registered)).toBe(true);
  return registered.data.register.viewer.id as string;
}

/**
 * A verified candidate signed in in the page's browser: registered, then 实名认证 marked done in the
 * database like the gateway tests do (real-name.e2e.ts covers the 支付宝 flow itself).
 */
export async function signInVerifiedCandidate(page: Page, portal: Portal, db: pg.Client, name: string): Promise<string> {
  const accountId = await registerCandidate(page, portal, name);
  await db.query('update candidate_account set real_name_verified_at = now() where id = $1', [accountId]);
  return accountId;
}

/**
 * A 1寸 photo made by Chromium itself: 413×579 JPEG of noise, so it stays well above 10 KB. Another
 * `seed` gives another picture (a replacement photo).
 */
export async function makePhoto(page: Page, seed = 0): Promise<Buffer> {
  const bytes = await makeImageInPage(page, { width: 413, height: 579, type: 'image/jpeg', seed });
  expect(bytes.length).toBeGreaterThan(10 * 1024);
  return bytes;
}

/**
 * Picks an Element Plus select option (the dropdown is teleported to <body>). A dropdown opened on a
 * row added a moment earlier can close again while its opening transition runs (seen once in CI: the
 * option went from "not stable" to "not visible"); it is then opened once more, as a person would.
 */
export async function choose(page: Page, select: string | Locator, option: string | RegExp): Promise<void> {
  const trigger = typeof select === 'string' ? page.locator(select) : select;
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first();
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    try {
      await item.click({ timeout: attempt < 3 ? 5_000 : 30_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Types a date into an Element Plus date picker and closes it. */
export async function fillDate(input: Locator, date: string): Promise<void> {
  await input.fill(date);
  await input.press('Enter');
}

/** 信息采集's required fields (基本信息 and one 本科 record), then 保存 until the page confirms it. */
export async function fillInfoCollection(
  page: Page,
  info: { ethnicity: string; address: string; email: string; school: string; graduationDate: string },
): Promise<void> {
  await choose(page, '[data-test="profile-ethnicity"]', info.ethnicity);
  await page.getByPlaceholder('请输入通讯地址').fill(info.address);
  await page.getByPlaceholder('请输入电子邮箱').fill(info.email);
  await choose(page, '[data-test="profile-education"] .el-select', '本科');
  await page.getByPlaceholder('请输入毕业院校').fill(info.school);
  await page.getByPlaceholder('请输入所学专业').fill('会计学');
  await fillDate(page.getByPlaceholder('请选择毕业时间'), info.graduationDate);
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.locator('.el-message--success', { hasText: '保存成功' }).waitFor();
}

/**
 * A GraphQL client signed in as the demo 北京市 reviewer through opsLogin (password + the dev TOTP
 * code the gateway publishes at /dev/ops-totp when its dev outbox is on).
 */
export async function beijingReviewer(portal: Portal) {
  const gql = await signInDemoReviewer(portal.gatewayUrl);
  return {
    async approve(applicationId: string) {
      const decision = await gql('mutation($id: ID!) { approveApplication(applicationId: $id) { ok message status } }', { id: applicationId });
      expect(decision.data?.approveApplication, JSON.stringify(decision)).toMatchObject({ ok: true, status: 'APPROVED' });
    },
    async reject(applicationId: string, reason: string) {
      const decision = await gql(
        'mutation($ids: [ID!]!, $reason: String!) { rejectApplications(applicationIds: $ids, reason: $reason) { ok message status } }',
        { ids: [applicationId], reason },
      );
      expect(decision.data?.rejectApplications, JSON.stringify(decision)).toEqual([expect.objectContaining({ ok: true, status: 'REJECTED' })]);
    },
  };
}

/** 选择考试 → the level's exam → 北京市 → 点击进入, landing on 报名导览. */
export async function enterBeijing(page: Page, portal: Portal, levelLabel: '(初级)' | '(中级)' | '(高级)'): Promise<void> {
  await page.goto(`${portal.urls.shell}/exam`);
  await page.locator('.el-table__row', { hasText: levelLabel }).getByRole('button', { name: '进入' }).first().click();
  await page.waitForURL(/\/exam\/[0-9a-f-]{36}$/);
  await page.locator('.el-table__row', { hasText: '北京市' }).getByRole('button', { name: '点击进入' }).first().click();
  await page.waitForURL(/\/exam\/[0-9a-f-]{36}\/apply$/);
  await page.getByText('报名导览').waitFor();
}

/** 阅读须知 (完全同意 + 已阅读并知晓) and 通知公告 (已阅读并知晓). */
export async function readAgreementAndNotices(page: Page): Promise<void> {
  await page.locator('[data-test="step-agreement"]').waitFor();
  await page.getByText('完全同意').click();
  await page.getByRole('button', { name: '已阅读并知晓' }).click();
  await page.locator('[data-test="step-notices"]').waitFor();
  await page.getByText('报考人员必读事项').first().waitFor();
  await page.getByRole('button', { name: '已阅读并知晓' }).click();
}

/** 证明材料上传: every 必传 material, then 下一步. Returns how many were uploaded. */
export async function uploadRequiredMaterials(page: Page): Promise<number> {
  const materials = page.locator('[data-test="step-materials"]');
  await materials.waitFor();
  const material = await makePhoto(page);
  const requiredRows = materials.locator('.el-table__row', { hasText: '必传' });
  const count = await requiredRows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const row = requiredRows.nth(i);
    const replace = row.getByRole('button', { name: '替换' });
    if (await replace.isVisible()) continue; // uploaded before (a resubmission)
    const chooser = page.waitForEvent('filechooser');
    await row.getByRole('button', { name: '上传' }).click();
    await (await chooser).setFiles({ name: `material-${i}.jpg`, mimeType: 'image/jpeg', buffer: material });
    await replace.waitFor();
  }
  await page.getByRole('button', { name: '下一步' }).click();
  return count;
}
