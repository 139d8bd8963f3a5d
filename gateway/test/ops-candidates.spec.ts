import { makeResidentId } from '../src/modules/account/identity-document.testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../src/graphql/schema';
import { registerCandidate } from './account-support';
import { auditRows } from './ops-support';
import { startTestGateway, TEST_OPS_HEADER, type TestGateway } from './support';

const admin = { id: '00000000-0000-4000-8000-0000000000a2', username: 'admin', roles: ['ADMIN' as const], unitCodes: [] };
const reviewer = { id: '00000000-0000-4000-8000-0000000000b1', username: 'reviewer-bj', roles: ['REVIEWER' as const], unitCodes: ['110000'] };
const asAdmin = { [TEST_OPS_HEADER]: 'admin' };
const asReviewer = { [TEST_OPS_HEADER]: 'reviewer' };

let gw: TestGateway;
let zhangSan: Awaited<ReturnType<typeof registerCandidate>>;
let zhangSanFeng: Awaited<ReturnType<typeof registerCandidate>>;
let rare: Awaited<ReturnType<typeof registerCandidate>>;

beforeAll(async () => {
  gw = await startTestGateway({ opsPrincipals: { admin, reviewer } });
  // Names unique to this file's database: each test file gets a fresh clone of the template.
  zhangSan = await registerCandidate(gw, { name: '张三' });
  zhangSanFeng = await registerCandidate(gw, { name: '张三丰' });
  await registerCandidate(gw, { name: '欧阳娜娜' });
  rare = await registerCandidate(gw, { name: '𠮷野家' });
});
afterAll(() => gw?.close());

const SEARCH = /* GraphQL */ `
  query($by: CandidateSearchInput!, $first: Int, $after: String) {
    searchCandidates(by: $by, first: $first, after: $after) {
      ok errorCode message nextCursor
      candidates { id maskedName documentType maskedDocumentNumber maskedPhone registeredAt }
    }
  }
`;
const DETAIL = /* GraphQL */ `
  query($id: ID!, $reason: String!) {
    candidateDetail(id: $id, reason: $reason) {
      ok errorCode message candidate { id name documentType documentNumber nationality phone registeredAt }
    }
  }
`;
const AUDIT = /* GraphQL */ `
  query($filter: AuditRecordFilterInput, $first: Int, $after: String) {
    auditRecords(filter: $filter, first: $first, after: $after) {
      nextCursor
      records { id occurredAt actorType actorId actorUsername actorRole action targetType targetId ip userAgent requestId reason details }
    }
  }
`;

/** Another valid 居民身份证号码 with the same first and last 4 characters (so the same masked form). */
function sameMaskedNumber(doc: string): string {
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= 28; day++) {
      const twin = makeResidentId(doc.slice(0, 6), `${doc.slice(6, 10)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`, doc.slice(14, 17));
      if (twin !== doc && twin.slice(-4) === doc.slice(-4)) return twin;
    }
  }
  throw new Error(`no twin for ${doc}`);
}

const search = async (by: Record<string, string | undefined>, headers = asReviewer, extra: Record<string, unknown> = {}) =>
  (await gw.graphql(SEARCH, { by, ...extra }, headers)).body.data.searchCandidates;

describe('searchCandidates (reviewers and admins, masked)', () => {
  it('finds by the start of the name in byte order, masked, a page at a time', async () => {
    const first = await search({ namePrefix: '张' }, asReviewer, { first: 1 });
    expect(first).toMatchObject({ ok: true, candidates: [{ id: zhangSan.viewer.id, maskedName: '张*' }] });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search({ namePrefix: '张' }, asReviewer, { first: 1, after: first.nextCursor });
    expect(second.candidates.map((c: any) => [c.id, c.maskedName])).toEqual([[zhangSanFeng.viewer.id, '张**']]);
    expect(second.nextCursor).toBeNull();
    expect((await search({ namePrefix: '欧阳' })).candidates.map((c: any) => c.maskedName)).toEqual(['欧阳**']);
  });

  it('finds names with rare characters outside the BMP', async () => {
    const found = await search({ namePrefix: '𠮷' });
    expect(found.candidates.map((c: any) => [c.id, c.maskedName])).toEqual([[rare.viewer.id, '𠮷**']]);
  });

  it('treats LIKE wildcards in the prefix as themselves', async () => {
    for (const namePrefix of ['%', '_', '张%', '\\']) expect((await search({ namePrefix })).candidates).toEqual([]);
  });

  it('finds by exact 证件号码 or 手机号 through the keyed hash, in any spelling, and shows them masked', async () => {
    const doc = zhangSan.input.documentNumber as string;
    const phone = zhangSan.input.phone as string;
    const byDocument = await search({ documentNumber: ` ${doc.toLowerCase()} ` });
    expect(byDocument.candidates).toEqual([
      {
        id: zhangSan.viewer.id,
        maskedName: '张*',
        documentType: 'RESIDENT_ID',
        maskedDocumentNumber: `${doc.slice(0, 4)}**********${doc.slice(-4)}`,
        maskedPhone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        registeredAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(byDocument)).not.toContain(doc);
    expect(JSON.stringify(byDocument)).not.toContain(phone);
    expect((await search({ phone: `+86 ${phone}` })).candidates.map((c: any) => c.id)).toEqual([zhangSan.viewer.id]);
    expect((await search({ phone: '13000000000' })).candidates).toEqual([]);
  });

  it('finds by a masked 证件号码 through the keyed hash of the masked form, in pages, without the pattern in the audit trail', async () => {
    const doc = zhangSan.input.documentNumber as string;
    const masked = `${doc.slice(0, 4)}**********${doc.slice(-4)}`;
    const all = [zhangSan, zhangSanFeng, rare];
    const sameMask = all.filter((c) => {
      const d = c.input.documentNumber as string;
      return d.slice(0, 4) === doc.slice(0, 4) && d.slice(-4) === doc.slice(-4);
    });
    const found = await search({ maskedDocumentNumber: masked.toLowerCase() });
    expect(found.ok).toBe(true);
    expect(found.candidates.map((c: any) => c.id).sort()).toEqual(sameMask.map((c) => c.viewer.id).sort());
    expect(found.candidates.every((c: any) => c.maskedDocumentNumber === masked)).toBe(true);
    // The same typed into documentNumber, and with one * for the hidden part.
    expect((await search({ documentNumber: masked })).candidates.map((c: any) => c.id)).toContain(zhangSan.viewer.id);
    expect((await search({ maskedDocumentNumber: `${doc.slice(0, 4)}*${doc.slice(-4)}` })).candidates.map((c: any) => c.id)).toContain(zhangSan.viewer.id);
    const other = `${doc.slice(0, 4)}**********${String((Number(doc.slice(-4, -1)) + 1) % 1000).padStart(3, '0')}${doc.slice(-1)}`;
    expect((await search({ maskedDocumentNumber: other })).candidates.map((c: any) => c.id)).not.toContain(zhangSan.viewer.id);

    // Several accounts behind one masked number: pages by id.
    const twin = await registerCandidate(gw, { name: '李四', documentNumber: sameMaskedNumber(doc) });
    const page1 = await search({ maskedDocumentNumber: masked }, asReviewer, { first: 1 });
    expect(page1.candidates).toHaveLength(1);
    const page2 = await search({ maskedDocumentNumber: masked }, asReviewer, { first: 1, after: page1.nextCursor });
    expect([page1.candidates[0].id, page2.candidates[0].id].sort()).toEqual([zhangSan.viewer.id, twin.viewer.id].sort());

    for (const bad of ['1101**1234', '11*********************34', '1101-1234', '*1234']) {
      expect(await search({ maskedDocumentNumber: bad }), bad).toMatchObject({ ok: false, errorCode: 'MASKED_NUMBER_FORMAT', candidates: [] });
    }
    const [record] = (await auditRows(gw, `action = 'CANDIDATE_SEARCHED' and details->>'by' = 'MASKED_DOCUMENT_NUMBER'`)).slice(0, 1);
    expect(record).toMatchObject({ actor_username: 'reviewer-bj', details: { found: sameMask.length } });
    expect(JSON.stringify(record)).not.toContain(doc.slice(-4));
  });

  it('records identifier searches (not the identifier) in the audit trail', async () => {
    const phone = zhangSanFeng.input.phone as string;
    await search({ phone }, asReviewer);
    const [row] = (await auditRows(gw, `action = 'CANDIDATE_SEARCHED' and target_id = ?`, [zhangSanFeng.viewer.id])).slice(-1);
    expect(row).toMatchObject({ actor_username: 'reviewer-bj', actor_role: 'REVIEWER', details: { by: 'PHONE', found: 1 } });
    expect(JSON.stringify(row)).not.toContain(phone);
  });

  it('asks for exactly one criterion', async () => {
    for (const by of [{}, { namePrefix: '张', phone: '13800000000' }, { namePrefix: '  ' }]) {
      expect(await search(by)).toMatchObject({ ok: false, errorCode: 'SEARCH_CRITERIA', candidates: [] });
    }
    expect(await search({ namePrefix: '张' }, asReviewer, { after: 'forged' })).toMatchObject({ ok: false, errorCode: 'INVALID_CURSOR' });
  });
});

describe('candidateDetail (admins, unmasked, audited)', () => {
  it('shows the record unmasked and writes the reason to the audit trail in the same transaction', async () => {
    const reason = '热线来电核实身份 工单2027-0103';
    const res = await gw.graphql(DETAIL, { id: zhangSan.viewer.id, reason }, { ...asAdmin, 'user-agent': 'detail-test' });
    expect(res.body.data.candidateDetail).toEqual({
      ok: true,
      errorCode: null,
      message: '已记录本次查看',
      candidate: {
        id: zhangSan.viewer.id,
        name: '张三',
        documentType: 'RESIDENT_ID',
        documentNumber: zhangSan.input.documentNumber,
        nationality: null,
        phone: zhangSan.input.phone,
        registeredAt: expect.any(String),
      },
    });
    const rows = await auditRows(gw, `action = 'PERSONAL_DATA_UNMASKED' and user_agent = 'detail-test'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_type: 'OPS',
      actor_id: admin.id,
      actor_username: 'admin',
      actor_role: 'ADMIN',
      target_type: 'CANDIDATE_ACCOUNT',
      target_id: zhangSan.viewer.id,
      reason,
      details: { fields: ['name', 'documentNumber', 'phone'] },
      request_id: res.headers.get('x-request-id'),
    });
    expect(JSON.stringify(rows)).not.toContain(zhangSan.input.documentNumber as string);
  });

  it('needs a reason and an existing account, and writes nothing when refused', async () => {
    const before = (await auditRows(gw, `action = 'PERSONAL_DATA_UNMASKED'`)).length;
    for (const reason of ['', '   ', '看看']) {
      expect((await gw.graphql(DETAIL, { id: zhangSan.viewer.id, reason }, asAdmin)).body.data.candidateDetail).toMatchObject({
        ok: false,
        errorCode: 'REASON_REQUIRED',
        candidate: null,
      });
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await gw.graphql(DETAIL, { id, reason: '核实身份信息' }, asAdmin)).body.data.candidateDetail.errorCode).toBe('CANDIDATE_NOT_FOUND');
    }
    expect((await auditRows(gw, `action = 'PERSONAL_DATA_UNMASKED'`)).length).toBe(before);
  });

  it('shows nothing when the audit record cannot be written: no record, no data', async () => {
    const conn = gw.orm.em.getConnection();
    await conn.execute(`create function spec_refuse_insert() returns trigger language plpgsql as $$ begin raise exception 'audit down'; end $$`);
    await conn.execute(`create trigger spec_refuse_insert before insert on audit_record for each row execute function spec_refuse_insert()`);
    try {
      const { body } = await gw.graphql(DETAIL, { id: zhangSan.viewer.id, reason: '核实身份信息' }, asAdmin);
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.data?.candidateDetail ?? null).toBeNull();
      expect(JSON.stringify(body)).not.toContain(zhangSan.input.phone as string);
    } finally {
      await conn.execute(`drop trigger spec_refuse_insert on audit_record`);
      await conn.execute(`drop function spec_refuse_insert()`);
    }
  });
});

describe('auditRecords (admins only, read-only)', () => {
  it('lists the trail newest first with filters and keyset pages', async () => {
    await gw.graphql(DETAIL, { id: zhangSanFeng.viewer.id, reason: '审核材料需要核对证件' }, asAdmin);
    await gw.graphql(DETAIL, { id: rare.viewer.id, reason: '审核材料需要核对证件' }, asAdmin);
    const page1 = (await gw.graphql(AUDIT, { filter: { action: 'PERSONAL_DATA_UNMASKED' }, first: 1 }, asAdmin)).body.data.auditRecords;
    expect(page1.records).toHaveLength(1);
    expect(page1.records[0]).toMatchObject({ actorUsername: 'admin', actorRole: 'ADMIN', targetId: rare.viewer.id, details: { fields: ['name', 'documentNumber', 'phone'] } });
    const page2 = (await gw.graphql(AUDIT, { filter: { action: 'PERSONAL_DATA_UNMASKED' }, first: 1, after: page1.nextCursor }, asAdmin)).body.data.auditRecords;
    expect(page2.records[0].targetId).toBe(zhangSanFeng.viewer.id);
    expect(Number(page2.records[0].id)).toBeLessThan(Number(page1.records[0].id));
    const byTarget = (await gw.graphql(AUDIT, { filter: { targetType: 'CANDIDATE_ACCOUNT', targetId: zhangSan.viewer.id } }, asAdmin)).body.data.auditRecords;
    expect(byTarget.records.map((r: any) => r.action)).toContain('PERSONAL_DATA_UNMASKED');
    expect((await gw.graphql(AUDIT, { after: 'forged' }, asAdmin)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is refused to reviewers (FORBIDDEN) and to everyone not signed in as ops (UNAUTHENTICATED)', async () => {
    expect((await gw.graphql(AUDIT, {}, asReviewer)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gw.graphql(AUDIT, {}, { cookie: zhangSan.cookie })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cannot be changed through the API: no mutation takes or returns audit records or names them', async () => {
    const schema = await buildGatewaySchema();
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const touching = mutations.filter(
      (m) => /audit/i.test(m.name) || /AuditRecord/.test(String(m.type)) || m.args.some((a) => /audit/i.test(a.name) || /Audit/.test(String(a.type))),
    );
    expect(touching.map((m) => m.name)).toEqual([]);
  });
});
