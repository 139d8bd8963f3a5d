import { throwawayProductionSecrets } from '../src/config';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GroupRunner } from '../src/common/group-runner';
import type { RequestContext } from '../src/graphql/context';
import { SessionService } from '../src/modules/account/session.service';
import type { SmsMeta, SmsProvider } from '../src/modules/account/sms-provider';
import { ME, REGISTER, registerCandidate, registrationInput, SEND_SMS, sessionCookieOf } from './account-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const START = new Date('2027-01-03T02:00:00Z');
const clock = new FakeClock(START);
let gw: TestGateway;
let second: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ clock });
  second = await startTestGateway({ clock, database: gw.database });
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
});

const me = (cookie: string, target = gw) => target.graphql(ME, {}, { cookie });
const MINUTE = 60_000;

async function lastSeenAt(cookieAccountId: string): Promise<Date[]> {
  const rows = await gw.orm.em
    .getConnection()
    .execute<Array<{ last_seen_at: string }>>(`select last_seen_at from candidate_session where account_id = ?`, [cookieAccountId]);
  return rows.map((r) => new Date(r.last_seen_at));
}

describe('sessions', () => {
  it('are server-side: the cookie is a random token, the table holds only its SHA-256', async () => {
    clock.set(START);
    const { cookie, viewer } = await registerCandidate(gw);
    const token = cookie.split('=')[1]!;
    const rows = await gw.orm.em.getConnection().execute(`select token_hash from candidate_session where account_id = ?`, [viewer.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash.toString('hex')).toBe((await import('node:crypto')).createHash('sha256').update(token).digest('hex'));
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('are recognised by every gateway process', async () => {
    const { cookie, viewer } = await registerCandidate(gw);
    expect((await me(cookie, second)).body.data.me.id).toBe(viewer.id);
  });

  it('slide with activity but write the database at most once a minute', async () => {
    clock.set(START);
    const { cookie, viewer } = await registerCandidate(gw);
    clock.advance(30_000);
    expect((await me(cookie)).body.data.me).not.toBeNull();
    expect(await lastSeenAt(viewer.id)).toEqual([START]);
    clock.advance(31_000);
    expect((await me(cookie)).body.data.me).not.toBeNull();
    const refreshed = new Date(START.getTime() + 61_000);
    expect(await lastSeenAt(viewer.id)).toEqual([refreshed]);
    // Idle for just under 30 minutes since the refresh: still signed in.
    clock.set(new Date(refreshed.getTime() + 30 * MINUTE - 1_000));
    expect((await me(cookie)).body.data.me).not.toBeNull();
  });

  it('end after 30 minutes without activity, and the stale cookie is cleared', async () => {
    clock.set(START);
    const { cookie } = await registerCandidate(gw);
    clock.advance(30 * MINUTE);
    const res = await me(cookie);
    expect(res.body.data.me).toBeNull();
    expect(res.headers.getSetCookie()).toEqual(['ccap_sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
  });

  it('end 12 hours after sign-in however active the candidate is', async () => {
    clock.set(START);
    const { cookie } = await registerCandidate(gw);
    for (let elapsed = 20 * MINUTE; elapsed < 12 * 60 * MINUTE; elapsed += 20 * MINUTE) {
      clock.set(new Date(START.getTime() + elapsed));
      expect((await me(cookie)).body.data.me, `after ${elapsed / MINUTE} minutes`).not.toBeNull();
    }
    clock.set(new Date(START.getTime() + 12 * 60 * MINUTE));
    expect((await me(cookie)).body.data.me).toBeNull();
  });

  it('end on logout everywhere: the same cookie replayed later is refused', async () => {
    clock.set(START);
    const { cookie } = await registerCandidate(gw);
    const out = await gw.graphql(`mutation { logout }`, {}, { cookie });
    expect(out.body.data.logout).toBe(true);
    expect(out.headers.getSetCookie()).toEqual(['ccap_sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
    expect((await me(cookie)).body.data.me).toBeNull();
    expect((await me(cookie, second)).body.data.me).toBeNull();
  });

  it('are looked up from memory for a few seconds, yet end on logout at once here and within moments in another process', async () => {
    clock.set(START);
    const { cookie, viewer } = await registerCandidate(gw);
    expect((await me(cookie)).body.data.me.id).toBe(viewer.id);
    expect((await me(cookie, second)).body.data.me.id).toBe(viewer.id);
    // Revoked behind the gateways' backs (no notification: triggers off for this statement): memory still answers.
    const sql = gw.orm.em.fork();
    await sql.getConnection().execute(`begin; set local session_replication_role = replica; update candidate_session set revoked_at = now() where account_id = '${viewer.id}'; commit`);
    expect((await me(cookie)).body.data.me?.id).toBe(viewer.id);
    expect((await me(cookie, second)).body.data.me?.id).toBe(viewer.id);
    await sql.getConnection().execute(`update candidate_session set revoked_at = null where account_id = ?`, [viewer.id]);
    // A real logout: refused at once by the process that handled it, and by the other once PostgreSQL has told it.
    expect((await gw.graphql(`mutation { logout }`, {}, { cookie })).body.data.logout).toBe(true);
    expect((await me(cookie)).body.data.me).toBeNull();
    const started = Date.now();
    for (;;) {
      if ((await me(cookie, second)).body.data.me === null) break;
      expect(Date.now() - started, 'second process still accepts the revoked session').toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it('cached lookups never outlive the idle or the absolute expiry', async () => {
    clock.set(START);
    const { cookie } = await registerCandidate(gw);
    expect((await me(cookie)).body.data.me).not.toBeNull();
    clock.advance(30 * MINUTE);
    expect((await me(cookie)).body.data.me).toBeNull();
  });

  it('logout without a session still succeeds', async () => {
    const out = await gw.graphql(`mutation { logout }`);
    expect(out.body.data.logout).toBe(true);
  });

  it('arriving together are looked up together, each request still getting only its own live session', async () => {
    clock.set(START);
    const candidates = [];
    for (let i = 0; i < 6; i++) candidates.push(await registerCandidate(gw));
    const [live1, revoked, live2, expired, idle, live3] = candidates;
    const db = gw.orm.em.getConnection();
    await db.execute(`update candidate_session set revoked_at = ? where account_id = ?`, [START, revoked!.viewer.id]);
    await db.execute(`update candidate_session set expires_at = ? where account_id = ?`, [START, expired!.viewer.id]);
    await db.execute(`update candidate_session set last_seen_at = ? where account_id = ?`, [new Date(START.getTime() - 31 * MINUTE), idle!.viewer.id]);
    clock.set(new Date(START.getTime() + 1_000));
    const sessions = new SessionService({ idleTimeoutMs: 30 * MINUTE, absoluteTimeoutMs: 12 * 60 * MINUTE, secureCookie: false });
    const context = () => ({ em: gw.orm.em.fork(), db: gw.orm.em, clock, responseCookies: [] as string[] }) as unknown as RequestContext;
    const together = vi.spyOn(GroupRunner.prototype as any, 'together');
    // A burst of requests in one tick: the first is looked up at once, the rest wait for it and go as one statement.
    const viewers = await Promise.all(
      [live1, revoked, live2, expired, idle, live3, live1].map((c) => sessions.resolveViewer(context(), c!.cookie.split('=')[1]!)),
    );
    const groupSizes = together.mock.calls.map(([items]) => (items as unknown[]).length);
    together.mockRestore();
    expect(groupSizes).toEqual([1, 6]);
    expect(viewers.map((v) => v?.id ?? null)).toEqual([live1!.viewer.id, null, live2!.viewer.id, null, null, live3!.viewer.id, live1!.viewer.id]);
  });

  it('waiting for a lookup are bounded: one more is refused at once with 503 SERVICE_BUSY and Retry-After, and goes through later', async () => {
    clock.set(START);
    const candidates = [];
    for (let i = 0; i < 4; i++) candidates.push(await registerCandidate(gw));
    // A process with nothing cached, where one lookup may wait for the group in flight.
    const limited = await startTestGateway({ clock, database: gw.database, env: { GROUP_COMMIT_MAX_WAITING: '1' } });
    const knex = gw.orm.em.getConnection().getKnex();
    const blocking = await knex.transaction();
    try {
      // Holds the first lookup in flight (the table locked) while the others arrive.
      await blocking.raw('lock table candidate_session in access exclusive mode');
      const first = me(candidates[0]!.cookie, limited);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = me(candidates[1]!.cookie, limited);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refused = await Promise.race([
        Promise.all([me(candidates[2]!.cookie, limited), me(candidates[3]!.cookie, limited)]),
        new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5000)),
      ]);
      if (refused === 'still waiting') expect.fail('the requests over the bound waited for the lock instead of being refused');
      for (const res of refused) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(res.body.errors?.[0]).toMatchObject({ message: '当前访问人数较多,请稍后重试', extensions: { code: 'SERVICE_BUSY' } });
        expect(res.body.errors?.[0]?.extensions).not.toHaveProperty('http');
      }
      // The same for a signed-in request outside GraphQL (报名表打印).
      const form = await fetch(`${limited.url}/api/applications/${randomUUID()}/form.pdf`, { headers: { cookie: candidates[3]!.cookie } });
      expect([form.status, form.headers.get('retry-after'), await form.json()]).toEqual([503, '1', { error: 'SERVICE_BUSY', message: '当前访问人数较多,请稍后重试' }]);
      await blocking.commit();
      const answered = await Promise.all([first, second]);
      expect(answered.map((res) => [res.status, res.body.data.me?.id])).toEqual([
        [200, candidates[0]!.viewer.id],
        [200, candidates[1]!.viewer.id],
      ]);
      const again = await me(candidates[2]!.cookie, limited);
      expect([again.status, again.body.data.me?.id]).toEqual([200, candidates[2]!.viewer.id]);
    } finally {
      if (!blocking.isCompleted()) await blocking.rollback();
      await limited.close();
    }
  });

  it('ignore forged, malformed and unknown cookies', async () => {
    for (const cookie of [`ccap_sid=${randomBytes(32).toString('base64url')}`, 'ccap_sid=short', 'ccap_sid=', 'other=1']) {
      const res = await me(cookie);
      expect(res.status).toBe(200);
      expect(res.body.data.me).toBeNull();
    }
  });

  it('do not leak database errors when the lookup fails', async () => {
    const broken = await startTestGateway();
    try {
      await broken.orm.em.getConnection().execute('drop table candidate_session');
      const res = await broken.graphql(`{ serverTime }`, {}, { cookie: `ccap_sid=${randomBytes(32).toString('base64url')}` });
      expect(res.status).toBe(500);
      expect(res.body.errors?.[0]).toMatchObject({ message: '服务器内部错误,请稍后重试', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(JSON.stringify(res.body)).not.toMatch(/relation|candidate_session|failed/i);
    } finally {
      await broken.close();
    }
  });
});

describe('session cookie in production', () => {
  it('is Secure', async () => {
    const codes: string[] = [];
    const recorder: SmsProvider = {
      async send(_phone: string, _message: string, meta: SmsMeta) {
        codes.push(meta.code!);
      },
    };
    const production = await startTestGateway({
      clock,
      smsProvider: recorder,
      env: {
        NODE_ENV: 'production',
        DEV_OUTBOX_ENABLED: 'false',
        ...throwawayProductionSecrets(),
      },
    });
    try {
      const input = registrationInput();
      await production.graphql(SEND_SMS, { phone: input.phone, purpose: 'REGISTER' });
      input.smsCode = codes[0]!;
      const res = await production.graphql(REGISTER, { input });
      expect(res.body.data.register.ok).toBe(true);
      expect(res.headers.getSetCookie()[0]).toMatch(/^ccap_sid=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      expect(sessionCookieOf(res.headers)).toBeDefined();
    } finally {
      await production.close();
    }
  });
});
