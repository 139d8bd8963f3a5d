import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, examUnit, insertCandidate, OPS, REVIEWERS, SEEDED_AT, startRegistrationGateway, type ExamUnitRef } from './registration-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

// 报名状态 answered from memory per candidate (graphql/viewer-response-cache.ts): what must hold is that
// no answer outlives a change of the candidate's data, in any process, nor reaches anyone else.
const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
let other: TestGateway;
let unit: ExamUnitRef;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock });
  other = await startTestGateway({ database: gw.database, clock, opsPrincipals: REVIEWERS, env: { UPLOAD_DIR: (gw as any).uploadDir } });
  unit = await examUnit(gw, 'JUNIOR', '110000');
}, 120_000);

afterAll(async () => {
  await other?.close();
  await gw?.close();
});

async function mine(process: TestGateway, cookie: string) {
  const res = await process.graphql(OPS.mine, { examId: unit.examId }, { cookie });
  return res.body.data?.myApplication ?? null;
}

/** A decision as a reviewer in another process would commit it; `silently`: with triggers off, so nobody is notified. */
async function decideBehindTheBack(applicationId: string, status: 'APPROVED' | 'REJECTED', reason: string, { silently }: { silently: boolean }) {
  const sql = `update application set status = '${status}', review_reason = '${reason}' where id = '${applicationId}'`;
  await gw.orm.em.fork().getConnection().execute(silently ? `begin; set local session_replication_role = replica; ${sql}; commit` : sql);
}

async function eventually(read: () => Promise<unknown>, expected: unknown, what: string) {
  const started = Date.now();
  for (;;) {
    if ((await read()) === expected) return;
    expect(Date.now() - started, what).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a candidate’s own application, answered from memory', () => {
  it('is served from memory in each process until a decision about it is committed, then dropped everywhere', async () => {
    clock.set(SEEDED_AT);
    const candidate = await insertCandidate(gw, clock.now());
    const started = await call(gw, candidate.cookie, 'start', { examUnitId: unit.examUnitId });
    const id = started.application.id as string;
    expect((await mine(gw, candidate.cookie)).reviewReason).toBeNull();
    expect((await mine(other, candidate.cookie)).reviewReason).toBeNull();

    // Nobody told the processes: both still answer from memory (which is how we know they cache)...
    await decideBehindTheBack(id, 'REJECTED', '未通知的修改', { silently: true });
    expect((await mine(gw, candidate.cookie)).reviewReason).toBeNull();
    expect((await mine(other, candidate.cookie)).reviewReason).toBeNull();
    // ...except for a browser that has just written: its fresh-reads cookie skips every cache.
    expect((await mine(other, `${candidate.cookie}; ccap_fresh=1`)).reviewReason).toBe('未通知的修改');

    // A decision another process commits (a reviewer, the payment channel) reaches both processes.
    await decideBehindTheBack(id, 'APPROVED', '已通知的修改', { silently: false });
    await eventually(async () => (await mine(gw, candidate.cookie)).reviewReason, '已通知的修改', 'first process still serves the old answer');
    await eventually(async () => (await mine(other, candidate.cookie)).reviewReason, '已通知的修改', 'second process still serves the old answer');
  });

  it("shows the candidate's own write at once, and tells the browser to skip the caches for a few seconds", async () => {
    clock.set(SEEDED_AT);
    const candidate = await insertCandidate(gw, clock.now());
    const id = (await call(gw, candidate.cookie, 'start', { examUnitId: unit.examUnitId })).application.id as string;
    expect((await mine(gw, candidate.cookie)).currentStep).toBe('AGREEMENT');
    const res = await gw.graphql(OPS.accept, { id, agreed: true }, { cookie: candidate.cookie });
    expect(res.body.data.acceptAgreement.ok).toBe(true);
    expect(res.headers.getSetCookie()).toEqual([expect.stringMatching(/^ccap_fresh=1; Path=\/; Max-Age=5; HttpOnly; SameSite=Lax$/)]);
    expect((await mine(gw, candidate.cookie)).currentStep).toBe('NOTICES');

    // Writes outside GraphQL (uploads) say the same.
    const upload = await fetch(`${gw.url}/api/uploads/not-a-token`, { method: 'POST', headers: { cookie: candidate.cookie, 'content-type': 'application/octet-stream' }, body: Buffer.from('x') });
    expect(upload.headers.getSetCookie()).toEqual([expect.stringMatching(/^ccap_fresh=1;/)]);
  });

  it('never answers one candidate with another’s, nor a signed-out browser', async () => {
    clock.set(SEEDED_AT);
    const alice = await insertCandidate(gw, clock.now(), { name: '张三' });
    const bob = await insertCandidate(gw, clock.now(), { name: '李四' });
    const aliceId = (await call(gw, alice.cookie, 'start', { examUnitId: unit.examUnitId })).application.id;
    const bobId = (await call(gw, bob.cookie, 'start', { examUnitId: unit.examUnitId })).application.id;
    for (let i = 0; i < 2; i++) {
      expect((await mine(gw, alice.cookie)).id).toBe(aliceId);
      expect((await mine(gw, bob.cookie)).id).toBe(bobId);
    }
    expect((await gw.graphql(`mutation { logout }`, {}, { cookie: alice.cookie })).body.data.logout).toBe(true);
    const afterLogout = await gw.graphql(OPS.mine, { examId: unit.examId }, { cookie: alice.cookie });
    expect(afterLogout.body.data?.myApplication ?? null).toBeNull();
    expect(afterLogout.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('flips registrationOpen exactly at the window edge while cached', async () => {
    clock.set(new Date(unit.registrationEndsAt.getTime() - 1000));
    const candidate = await insertCandidate(gw, clock.now());
    await call(gw, candidate.cookie, 'start', { examUnitId: unit.examUnitId });
    expect((await mine(gw, candidate.cookie)).registrationOpen).toBe(true);
    expect((await mine(gw, candidate.cookie)).registrationOpen).toBe(true);
    clock.set(unit.registrationEndsAt);
    expect((await mine(gw, candidate.cookie)).registrationOpen).toBe(false);
  });
});
