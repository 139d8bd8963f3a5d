import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeResidentId } from '../src/modules/account/identity-document.testing';
import { PiiProtector } from '../src/modules/account/pii-protector';
import type { OpsPrincipal } from '../src/modules/ops/ops-principal';
import { encodeTestImage } from '../src/modules/registration/image-inspection.testing';
import { seedDemoData } from '../src/seed/demo-data';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from './support';

/** 2026-11-26 12:00 in China: the demo windows open the day before and close 45 days later. */
export const SEEDED_AT = new Date('2026-11-26T04:00:00Z');
export const EXAM_YEAR = 2026;

export const REVIEWERS: Record<string, OpsPrincipal> = {
  beijing: { id: '00000000-0000-4000-8000-0000000000b1', username: 'bj-reviewer', roles: ['REVIEWER'], unitCodes: ['110000'] },
  shanghai: { id: '00000000-0000-4000-8000-0000000000c1', username: 'sh-reviewer', roles: ['REVIEWER'], unitCodes: ['310000'] },
  admin: { id: '00000000-0000-4000-8000-0000000000a1', username: 'admin', roles: ['ADMIN'], unitCodes: [] },
};

/** A gateway on its own database with demo data, uploads in a temporary directory, test reviewers. */
export async function startRegistrationGateway(options: TestGatewayOptions = {}): Promise<TestGateway & { uploadDir: string }> {
  const uploadDir = mkdtempSync(join(tmpdir(), 'ccap-uploads-'));
  const gw = await startTestGateway({ opsPrincipals: REVIEWERS, ...options, env: { UPLOAD_DIR: uploadDir, ...options.env } });
  await seedDemoData(gw.orm.em.fork(), SEEDED_AT);
  return Object.assign(gw, { uploadDir });
}

export interface TestCandidate {
  accountId: string;
  name: string;
  documentNumber: string;
  phone: string;
  cookie: string;
}

let serial = 0;

/**
 * Candidates created straight in the database (hundreds at once for the capacity test: the SMS
 * flow is tested elsewhere), real-name verified unless asked otherwise, each with a live session
 * as of the gateway clock `now`.
 */
export async function insertCandidates(
  gw: TestGateway,
  count: number,
  now: Date,
  options: { realNameVerified?: boolean; name?: string } = {},
): Promise<TestCandidate[]> {
  const pii = new PiiProtector(gw.config.pii);
  const candidates: TestCandidate[] = [];
  const rows: unknown[] = [];
  for (let i = 0; i < count; i++) {
    serial += 1;
    const documentNumber = makeResidentId('110105', '19900307', String(serial % 1000).padStart(3, '0')).slice(0, 17) + String(serial % 10);
    const phone = `137${String(process.pid % 10_000).padStart(4, '0')}${String(serial).padStart(4, '0')}`;
    const accountId = crypto.randomUUID();
    const name = options.name ?? `考生${serial}`;
    candidates.push({ accountId, name, documentNumber, phone, cookie: '' });
    rows.push({
      id: accountId,
      document_number_encrypted: pii.encrypt('DOCUMENT_NUMBER', documentNumber).toString('base64'),
      // Keyed by serial too: the numbers above are only meant to look real, not to be unique.
      document_number_lookup: pii.lookupHash('DOCUMENT_NUMBER', `${documentNumber}#${serial}#${randomBytes(4).toString('hex')}`).toString('base64'),
      name,
      phone_encrypted: pii.encrypt('PHONE', phone).toString('base64'),
      phone_lookup: pii.lookupHash('PHONE', `${phone}#${randomBytes(4).toString('hex')}`).toString('base64'),
      verified_at: options.realNameVerified === false ? null : now.toISOString(),
    });
  }
  await gw.orm.em.getConnection().execute(
    `insert into candidate_account (id, document_type, document_number_encrypted, document_number_lookup, name, phone_encrypted, phone_lookup,
                                    password_hash, real_name_verified_at, created_at, updated_at)
     select r.id, 'RESIDENT_ID', decode(r.document_number_encrypted, 'base64'), decode(r.document_number_lookup, 'base64'), r.name,
            decode(r.phone_encrypted, 'base64'), decode(r.phone_lookup, 'base64'), 'not-a-password-hash', r.verified_at, now(), now()
       from jsonb_to_recordset(?::jsonb) as r(id uuid, document_number_encrypted text, document_number_lookup text, name text,
                                              phone_encrypted text, phone_lookup text, verified_at timestamptz)`,
    [JSON.stringify(rows)],
  );
  for (const candidate of candidates) candidate.cookie = await signInAt(gw, candidate.accountId, now);
  return candidates;
}

export async function insertCandidate(gw: TestGateway, now: Date, options: { realNameVerified?: boolean; name?: string } = {}): Promise<TestCandidate> {
  return (await insertCandidates(gw, 1, now, options))[0]!;
}

/** A fresh session cookie as of `now` (sessions idle out after 30 minutes of gateway-clock time). */
export async function signInAt(gw: TestGateway, accountId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await gw.orm.em.getConnection().execute(
    `insert into candidate_session (token_hash, account_id, created_at, last_seen_at, expires_at, revoked_at) values (?, ?, ?, ?, ?, null)`,
    [createHash('sha256').update(token).digest(), accountId, now, now, new Date(now.getTime() + 12 * 3600_000)],
  );
  return `ccap_sid=${token}`;
}

/** The test helper the real-name hook asks for: marks the account 实名认证 done (or undone). */
export async function setRealNameVerified(gw: TestGateway, accountId: string, at: Date | null): Promise<void> {
  await gw.orm.em.getConnection().execute(`update candidate_account set real_name_verified_at = ? where id = ?`, [at, accountId]);
}

export async function recordPass(gw: TestGateway, accountId: string, subjectCode: string, examYear: number): Promise<void> {
  await gw.orm.em.getConnection().execute(
    `insert into subject_pass (id, account_id, subject_code, exam_year) values (gen_random_uuid(), ?, ?, ?)`,
    [accountId, subjectCode, examYear],
  );
}

export interface ExamUnitRef {
  examUnitId: string;
  examId: string;
  registrationStartsAt: Date;
  registrationEndsAt: Date;
}

/** The exam unit of `level` in `unitCode` (seeded for EXAM_YEAR). */
export async function examUnit(gw: TestGateway, level: 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR', unitCode: string): Promise<ExamUnitRef> {
  const [row] = await gw.orm.em.getConnection().execute<Array<Record<string, string>>>(
    `select eu.id, eu.exam_id, eu.registration_starts_at, eu.registration_ends_at
       from exam_unit eu join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
      where e.level = ? and e.year = ? and u.code = ?`,
    [level, EXAM_YEAR, unitCode],
  );
  if (!row) throw new Error(`no exam unit ${level} ${unitCode}`);
  return {
    examUnitId: row.id!,
    examId: row.exam_id!,
    registrationStartsAt: new Date(row.registration_starts_at!),
    registrationEndsAt: new Date(row.registration_ends_at!),
  };
}

export const APPLICATION_FIELDS = /* GraphQL */ `
  id status statusLabel currentStep level examUnitId conditionRoute subjectCodes reviewReason submittedAt reviewedAt feeFen registrationOpen
  unit { code name } city { id name } point { id name } subjects { code name }
  photo { id width height sizeBytes contentType url } materials { id materialCode url }
  history { fromStatus toStatus actorKind actorId reason }
  steps { step label reached current }
  personalInfo { basic { gender ethnicity mailingAddress } educations { level school graduationDate } work { employer records { start end isAccounting } } }
`;

const RESULT = `ok errorCode message field unmet { code message } application { ${APPLICATION_FIELDS} }`;

export const OPS = {
  start: `mutation($examUnitId: ID!) { startApplication(examUnitId: $examUnitId) { ${RESULT} } }`,
  accept: `mutation($id: ID!, $agreed: Boolean!) { acceptAgreement(applicationId: $id, agreed: $agreed) { ${RESULT} } }`,
  notices: `mutation($id: ID!) { acknowledgeNotices(applicationId: $id) { ${RESULT} } }`,
  conditions: `mutation($id: ID!, $route: String!) { chooseConditions(applicationId: $id, route: $route) { ${RESULT} } }`,
  save: `mutation($id: ID!, $input: ApplicationDetailsInput!) { saveApplicationDetails(applicationId: $id, input: $input) { ${RESULT} } }`,
  confirmDetails: `mutation($id: ID!) { confirmDetails(applicationId: $id) { ${RESULT} } }`,
  token: `mutation($input: UploadTokenInput!) { requestUploadToken(input: $input) { ok errorCode message field token uploadUrl expiresAt maxBytes } }`,
  deleteUpload: `mutation($uploadId: ID!) { deleteApplicationUpload(uploadId: $uploadId) { ${RESULT} } }`,
  confirmMaterials: `mutation($id: ID!) { confirmMaterials(applicationId: $id) { ${RESULT} } }`,
  submit: `mutation($id: ID!) { submitApplication(applicationId: $id) { ${RESULT} } }`,
  withdraw: `mutation($id: ID!) { withdrawApplication(applicationId: $id) { ${RESULT} } }`,
  mine: `query($examId: ID!) { myApplication(examId: $examId) { ${APPLICATION_FIELDS} } }`,
};

/** A complete, eligible personal-information form (中级 本科 route: 4 years of accounting work by 2026-12-31). */
export function personalInfo(overrides: { workStart?: string; employer?: string | null; accountantTitleSince?: string | null } = {}) {
  return {
    basic: { gender: 'FEMALE', ethnicity: '汉族', politicalStatus: '群众', email: 'kaosheng@example.cn', mailingAddress: '北京市海淀区中关村大街1号', postalCode: '100080' },
    educations: [{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2016-07-01' }],
    degrees: [{ degree: 'BACHELOR', school: '中央财经大学', major: '会计学', obtainedDate: '2016-07-01' }],
    work: {
      employer: overrides.employer === undefined ? '北京燕园科技有限公司' : overrides.employer,
      employerNature: '企业',
      position: '会计',
      records: [{ employer: '北京燕园科技有限公司', start: overrides.workStart ?? '2016-07-15', end: null as string | null, isAccounting: true }],
      accountantTitleSince: overrides.accountantTitleSince ?? null,
      otherQualifications: [],
    },
  };
}

export const ROUTE_FOR = { JUNIOR: 'JUNIOR_HIGH_SCHOOL_OR_ABOVE', INTERMEDIATE: 'INTERMEDIATE_BACHELOR', SENIOR: 'SENIOR_BACHELOR_OR_MASTER' } as const;
export const SUBJECTS_FOR = {
  JUNIOR: ['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW'],
  INTERMEDIATE: ['INTERMEDIATE_PRACTICE', 'FINANCIAL_MANAGEMENT'],
  SENIOR: ['SENIOR_PRACTICE'],
} as const;

/** A valid 报名照片: JPEG, 413×579 (> 295×413), > 10 KB. */
export const PHOTO = encodeTestImage('image/jpeg', { width: 413, height: 579, exifMake: 'SecretCam' });

/** A point of the unit's first city: the unlimited one, or the small (capacity 5) one. */
export async function pointOf(gw: TestGateway, examUnitId: string, kind: 'unlimited' | 'small' = 'unlimited'): Promise<{ cityId: string; pointId: string }> {
  const [row] = await gw.orm.em.getConnection().execute<Array<{ city_id: string; id: string }>>(
    `select p.city_id, p.id from registration_point p join registration_city c on c.id = p.city_id
      where p.exam_unit_id = ? and c.sort_order = 1 and (p.capacity is ${kind === 'small' ? 'not ' : ''}null)`,
    [examUnitId],
  );
  return { cityId: row!.city_id, pointId: row!.id };
}

export async function postUpload(gw: TestGateway, cookie: string | null, uploadUrl: string, bytes: Buffer) {
  const res = await fetch(`${gw.url}${uploadUrl}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(cookie ? { cookie } : {}) },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** requestUploadToken + POST, expecting success; returns the upload. */
export async function upload(gw: TestGateway, cookie: string, input: Record<string, unknown>, bytes: Buffer) {
  const token = await gw.graphql(OPS.token, { input }, { cookie });
  if (!token.body.data?.requestUploadToken.ok) throw new Error(`requestUploadToken failed: ${JSON.stringify(token.body)}`);
  const res = await postUpload(gw, cookie, token.body.data.requestUploadToken.uploadUrl, bytes);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.upload as { id: string; url: string; sizeBytes: number; width: number; height: number };
}

/** Calls one candidate mutation and returns its result object, failing loudly on transport errors. */
export async function call(gw: TestGateway, cookie: string, op: keyof typeof OPS, variables: Record<string, unknown>): Promise<any> {
  const { body } = await gw.graphql(OPS[op], variables, { cookie });
  if (body.errors) throw new Error(`${op}: ${JSON.stringify(body.errors)}`);
  return Object.values(body.data)[0];
}

/**
 * Walks 报名导览 through the API up to 信息确认 (ready to 提交): agreement, notices, conditions,
 * details with photo, required materials. Returns the application id.
 */
export async function walkToConfirm(
  gw: TestGateway,
  cookie: string,
  unit: ExamUnitRef,
  level: 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR',
  options: { point?: { cityId: string; pointId: string }; info?: unknown } = {},
): Promise<string> {
  const expectOk = (result: any, step: string) => {
    if (!result.ok) throw new Error(`${step}: ${result.errorCode} ${result.message}`);
    return result;
  };
  const started = expectOk(await call(gw, cookie, 'start', { examUnitId: unit.examUnitId }), 'start');
  const id = started.application.id as string;
  expectOk(await call(gw, cookie, 'accept', { id, agreed: true }), 'accept');
  expectOk(await call(gw, cookie, 'notices', { id }), 'notices');
  expectOk(await call(gw, cookie, 'conditions', { id, route: ROUTE_FOR[level] }), 'conditions');
  const point = options.point ?? (await pointOf(gw, unit.examUnitId));
  expectOk(
    await call(gw, cookie, 'save', { id, input: { ...point, subjectCodes: SUBJECTS_FOR[level], personalInfo: options.info ?? personalInfo({ accountantTitleSince: level === 'SENIOR' ? '2018-01-01' : null }) } }),
    'save',
  );
  await upload(gw, cookie, { applicationId: id, purpose: 'PHOTO' }, PHOTO);
  expectOk(await call(gw, cookie, 'confirmDetails', { id }), 'confirmDetails');
  const required = await gw.orm.em.getConnection().execute<Array<{ code: string }>>(
    `select code from material_requirement where exam_unit_id = ? and required order by sort_order`,
    [unit.examUnitId],
  );
  for (const { code } of required) await upload(gw, cookie, { applicationId: id, purpose: 'MATERIAL', materialCode: code }, encodeTestImage('image/jpeg', { width: 600, height: 400 }));
  expectOk(await call(gw, cookie, 'confirmMaterials', { id }), 'confirmMaterials');
  return id;
}
