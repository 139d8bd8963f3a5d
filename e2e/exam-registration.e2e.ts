import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openWatchedPage, startPortal, type Portal } from './support/portal';
import {
  beijingReviewer,
  choose,
  enterBeijing,
  fillDate,
  makePhoto,
  readAgreementAndNotices,
  signInVerifiedCandidate,
  uploadRequiredMaterials,
} from './support/registration';

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

/** A whole 报名导览 in a real browser takes about a minute on a busy 2-core machine. */
const LONG_FLOW_MS = 180_000;

describe('exam registration (考生报名) in Chromium', () => {
  it('goes 选择考试 → 北京市 → every step → 提交 (待审核) → 审核通过 → 网上缴费 on choosing the exam again → 重新报名', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      const accountId = await signInVerifiedCandidate(page, portal, db, CANDIDATE_NAME);

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
      await fillDate(page.getByPlaceholder('YYYY-MM-DD').first(), '2016-07-01');
      await page.getByPlaceholder('请输入毕业院校').fill('中央财经大学');
      await page.getByPlaceholder('请输入所学专业').fill('会计学');
      await page.getByRole('button', { name: '确认无误,下一步' }).click();

      // ── 证明材料上传: every 必传 material ──
      const count = await uploadRequiredMaterials(page);

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
      await (await beijingReviewer(portal)).approve(rows[0]!.id);

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
  }, LONG_FLOW_MS);

  it('中级 by the 经济/统计/审计 route with several 学历 and 工作经历: 审核未通过 with a reason → new photo and corrected certificate → 重新提交 → 待审核', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      const accountId = await signInVerifiedCandidate(page, portal, db, '赵统计');
      await enterBeijing(page, portal, '(中级)');
      await readAgreementAndNotices(page);

      // ── 选择报考条件: the qualification route ──
      await page.locator('[data-test="step-conditions"]').waitFor();
      await page.getByText('通过全国统一考试,取得经济、统计、审计专业技术中级资格').click();
      await page.getByRole('button', { name: '下一步' }).click();

      // ── 报名信息填写: two 学历, two 工作经历, one 统计 qualification (its row is offered by the route) ──
      const details = page.locator('[data-test="step-details"]');
      await details.waitFor();
      await choose(page, '[data-test="city"]', '东城区');
      await choose(page, '[data-test="point"]', '名额不限');
      await details.locator('[data-test="subjects"]').getByText('财务管理').click();
      await page.locator('[data-test="photo-file"]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(page) });
      await page.locator('[data-test="photo-preview"]').waitFor();
      await page.locator('[data-test="gender"]').getByText('男').click();
      await page.getByPlaceholder('如:汉族').fill('汉族');
      await page.getByPlaceholder('请输入通讯地址').fill('北京市东城区东长安街1号');

      const educations = details.locator('[data-test="education-row"]');
      await choose(page, educations.nth(0).locator('[data-test="education-level"]'), '高中(含中专、职高、技校)');
      await fillDate(educations.nth(0).getByPlaceholder('YYYY-MM-DD'), '2005-07-01');
      await educations.nth(0).getByPlaceholder('请输入毕业院校').fill('北京市第八中学');
      await educations.nth(0).getByPlaceholder('请输入所学专业').fill('普通高中');
      await page.locator('[data-test="add-education"]').click();
      await choose(page, educations.nth(1).locator('[data-test="education-level"]'), '大专');
      await fillDate(educations.nth(1).getByPlaceholder('YYYY-MM-DD'), '2008-07-01');
      await educations.nth(1).getByPlaceholder('请输入毕业院校').fill('北京财贸职业学院');
      await educations.nth(1).getByPlaceholder('请输入所学专业').fill('统计与会计核算');

      await details.getByPlaceholder('请输入工作单位').fill('北京燕园科技有限公司');
      const works = details.locator('[data-test="work-row"]');
      await page.locator('[data-test="add-work"]').click();
      await works.nth(0).getByPlaceholder('请输入该段经历的工作单位').fill('北京市统计局某调查队');
      await works.nth(0).locator('[data-test="work-accounting"]').click(); // not accounting work
      await fillDate(works.nth(0).getByPlaceholder('开始时间'), '2008-08-01');
      await fillDate(works.nth(0).getByPlaceholder('至今'), '2023-12-31');
      await page.locator('[data-test="add-work"]').click();
      await works.nth(1).getByPlaceholder('请输入该段经历的工作单位').fill('北京燕园科技有限公司');
      await fillDate(works.nth(1).getByPlaceholder('开始时间'), '2024-01-01');

      const qualification = details.locator('[data-test="qualification-row"]');
      expect(await qualification.count()).toBe(1);
      await choose(page, qualification.locator('[data-test="qualification-field"]'), '统计专业中级资格');
      await fillDate(qualification.getByPlaceholder('证书签发日期'), '2015-12-20');
      await qualification.getByPlaceholder('请输入资格证书编号').fill('TJ2015-00017');
      await page.getByRole('button', { name: '确认无误,下一步' }).click();

      await uploadRequiredMaterials(page);
      const confirm = page.locator('[data-test="step-confirm"]');
      await confirm.waitFor();
      expect(await confirm.locator('[data-test="confirm-education"]').count()).toBe(2);
      await expect.poll(() => confirm.locator('[data-test="confirm-qualification"]').textContent()).toContain('TJ2015-00017');
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('待审核');

      const { rows } = await db.query<{ id: string; personal_info: any }>(`select id, personal_info from application where account_id = $1`, [accountId]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.personal_info.educations.map((e: any) => e.level)).toEqual(['HIGH_SCHOOL', 'JUNIOR_COLLEGE']);
      expect(rows[0]!.personal_info.work.records).toEqual([
        { employer: '北京市统计局某调查队', start: '2008-08-01', end: '2023-12-31', isAccounting: false, partTimeWhileStudying: false },
        { employer: '北京燕园科技有限公司', start: '2024-01-01', end: null, isAccounting: true, partTimeWhileStudying: false },
      ]);

      // ── 审核不通过 with a reason ──
      const reason = '照片不清晰;统计专业中级资格证书编号与证书不一致,请更换照片并核对后重新提交';
      await (await beijingReviewer(portal)).reject(rows[0]!.id, reason);
      await page.reload();
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('审核未通过');
      await expect.poll(() => page.locator('[data-test="review-reason"]').textContent()).toContain(reason);

      // ── corrects the named parts (a new photo, the certificate number) and resubmits ──
      await page.getByRole('button', { name: '修改报名信息' }).click();
      await details.waitFor();
      const certificate = details.locator('[data-test="qualification-row"]').getByPlaceholder('请输入资格证书编号');
      expect(await certificate.inputValue()).toBe('TJ2015-00017');
      expect(await details.locator('[data-test="education-row"]').count()).toBe(2);
      const livePhoto = async () =>
        (await db.query<{ id: string }>(`select id from application_upload where application_id = $1 and purpose = 'PHOTO' and deleted_at is null`, [rows[0]!.id])).rows;
      const [oldPhoto] = await livePhoto();
      const oldSrc = await page.locator('[data-test="photo-preview"]').getAttribute('src');
      await page.locator('[data-test="photo-file"]').setInputFiles({ name: 'photo-2.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(page, 97) });
      await expect.poll(() => page.locator('[data-test="photo-preview"]').getAttribute('src')).not.toBe(oldSrc);
      const photos = await livePhoto();
      expect(photos).toHaveLength(1);
      expect(photos[0]!.id).not.toBe(oldPhoto!.id);
      // The upload reloaded the application: the typed-in rows are still there.
      expect(await details.locator('[data-test="education-row"]').count()).toBe(2);
      await certificate.fill('TJ2015-00071');
      await page.getByRole('button', { name: '确认无误,下一步' }).click();
      await uploadRequiredMaterials(page);
      await confirm.waitFor();
      await expect.poll(() => confirm.locator('[data-test="confirm-qualification"]').textContent()).toContain('TJ2015-00071');
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('待审核');
      expect(await page.locator('[data-test="review-reason"]').count()).toBe(0);

      const after = await db.query<{ status: string; certificate: string; review_reason: string | null }>(
        `select status, personal_info #>> '{work,otherQualifications,0,certificateNumber}' as certificate, review_reason from application where id = $1`,
        [rows[0]!.id],
      );
      expect(after.rows[0]).toEqual({ status: 'SUBMITTED', certificate: 'TJ2015-00071', review_reason: null });
      const history = await db.query<{ to_status: string; reason: string | null }>(
        `select to_status, reason from application_history where application_id = $1 order by id`,
        [rows[0]!.id],
      );
      expect(history.rows.map((h) => h.to_status)).toEqual(['DRAFT', 'SUBMITTED', 'REJECTED', 'SUBMITTED']);
      expect(history.rows[2]!.reason).toBe(reason);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, LONG_FLOW_MS);

  it('a full 报名点 shows 0 places and cannot be chosen; one that fills before 提交 is refused clearly and the candidate picks another', async () => {
    const w = await openWatchedPage(browser);
    const { page } = w;
    try {
      await page.goto(`${portal.urls.shell}/`);
      const accountId = await signInVerifiedCandidate(page, portal, db, '钱满员');
      // The small 东城区 point of the 北京市 初级 exam (capacity 5) with one place left.
      const small = await db.query<{ id: string; capacity: number }>(
        `select p.id, p.capacity from registration_point p
           join exam_unit eu on eu.id = p.exam_unit_id join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
          where e.level = 'JUNIOR' and u.code = '110000' and p.name = '东城区政务服务中心报名点'
          order by e.year desc limit 1`,
      );
      const point = small.rows[0]!;
      await db.query('update registration_point set taken = capacity - 1 where id = $1', [point.id]);

      await enterBeijing(page, portal, '(初级)');
      await readAgreementAndNotices(page);
      await page.locator('[data-test="step-conditions"]').waitFor();
      await page.getByRole('button', { name: '下一步' }).click();

      const details = page.locator('[data-test="step-details"]');
      await details.waitFor();
      await choose(page, '[data-test="city"]', '东城区');
      await choose(page, '[data-test="point"]', '政务服务中心报名点(剩余名额 1)');
      await page.locator('[data-test="photo-file"]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await makePhoto(page) });
      await page.locator('[data-test="photo-preview"]').waitFor();
      await page.locator('[data-test="gender"]').getByText('女').click();
      await page.getByPlaceholder('如:汉族').fill('汉族');
      await page.getByPlaceholder('请输入通讯地址').fill('北京市东城区东长安街1号');
      await choose(page, '[data-test="education-level"]', '大专');
      await fillDate(page.getByPlaceholder('YYYY-MM-DD').first(), '2019-07-01');
      await page.getByPlaceholder('请输入毕业院校').fill('北京财贸职业学院');
      await page.getByPlaceholder('请输入所学专业').fill('会计');
      await page.getByRole('button', { name: '确认无误,下一步' }).click();
      await uploadRequiredMaterials(page);
      await page.locator('[data-test="step-confirm"]').waitFor();

      // Someone else takes the last place meanwhile (places are taken on 提交, not when chosen).
      await db.query('update registration_point set taken = capacity where id = $1', [point.id]);
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.locator('[data-test="submit-error"]').textContent()).toContain('该报名点名额已满,请选择其他报名点');
      expect((await db.query(`select status from application where account_id = $1`, [accountId])).rows).toEqual([{ status: 'DRAFT' }]);
      expect((await db.query(`select taken, capacity from registration_point where id = $1`, [point.id])).rows[0]).toEqual({ taken: point.capacity, capacity: point.capacity });

      // Back to 报名信息填写: the message stands at 报名点, which now shows 0 places and cannot be chosen.
      await page.locator('[data-test="choose-point-again"]').click();
      await details.waitFor();
      await expect.poll(() => details.textContent()).toContain('该报名点名额已满,请选择其他报名点');
      await page.locator('[data-test="point"]').click();
      const full = page.locator('.el-select-dropdown__item:visible', { hasText: '政务服务中心报名点' });
      await expect.poll(() => full.textContent()).toContain('名额已满,剩余名额 0');
      expect(await full.getAttribute('class')).toContain('is-disabled');
      await page.locator('.el-select-dropdown__item:visible', { hasText: '名额不限' }).first().click();
      await page.getByRole('button', { name: '确认无误,下一步' }).click();
      await uploadRequiredMaterials(page);
      const confirm = page.locator('[data-test="step-confirm"]');
      await confirm.waitFor();
      await expect.poll(() => confirm.textContent()).toContain('会计资格考试报名点');
      await page.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => page.locator('[data-test="review-status"]').textContent()).toBe('待审核');
      const submitted = await db.query<{ status: string; point: string }>(
        `select a.status, p.name as point from application a join registration_point p on p.id = a.held_point_id where a.account_id = $1`,
        [accountId],
      );
      expect(submitted.rows).toEqual([{ status: 'SUBMITTED', point: '东城区会计资格考试报名点' }]);
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
    }
  }, LONG_FLOW_MS);
});
