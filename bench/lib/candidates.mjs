// Bench-only data preparation straight in PostgreSQL (not a production code path): candidates with
// live sessions, and applications cloned from one walked through the real API up to 信息确认.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

export const APPLICATION_FIELDS = `id status statusLabel currentStep level examUnitId subjectCodes reviewReason submittedAt feeFen registrationOpen
  unit { code name } city { id name } point { id name } subjects { code name }
  photo { id width height } materials { id materialCode }
  history { fromStatus toStatus actorKind reason }
  steps { step label reached current }`;

const RESULT = `ok errorCode message application { id status currentStep }`;
export const OPS = {
  start: `mutation($examUnitId: ID!) { startApplication(examUnitId: $examUnitId) { ${RESULT} } }`,
  accept: `mutation($id: ID!, $agreed: Boolean!) { acceptAgreement(applicationId: $id, agreed: $agreed) { ${RESULT} } }`,
  notices: `mutation($id: ID!) { acknowledgeNotices(applicationId: $id) { ${RESULT} } }`,
  conditions: `mutation($id: ID!, $route: String!) { chooseConditions(applicationId: $id, route: $route) { ${RESULT} } }`,
  save: `mutation($id: ID!, $input: ApplicationDetailsInput!) { saveApplicationDetails(applicationId: $id, input: $input) { ${RESULT} } }`,
  confirmDetails: `mutation($id: ID!) { confirmDetails(applicationId: $id) { ${RESULT} } }`,
  token: `mutation($input: UploadTokenInput!) { requestUploadToken(input: $input) { ok errorCode message uploadUrl } }`,
  confirmMaterials: `mutation($id: ID!) { confirmMaterials(applicationId: $id) { ${RESULT} } }`,
  submit: `mutation($id: ID!) { submitApplication(applicationId: $id) { ok errorCode application { id status } } }`,
  mine: `query($examId: ID!) { myApplication(examId: $examId) { ${APPLICATION_FIELDS} } }`,
};

export function withPool(databaseUrl, fn) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  return fn(pool).finally(() => pool.end());
}

let serial = 0;

/**
 * `count` real-name-verified candidates, each with a live session; returns { accountId, cookie, phone }.
 * With `passwordHash` (one argon2id hash shared by all: hashing thousands would take minutes) they can
 * also 登录 with their phone number, whose lookup is then the real one.
 */
export async function insertCandidates(pool, pii, count, { passwordHash } = {}) {
  const rows = [];
  const sessions = [];
  const out = [];
  const now = new Date();
  for (let i = 0; i < count; i++) {
    serial += 1;
    const accountId = randomUUID();
    const documentNumber = `11010519900307${String(serial).padStart(4, '0')}`;
    const phone = `139${String(serial).padStart(8, '0')}`;
    rows.push({
      id: accountId,
      dn: pii.encrypt('DOCUMENT_NUMBER', documentNumber).toString('base64'),
      dl: pii.lookupHash('DOCUMENT_NUMBER', `${documentNumber}#bench#${randomBytes(4).toString('hex')}`).toString('base64'),
      name: `考生${serial}`,
      pe: pii.encrypt('PHONE', phone).toString('base64'),
      pl: pii.lookupHash('PHONE', passwordHash ? phone : `${phone}#bench#${randomBytes(4).toString('hex')}`).toString('base64'),
    });
    const token = randomBytes(32).toString('base64url');
    sessions.push({ h: createHash('sha256').update(token).digest('base64'), a: accountId });
    out.push({ accountId, cookie: `ccap_sid=${token}`, phone });
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await pool.query(
      `insert into candidate_account (id, document_type, document_number_encrypted, document_number_lookup, name, phone_encrypted, phone_lookup,
                                      password_hash, real_name_verified_at, created_at, updated_at)
       select r.id, 'RESIDENT_ID', decode(r.dn, 'base64'), decode(r.dl, 'base64'), r.name, decode(r.pe, 'base64'), decode(r.pl, 'base64'),
              $2, now(), now(), now()
         from jsonb_to_recordset($1::jsonb) as r(id uuid, dn text, dl text, name text, pe text, pl text)`,
      [JSON.stringify(rows.slice(i, i + 2000)), passwordHash ?? 'not-a-password-hash'],
    );
    await pool.query(
      `insert into candidate_session (token_hash, account_id, created_at, last_seen_at, expires_at, revoked_at)
       select decode(s.h, 'base64'), s.a, $2, $2, $3, null from jsonb_to_recordset($1::jsonb) as s(h text, a uuid)`,
      [JSON.stringify(sessions.slice(i, i + 2000)), now, new Date(now.getTime() + 12 * 3600_000)],
    );
  }
  return out;
}

/** The PII protector and keys of the gateway under test (loaded from its own source through tsx). */
export async function piiOf(gatewayModule, gatewayEnv) {
  const { loadConfig } = await gatewayModule('src/config.ts');
  const { PiiProtector } = await gatewayModule('src/modules/account/pii-protector.ts');
  return new PiiProtector(loadConfig(gatewayEnv).pii);
}

export function personalInfo() {
  return {
    basic: { gender: 'FEMALE', ethnicity: '汉族', politicalStatus: '群众', email: 'kaosheng@example.cn', mailingAddress: '北京市海淀区中关村大街1号', postalCode: '100080' },
    educations: [{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2016-07-01' }],
    degrees: [{ degree: 'BACHELOR', school: '中央财经大学', major: '会计学', obtainedDate: '2016-07-01' }],
    work: {
      employer: '北京燕园科技有限公司',
      employerNature: '企业',
      position: '会计',
      records: [{ employer: '北京燕园科技有限公司', start: '2016-07-15', end: null, isAccounting: true }],
      accountantTitleSince: null,
      otherQualifications: [],
    },
  };
}

/** 北京 初级 (open in the demo data): its exam unit, and its points (unlimited ones and the small ones). */
export async function beijingJunior(pool) {
  const { rows: [unit] } = await pool.query(
    `select eu.id, eu.exam_id from exam_unit eu join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
      where e.level = 'JUNIOR' and u.code = '110000' order by e.year desc limit 1`,
  );
  const { rows: points } = await pool.query(`select id, city_id, capacity from registration_point where exam_unit_id = $1 order by sort_order`, [unit.id]);
  return { examUnitId: unit.id, examId: unit.exam_id, points };
}

/** Walks one candidate through 报名导览 with the real API up to 信息确认 (CONFIRM); returns the application id. */
export async function walkToConfirm({ gatewayUrl, gatewayModule }, cookie, unit) {
  // Decodable pictures: the gateway re-encodes every upload.
  const { encodeTestImage } = await gatewayModule('src/modules/registration/image-inspection.testing.ts');
  const makeJpeg = ({ width, height }) => encodeTestImage('image/jpeg', { width, height });
  const gql = async (query, variables) => {
    const res = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const result = Object.values(body.data)[0];
    if (result && result.ok === false) throw new Error(`${query.slice(0, 40)}: ${result.errorCode} ${result.message}`);
    return result;
  };
  const upload = async (input, bytes) => {
    const { uploadUrl } = await gql(OPS.token, { input });
    const res = await fetch(`${gatewayUrl}${uploadUrl}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', cookie }, body: bytes });
    if (res.status !== 201) throw new Error(`upload ${res.status} ${await res.text()}`);
  };
  const id = (await gql(OPS.start, { examUnitId: unit.examUnitId })).application.id;
  await gql(OPS.accept, { id, agreed: true });
  await gql(OPS.notices, { id });
  await gql(OPS.conditions, { id, route: 'JUNIOR_HIGH_SCHOOL_OR_ABOVE' });
  const point = unit.points.find((p) => p.capacity === null);
  await gql(OPS.save, { id, input: { cityId: point.city_id, pointId: point.id, subjectCodes: ['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW'], personalInfo: personalInfo() } });
  await upload({ applicationId: id, purpose: 'PHOTO' }, makeJpeg({ width: 413, height: 579 }));
  await gql(OPS.confirmDetails, { id });
  return { id, gql, upload, makeJpeg };
}

/**
 * Copies the template application (and its live uploads) to each target { accountId, cityId, pointId }:
 * the same state, owned by another candidate, choosing another point. Returns the new ids in order.
 */
export async function cloneApplication(pool, templateId, targets) {
  const columns = async (table) =>
    (await pool.query(`select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`, [table])).rows.map(
      (r) => r.column_name,
    );
  const appColumns = (await columns('application')).filter((c) => !['id', 'account_id', 'city_id', 'point_id'].includes(c));
  const uploadColumns = (await columns('application_upload')).filter((c) => !['id', 'account_id', 'application_id'].includes(c));
  const mapped = targets.map((t) => ({ ...t, applicationId: randomUUID() }));
  for (let i = 0; i < mapped.length; i += 2000) {
    const batch = JSON.stringify(mapped.slice(i, i + 2000).map((t) => ({ app: t.applicationId, acc: t.accountId, city: t.cityId, point: t.pointId })));
    await pool.query(
      `insert into application (id, account_id, city_id, point_id, ${appColumns.map((c) => `"${c}"`).join(', ')})
       select m.app, m.acc, m.city, m.point, ${appColumns.map((c) => `a."${c}"`).join(', ')}
         from application a, jsonb_to_recordset($2::jsonb) as m(app uuid, acc uuid, city uuid, point uuid) where a.id = $1`,
      [templateId, batch],
    );
    await pool.query(
      `insert into application_upload (id, account_id, application_id, ${uploadColumns.map((c) => `"${c}"`).join(', ')})
       select gen_random_uuid(), m.acc, m.app, ${uploadColumns.map((c) => `u."${c}"`).join(', ')}
         from application_upload u, jsonb_to_recordset($2::jsonb) as m(app uuid, acc uuid) where u.application_id = $1 and u.deleted_at is null`,
      [templateId, batch],
    );
  }
  return mapped.map((t) => t.applicationId);
}

/**
 * Drafts at 信息确认 for `count` new candidates; `pointFor(i)` picks each one's point. `options` go to
 * insertCandidates (a `passwordHash` lets them 登录).
 */
export async function preparedDrafts(ctx, pool, count, pointFor, options) {
  const pii = await piiOf(ctx.gatewayModule, ctx.gatewayEnv);
  const unit = await beijingJunior(pool);
  const [template, ...candidates] = await insertCandidates(pool, pii, count + 1, options);
  const walked = await walkToConfirm(ctx, template.cookie, unit);
  const { required } = (await pool.query(`select coalesce(array_agg(code), '{}') as required from material_requirement where exam_unit_id = $1 and required`, [unit.examUnitId])).rows[0];
  for (const code of required) await walked.upload({ applicationId: walked.id, purpose: 'MATERIAL', materialCode: code }, walked.makeJpeg({ width: 600, height: 400 }));
  await walked.gql(OPS.confirmMaterials, { id: walked.id });
  const targets = candidates.map((c, i) => {
    const point = pointFor(i, unit.points);
    return { accountId: c.accountId, cityId: point.city_id, pointId: point.id };
  });
  const ids = await cloneApplication(pool, walked.id, targets);
  return { unit, template: { ...template, applicationId: walked.id }, drafts: candidates.map((c, i) => ({ ...c, applicationId: ids[i], pointId: targets[i].pointId, cityId: targets[i].cityId })) };
}

/**
 * 审核通过 for prepared drafts (as a reviewer would leave them): APPROVED at 网上缴费, holding their
 * 报名点 place (so `taken` still equals the places held, which the submit checks compare).
 */
export async function approveDrafts(pool, drafts) {
  const ids = drafts.map((d) => d.applicationId);
  await pool.query(
    `update application set status = 'APPROVED', current_step = 'PAYMENT', held_point_id = point_id, submitted_at = now(), reviewed_at = now()
      where id = any($1::uuid[])`,
    [ids],
  );
  await pool.query(
    `update registration_point p set taken = p.taken + h.n
       from (select held_point_id, count(*)::int as n from application where id = any($1::uuid[]) group by held_point_id) h
      where p.id = h.held_point_id`,
    [ids],
  );
}

/**
 * `count` login captchas with known answers, stored as CaptchaService stores them (keyed hash bound
 * to the id, 5 minutes to live): a production gateway shows the answer only in the image.
 */
export async function insertCaptchas(pool, pii, count) {
  const captchas = Array.from({ length: count }, () => {
    const id = randomUUID();
    const answer = 'BNCH';
    return { id, answer, hash: pii.secretHash('captcha', id, answer).toString('base64') };
  });
  for (let i = 0; i < captchas.length; i += 5000) {
    await pool.query(
      `insert into captcha_challenge (id, answer_hash, issued_at, expires_at)
       select c.id, decode(c.hash, 'base64'), now(), now() + interval '5 minutes' from jsonb_to_recordset($1::jsonb) as c(id uuid, hash text)`,
      [JSON.stringify(captchas.slice(i, i + 5000))],
    );
  }
  return captchas.map(({ id, answer }) => ({ id, answer }));
}

/** One argon2id hash of `password` with the gateway's own parameters (PasswordHasher). */
export async function passwordHashOf(gatewayModule, password) {
  const { PasswordHasher } = await gatewayModule('src/modules/account/password-hasher.ts');
  return new PasswordHasher().hash(password);
}
