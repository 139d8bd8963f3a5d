import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, startTestGateway, type TestGateway } from './support';
import { examUnit, SEEDED_AT, startRegistrationGateway, type ExamUnitRef } from './registration-support';

const EXAMS = '{ exams { id name year level levelLabel } }';
const PROVINCES = `query P($id: ID!) { exam(id: $id) { id name units { id unit { code name } registrationStartsAt registrationEndsAt registrationOpen consultPhones noticeUrl } } }`;
const DETAIL = `query D($id: ID!) { examUnitDetail(examUnitId: $id) { id agreementText examUnit { registrationOpen consultPhones }
  notices { title } materials { code name } fee { perSubjectFen perPersonFen } subjects { code name }
  cities { name points { id name capacity remaining full } } } }`;

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
let second: TestGateway;
let sql: pg.Client;
let beijing: ExamUnitRef;

/** Polls until `check` passes (or fails after `withinMs`); returns how long it took. */
async function eventually(check: () => Promise<void>, withinMs = 2000): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (err) {
      if (Date.now() - started > withinMs) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function data(g: TestGateway, query: string, variables?: Record<string, unknown>) {
  const res = await g.graphql(query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

/** What the database says right now, with the same SQL the gateway runs without its cache. */
async function examsFromDb() {
  const { rows } = await sql.query(
    `select id, name, year, level from exam order by year desc, case level when 'JUNIOR' then 1 when 'INTERMEDIATE' then 2 else 3 end`,
  );
  return rows;
}

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock });
  // A second process's view: another gateway on the same database, with its own cache and listener.
  second = await startTestGateway({ database: gw.database, clock });
  sql = new pg.Client({ connectionString: gw.database.url });
  await sql.connect();
  beijing = await examUnit(gw, 'JUNIOR', '110000');
});
afterAll(async () => {
  await sql?.end();
  await second?.close();
  await gw?.close();
});

describe('public data cache', () => {
  it('answers what the database holds, and serves it from memory', async () => {
    const first = await data(gw, EXAMS);
    expect(first.exams.map(({ levelLabel: _l, ...e }: any) => e)).toEqual(await examsFromDb());
    // Both processes listen; a change that notifies nobody (triggers off for this session) is not seen: memory served it.
    const listeners = await sql.query(`select count(*)::int as n from pg_stat_activity where application_name = 'ccap-public-data-listener' and datname = current_database()`);
    expect(listeners.rows[0].n).toBe(2);
    await sql.query(`set session_replication_role = replica`);
    await sql.query(`update exam set name = name || '(静默)' where id = $1`, [beijing.examId]);
    await sql.query(`set session_replication_role = origin`);
    expect((await data(gw, EXAMS)).exams).toEqual(first.exams);
    await sql.query(`update exam set name = replace(name, '(静默)', '') where id = $1`, [beijing.examId]);
    await eventually(async () => expect((await data(gw, EXAMS)).exams).toEqual(first.exams));
    // Served from memory, the province table and the detail equal what a fresh process reads from the database.
    const fresh = await startTestGateway({ database: gw.database, clock });
    try {
      for (const [query, variables] of [
        [PROVINCES, { id: beijing.examId }],
        [DETAIL, { id: beijing.examUnitId }],
      ] as const) {
        const cached = await data(gw, query, variables);
        const again = await data(gw, query, variables);
        expect(again).toEqual(cached);
        expect(cached).toEqual(await data(fresh, query, variables));
      }
    } finally {
      await fresh.close();
    }
  });

  it('drops entries when another process changes a public table (plain SQL), within a bounded time', async () => {
    const before = await data(gw, PROVINCES, { id: beijing.examId });
    await data(second, PROVINCES, { id: beijing.examId });
    const row = before.exam.units.find((u: any) => u.unit.code === '110000');
    expect(row.consultPhones).not.toContain('010-12345678');
    await sql.query(`update exam_unit set consult_phones = array_append(consult_phones, '010-12345678') where id = $1`, [beijing.examUnitId]);
    for (const g of [gw, second]) {
      const took = await eventually(async () => {
        const after = await data(g, PROVINCES, { id: beijing.examId });
        expect(after.exam.units.find((u: any) => u.unit.code === '110000').consultPhones).toContain('010-12345678');
      });
      expect(took).toBeLessThan(2000);
    }
  });

  it('a change made through another gateway reaches this one', async () => {
    const detail = await data(gw, DETAIL, { id: beijing.examUnitId });
    expect(detail.examUnitDetail.notices.map((n: any) => n.title)).not.toContain('缓存测试公告');
    await second.orm.em
      .getConnection()
      .execute(`insert into exam_unit_notice (id, exam_unit_id, kind, title, body, published_at, sort_order) values (gen_random_uuid(), ?, 'UNIT', '缓存测试公告', '正文', now(), 99)`, [
        beijing.examUnitId,
      ]);
    await eventually(async () => {
      const after = await data(gw, DETAIL, { id: beijing.examUnitId });
      expect(after.examUnitDetail.notices.map((n: any) => n.title)).toContain('缓存测试公告');
    });
  });

  it('places left are live: a change of `taken` shows at once, without a notification', async () => {
    const detail = await data(gw, DETAIL, { id: beijing.examUnitId });
    const point = detail.examUnitDetail.cities.flatMap((c: any) => c.points).find((p: any) => p.capacity !== null);
    expect(point).toBeDefined();
    await sql.query(`update registration_point set taken = taken + 1 where id = $1`, [point.id]);
    const after = await data(gw, DETAIL, { id: beijing.examUnitId });
    const now = after.examUnitDetail.cities.flatMap((c: any) => c.points).find((p: any) => p.id === point.id);
    expect(now.remaining).toBe(point.remaining - 1);
    await sql.query(`update registration_point set taken = taken - 1 where id = $1`, [point.id]);
  });

  it('registrationOpen flips exactly at the window boundary while the windows are cached', async () => {
    const shanghai = await examUnit(gw, 'JUNIOR', '310000');
    const open = async () =>
      (await data(gw, PROVINCES, { id: shanghai.examId })).exam.units.find((u: any) => u.unit.code === '310000').registrationOpen;
    clock.set(new Date(shanghai.registrationStartsAt.getTime() - 1));
    expect(await open()).toBe(false);
    clock.set(shanghai.registrationStartsAt);
    expect(await open()).toBe(true);
    clock.set(new Date(shanghai.registrationEndsAt.getTime() - 1));
    expect(await open()).toBe(true);
    clock.set(shanghai.registrationEndsAt);
    expect(await open()).toBe(false);
    clock.set(SEEDED_AT);
  });

  it('after losing its listening connection a process reads the database, and caches again once it listens', async () => {
    await data(gw, EXAMS);
    await sql.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'ccap-public-data-listener' and datname = current_database()`);
    // Changed while nobody listens: no notification can reach either process.
    await sql.query(`update exam set name = name || '(更新)' where id = $1`, [beijing.examId]);
    await eventually(async () => {
      for (const g of [gw, second]) {
        const { exams } = await data(g, EXAMS);
        expect(exams.find((e: any) => e.id === beijing.examId).name).toMatch(/\(更新\)$/);
      }
    }, 3000);
    // Listening again (reconnect with backoff): a later change still invalidates.
    await eventually(async () => {
      const r = await sql.query(`select count(*)::int as n from pg_stat_activity where application_name = 'ccap-public-data-listener' and datname = current_database()`);
      expect(r.rows[0].n).toBe(2);
    }, 5000);
    await data(gw, EXAMS);
    await sql.query(`update exam set name = replace(name, '(更新)', '') where id = $1`, [beijing.examId]);
    await eventually(async () => {
      const { exams } = await data(gw, EXAMS);
      expect(exams.find((e: any) => e.id === beijing.examId).name).not.toMatch(/更新/);
    });
  });
});
