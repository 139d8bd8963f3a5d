/**
 * 线上实名认证 in the browser: a new candidate opens 信息采集, chooses 线上实名认证 in the popup,
 * uploads the three 证件 images through the page and sees 待审核; the demo 北京市 reviewer rejects
 * with a reason through the ops API; the candidate sees the reason and resubmits with a new image;
 * the reviewer approves; 信息采集 then opens and saves.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';
import { makeImageInPage, residentIdNumber, signInUnverifiedCandidate } from './support/candidates';
import { signInDemoReviewer, type OpsGraphql } from './support/ops';
import { choose, fillInfoCollection } from './support/registration';

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

const NAME = '赵线审';
const QUEUE = `query { realNameReviews(filter: { unitCode: "110000" }, first: 100) { items { id candidateName cityName status } } }`;

/** Picks a file for one of the three images and waits until its preview, served by the gateway to its owner, has loaded. */
async function uploadImage(page: Page, dialog: Locator, side: 'PORTRAIT' | 'EMBLEM' | 'HANDHELD', type: 'image/jpeg' | 'image/png') {
  const bytes = await makeImageInPage(page, { width: 640, height: 400, type });
  await dialog.locator(`[data-test="online-file-${side}"]`).setInputFiles({ name: `${side}.${type === 'image/png' ? 'png' : 'jpg'}`, mimeType: type, buffer: bytes });
  const preview = dialog.locator(`[data-test="online-slot-${side}"] img`);
  await preview.waitFor();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
}

async function pendingSubmissionId(reviewer: OpsGraphql): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(async () => {
      const queue = await reviewer(QUEUE);
      id = queue.data?.realNameReviews.items.find((i: { candidateName: string; status: string }) => i.candidateName === NAME)?.id;
      return id;
    })
    .toBeTruthy();
  return id!;
}

describe('线上实名认证 → 审核 → 信息采集', () => {
  it('uploads through the page, 待审核, rejected with a reason, 重新提交, approved, then 信息采集 saves', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      await signInUnverifiedCandidate(page, portal.urls.shell, residentIdNumber(), NAME);

      // ── 信息采集 → the 实名认证 popup → 线上实名认证 ──
      await page.goto(`${portal.urls.shell}/account/info`);
      const dialog = page.getByRole('dialog', { name: '实名认证' });
      await dialog.waitFor();
      await dialog.getByText('线上实名认证', { exact: true }).click();
      await dialog.getByText('请仔细阅读文件上传要求,按要求上传证件文件').waitFor();
      expect(await dialog.getByRole('button', { name: '提交' }).isDisabled()).toBe(true);

      await uploadImage(page, dialog, 'PORTRAIT', 'image/jpeg');
      await uploadImage(page, dialog, 'EMBLEM', 'image/png');
      await uploadImage(page, dialog, 'HANDHELD', 'image/jpeg');
      await choose(page, '[data-test="online-province"]', '北京市');
      await expect.poll(() => dialog.locator('[data-test="online-city"]').textContent()).toContain('北京市');
      await dialog.locator('[data-test="online-consent"]').click();
      await dialog.getByRole('button', { name: '提交' }).click();
      await dialog.locator('[data-test="online-pending"]', { hasText: '待审核' }).waitFor();

      // ── the 北京市 reviewer: 审核未通过 with a reason ──
      const reviewer = await signInDemoReviewer(portal.gatewayUrl);
      const first = await pendingSubmissionId(reviewer);
      const detail = await reviewer(`query($id: ID!) { realNameReview(id: $id) { candidateName documents { side url } } }`, { id: first });
      expect(detail.data?.realNameReview.documents.map((d: { side: string }) => d.side)).toEqual(['PORTRAIT', 'EMBLEM', 'HANDHELD']);
      const rejected = await reviewer(`mutation($id: ID!) { rejectRealNameVerification(id: $id, reason: "手持证件照片不清晰,请重新拍摄") { ok status message } }`, { id: first });
      expect(rejected.data?.rejectRealNameVerification, JSON.stringify(rejected)).toMatchObject({ ok: true, status: 'FAILED' });

      // ── the candidate sees the reason and 重新提交 with a new 手持 image ──
      await page.reload();
      await dialog.waitFor();
      await dialog.locator('[data-test="online-rejected"]', { hasText: '审核未通过' }).waitFor();
      expect(await dialog.locator('[data-test="online-reason"]').textContent()).toBe('原因:手持证件照片不清晰,请重新拍摄');
      await dialog.getByRole('button', { name: '重新提交' }).click();
      await uploadImage(page, dialog, 'HANDHELD', 'image/jpeg');
      await dialog.locator('[data-test="online-consent"]').click();
      await dialog.getByRole('button', { name: '提交' }).click();
      await dialog.locator('[data-test="online-pending"]', { hasText: '待审核' }).waitFor();

      // ── 审核通过 ──
      const second = await pendingSubmissionId(reviewer);
      expect(second).not.toBe(first);
      const approved = await reviewer(`mutation($id: ID!) { approveRealNameVerification(id: $id) { ok status message } }`, { id: second });
      expect(approved.data?.approveRealNameVerification, JSON.stringify(approved)).toMatchObject({ ok: true, status: 'SUCCEEDED' });

      // ── 信息采集 is open now: no popup, and the form saves ──
      await page.reload();
      await page.locator('[data-test="profile-form"]').waitFor();
      await page.locator('[data-test="profile-gate"]').waitFor({ state: 'detached' });
      expect(await page.getByRole('dialog', { name: '实名认证' }).isVisible()).toBe(false);
      await fillInfoCollection(page, { ethnicity: '汉族', address: '北京市西城区金融大街1号', email: 'zhao@example.com', school: '中央财经大学', graduationDate: '2012-07-01' });

      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  });
});
