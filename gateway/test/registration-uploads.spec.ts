import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTestImage, makeJpeg, makePng } from '../src/modules/registration/image-inspection.testing';
import { FakeClock, type TestGateway } from './support';
import {
  call,
  examUnit,
  insertCandidate,
  OPS,
  personalInfo,
  pointOf,
  postUpload,
  SEEDED_AT,
  startRegistrationGateway,
  SUBJECTS_FOR,
  upload,
  type ExamUnitRef,
  type TestCandidate,
} from './registration-support';

const clock = new FakeClock(SEEDED_AT);
const MAX_BYTES = 128 * 1024;
let gw: TestGateway & { uploadDir: string };
let unit: ExamUnitRef;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
  unit = await examUnit(gw, 'INTERMEDIATE', '110000');
});
afterAll(() => gw?.close());

/** An application at 证明材料上传 (details confirmed), so both photo and materials may be uploaded. */
async function atMaterials(): Promise<{ candidate: TestCandidate; id: string }> {
  const candidate = await insertCandidate(gw, SEEDED_AT);
  const id = (await call(gw, candidate.cookie, 'start', { examUnitId: unit.examUnitId })).application.id;
  await call(gw, candidate.cookie, 'accept', { id, agreed: true });
  await call(gw, candidate.cookie, 'notices', { id });
  await call(gw, candidate.cookie, 'conditions', { id, route: 'INTERMEDIATE_BACHELOR' });
  await call(gw, candidate.cookie, 'save', { id, input: { ...(await pointOf(gw, unit.examUnitId)), subjectCodes: SUBJECTS_FOR.INTERMEDIATE, personalInfo: personalInfo() } });
  await upload(gw, candidate.cookie, { applicationId: id, purpose: 'PHOTO' }, encodeTestImage('image/jpeg', { width: 413, height: 579 }));
  const confirmed = await call(gw, candidate.cookie, 'confirmDetails', { id });
  if (!confirmed.ok) throw new Error(confirmed.message);
  return { candidate, id };
}

async function tokenFor(cookie: string, input: Record<string, unknown>) {
  return (await gw.graphql(OPS.token, { input }, { cookie })).body.data.requestUploadToken;
}

function storedFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else files.push(join(dir, entry.name));
    }
  };
  if (existsSync(gw.uploadDir)) walk(gw.uploadDir);
  return files;
}

describe('photo uploads', () => {
  it('stores a checked JPEG privately under a server key, without its EXIF, and serves it to its owner', async () => {
    const { candidate, id } = await atMaterials();
    const original = encodeTestImage('image/jpeg', { width: 358, height: 441, exifMake: 'SecretCam GPS 39.90N 116.40E 张三' });
    const token = await tokenFor(candidate.cookie, { applicationId: id, purpose: 'PHOTO' });
    expect(token).toMatchObject({ ok: true, maxBytes: MAX_BYTES });
    expect(token.uploadUrl).toBe(`/api/uploads?token=${token.token}`);
    const res = await postUpload(gw, candidate.cookie, token.uploadUrl, original);
    expect(res.status).toBe(201);
    expect(res.body.upload).toMatchObject({ purpose: 'PHOTO', contentType: 'image/jpeg', width: 358, height: 441, url: `/api/uploads/${res.body.upload.id}` });
    // Re-encoded: what is stored is a new file made from the pixels.
    expect(res.body.upload.sizeBytes).not.toBe(original.length);

    const onDisk = storedFiles().filter((f) => readFileSync(f).length === res.body.upload.sizeBytes);
    expect(onDisk).toHaveLength(1);
    expect(onDisk[0]!.startsWith(gw.uploadDir)).toBe(true);
    expect(onDisk[0]).toMatch(/\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/); // nothing of the client's in the name
    expect(statSync(onDisk[0]!).mode & 0o777).toBe(0o600);
    const stored = readFileSync(onDisk[0]!);
    expect(stored.includes(Buffer.from('SecretCam'))).toBe(false);
    expect(stored.includes(Buffer.from('张三'))).toBe(false);

    const served = await fetch(`${gw.url}${res.body.upload.url}`, { headers: { cookie: candidate.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('private, no-store');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
  });

  it('refuses what is not a proper 报名照片: PNG, too few bytes, too few pixels; 295×413 is enough', async () => {
    const { candidate, id } = await atMaterials();
    const attempt = async (bytes: Buffer) => postUpload(gw, candidate.cookie, (await tokenFor(candidate.cookie, { applicationId: id, purpose: 'PHOTO' })).uploadUrl, bytes);
    expect(await attempt(makePng({ width: 413, height: 579, dataBytes: 30_000 }))).toMatchObject({ status: 415, body: { errorCode: 'UPLOAD_TYPE_NOT_ALLOWED', message: '个人照片须为JPG格式' } });
    expect(await attempt(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toMatchObject({ status: 415, body: { errorCode: 'UPLOAD_TYPE_NOT_ALLOWED' } });
    // Padding a small picture with EXIF does not make it more than 10 KB: the size is measured after stripping.
    const padded = makeJpeg({ width: 413, height: 579, dataBytes: 8_000, exifMake: 'x'.repeat(20_000) });
    expect(padded.length).toBeGreaterThan(10 * 1024);
    expect(await attempt(padded)).toMatchObject({ status: 422, body: { errorCode: 'PHOTO_FILE_TOO_SMALL' } });
    expect(await attempt(makeJpeg({ width: 294, height: 413, dataBytes: 20_000 }))).toMatchObject({
      status: 422,
      body: { errorCode: 'PHOTO_RESOLUTION_TOO_LOW', message: '照片尺寸须不小于295×413像素(宽×高),当前为294×413' },
    });
    expect((await attempt(makeJpeg({ width: 295, height: 412, dataBytes: 20_000 }))).body.errorCode).toBe('PHOTO_RESOLUTION_TOO_LOW');
    const truncated = makeJpeg({ width: 413, height: 579, dataBytes: 20_000 });
    expect(await attempt(truncated.subarray(0, truncated.length - 500))).toMatchObject({ status: 422, body: { errorCode: 'UPLOAD_CORRUPT' } });
    expect((await attempt(encodeTestImage('image/jpeg', { width: 295, height: 413 }))).status).toBe(201);
  });

  it('keeps one photo per application: a new one replaces the old, whose file is removed', async () => {
    const { candidate, id } = await atMaterials();
    const before = (await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: candidate.cookie })).body.data.myApplication.photo;
    const filesBefore = storedFiles().length;
    const replaced = await upload(gw, candidate.cookie, { applicationId: id, purpose: 'PHOTO' }, encodeTestImage('image/jpeg', { width: 600, height: 800 }));
    const app = (await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    expect(app.photo.id).toBe(replaced.id);
    expect(app.photo).toMatchObject({ width: 600, height: 800 });
    // The changed photo asks for 确认无误 again.
    expect(app.currentStep).toBe('DETAILS');
    expect(storedFiles().length).toBe(filesBefore);
    expect((await fetch(`${gw.url}${before.url}`, { headers: { cookie: candidate.cookie } })).status).toBe(404);
  });
});

describe('material uploads', () => {
  it('accepts JPEG and PNG for a material the unit asks for, replaces and deletes them', async () => {
    const { candidate, id } = await atMaterials();
    const png = await upload(gw, candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' }, encodeTestImage('image/png', { width: 124, height: 175, exifMake: 'Scanner serial 123' }));
    expect(png).toMatchObject({ width: 124, height: 175, contentType: 'image/png' });
    const served = Buffer.from(await (await fetch(`${gw.url}${png.url}`, { headers: { cookie: candidate.cookie } })).arrayBuffer());
    expect(served.includes(Buffer.from('Scanner'))).toBe(false);

    const second = await upload(gw, candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' }, encodeTestImage('image/jpeg', { width: 500, height: 350 }));
    let app = (await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    expect(app.materials.map((m: any) => m.id).sort()).toEqual([png.id, second.id].sort()); // several pages of one material are fine

    const replacement = await upload(gw, candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF', replacesUploadId: png.id }, encodeTestImage('image/jpeg', { width: 450, height: 300 }));
    app = (await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: candidate.cookie })).body.data.myApplication;
    expect(app.materials.map((m: any) => m.id).sort()).toEqual([second.id, replacement.id].sort());
    expect((await fetch(`${gw.url}${png.url}`, { headers: { cookie: candidate.cookie } })).status).toBe(404);

    const deleted = await call(gw, candidate.cookie, 'deleteUpload', { uploadId: second.id });
    expect(deleted).toMatchObject({ ok: true, message: '文件已删除' });
    expect(deleted.application.materials.map((m: any) => m.id)).toEqual([replacement.id]);
    expect((await call(gw, candidate.cookie, 'deleteUpload', { uploadId: second.id })).errorCode).toBe('UPLOAD_NOT_FOUND');
  });

  it('refuses materials the unit does not ask for and replacing something that is not there', async () => {
    const { candidate, id } = await atMaterials();
    expect(await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'FEE_WAIVER_PROOF' })).toMatchObject({ ok: false, errorCode: 'MATERIAL_NOT_REQUESTED' });
    expect((await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL' })).errorCode).toBe('MATERIAL_NOT_REQUESTED');
    const photo = (await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: candidate.cookie })).body.data.myApplication.photo;
    expect((await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF', replacesUploadId: photo.id })).errorCode).toBe('UPLOAD_NOT_FOUND');
  });
});

describe('upload tokens and limits', () => {
  it('are single use and short-lived', async () => {
    const { candidate, id } = await atMaterials();
    const token = await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' });
    const file = encodeTestImage('image/jpeg', { width: 400, height: 300 });
    expect((await postUpload(gw, candidate.cookie, token.uploadUrl, file)).status).toBe(201);
    expect(await postUpload(gw, candidate.cookie, token.uploadUrl, file)).toMatchObject({ status: 401, body: { errorCode: 'UPLOAD_TOKEN_INVALID' } });

    const expiring = await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' });
    expect(new Date(expiring.expiresAt).getTime() - SEEDED_AT.getTime()).toBe(600_000);
    clock.set(new Date(expiring.expiresAt));
    const fresh = await (await import('./registration-support')).signInAt(gw, candidate.accountId, clock.now());
    expect((await postUpload(gw, fresh, expiring.uploadUrl, file)).status).toBe(401);
    clock.set(SEEDED_AT);
    expect((await postUpload(gw, candidate.cookie, '/api/uploads?token=../../etc/passwd', file)).status).toBe(401);
  });

  it('refuses a body over UPLOAD_MAX_BYTES, declared or streamed, without storing anything', async () => {
    const { candidate, id } = await atMaterials();
    const filesBefore = storedFiles().length;
    const big = makeJpeg({ width: 2000, height: 3000, dataBytes: MAX_BYTES + 10 });
    const declared = await postUpload(gw, candidate.cookie, (await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' })).uploadUrl, big);
    expect(declared).toMatchObject({ status: 413, body: { errorCode: 'UPLOAD_TOO_LARGE', message: '文件过大,请上传不超过128KB的文件' } });

    // Chunked, no Content-Length: refused while streaming.
    const token = await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' });
    const streamed = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(`${gw.url}${token.uploadUrl}`, { method: 'POST', headers: { cookie: candidate.cookie, 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      for (let i = 0; i < big.length; i += 16 * 1024) req.write(big.subarray(i, i + 16 * 1024));
      req.end();
    });
    expect(streamed).toMatchObject({ status: 413, body: { errorCode: 'UPLOAD_TOO_LARGE' } });
    expect(storedFiles().length).toBe(filesBefore);
  });

  it('is refused once the application is submitted', async () => {
    const { candidate, id } = await atMaterials();
    for (const code of ['IDENTITY_DOCUMENT', 'EDUCATION_CERTIFICATE', 'WORK_PROOF']) {
      await upload(gw, candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: code }, encodeTestImage('image/jpeg', { width: 400, height: 300 }));
    }
    await call(gw, candidate.cookie, 'confirmMaterials', { id });
    const token = await tokenFor(candidate.cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: 'WORK_PROOF' });
    expect((await call(gw, candidate.cookie, 'submit', { id })).ok).toBe(true);
    expect(await postUpload(gw, candidate.cookie, token.uploadUrl, encodeTestImage('image/jpeg', { width: 400, height: 300 }))).toMatchObject({ status: 409, body: { errorCode: 'NOT_EDITABLE' } });
    expect((await tokenFor(candidate.cookie, { applicationId: id, purpose: 'PHOTO' })).errorCode).toBe('NOT_EDITABLE');
    const photo = (await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: candidate.cookie })).body.data.myApplication.photo;
    expect((await call(gw, candidate.cookie, 'deleteUpload', { uploadId: photo.id })).errorCode).toBe('NOT_EDITABLE');
  });
});
