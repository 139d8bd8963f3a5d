import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GroupRunner } from '../src/common/group-runner';
import type { RequestContext } from '../src/graphql/context';
import { createLogger } from '../src/logger';
import { ApplicationSubmitter, SUBMIT_BUSY } from '../src/modules/registration/application-submit';
import type { AppError } from '../src/common/errors';
import { ApplicationReadService } from '../src/modules/registration/application-read.service';
import { FakeClock, type TestGateway } from './support';
import { call, examUnit, insertCandidates, personalInfo, SEEDED_AT, startRegistrationGateway, SUBJECTS_FOR, type TestCandidate } from './registration-support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock });
});
afterAll(() => gw?.close());

const db = () => gw.orm.em.getConnection();

/**
 * Applications ready to 提交 (DRAFT at 信息确认, complete details, photo and required materials),
 * inserted directly: the point of this test is the submission race, not the 报名导览 flow.
 */
async function readyApplications(candidates: TestCandidate[], examUnitId: string, examId: string, cityId: string, pointId: string): Promise<string[]> {
  const rows = await db().execute<Array<{ id: string }>>(
    `insert into application (id, account_id, exam_id, exam_unit_id, level, status, current_step, condition_route, city_id, point_id,
                              subject_codes, personal_info, agreement_accepted_at, notices_acknowledged_at, details_confirmed_at, created_at, updated_at)
     select gen_random_uuid(), c.account_id, ?, ?, 'JUNIOR', 'DRAFT', 'CONFIRM', 'JUNIOR_HIGH_SCHOOL_OR_ABOVE', ?, ?,
            '{JUNIOR_PRACTICE,JUNIOR_ECONOMIC_LAW}', ?::jsonb, now(), now(), now(), now(), now()
       from jsonb_to_recordset(?::jsonb) as c(account_id uuid)
     returning id`,
    [examId, examUnitId, cityId, pointId, JSON.stringify(personalInfo()), JSON.stringify(candidates.map((c) => ({ account_id: c.accountId })))],
  );
  // A photo and every required material for each (the bytes are not needed to submit).
  await db().execute(
    `insert into application_upload (id, account_id, application_id, purpose, material_code, storage_key, content_type, size_bytes, width, height, sha256, created_at)
     select gen_random_uuid(), a.account_id, a.id, kind.purpose, kind.code, md5(random()::text), 'image/jpeg', 20000, 413, 579, '\\x00', now()
       from application a
       cross join lateral (select 'PHOTO' as purpose, null::text as code
                           union all
                           select 'MATERIAL', m.code from material_requirement m where m.exam_unit_id = a.exam_unit_id and m.required) kind
      where a.point_id = ?`,
    [pointId],
  );
  return rows.map((r) => r.id);
}

/** Beijing's first 报名地市, and 报名点 made there for one test (`newPoint`: its id; capacity null: unlimited). */
async function testCity() {
  const unit = await examUnit(gw, 'JUNIOR', '110000');
  const [city] = await db().execute<Array<{ id: string }>>(
    `select c.id from registration_city c join registration_unit u on u.id = c.unit_id where u.code = '110000' order by c.sort_order limit 1`,
  );
  const newPoint = async (name: string, capacity: number | null) =>
    (
      await db().execute<Array<{ id: string }>>(
        `insert into registration_point (id, exam_unit_id, city_id, name, address, phone, capacity, taken, sort_order)
         values (gen_random_uuid(), ?, ?, ?, '东城区测试路1号', '010-66001234', ?, 0, 99) returning id`,
        [unit.examUnitId, city.id, name, capacity],
      )
    )[0]!.id;
  return { unit, city: city!, newPoint };
}

describe('报名点 capacity', () => {
  it('never overbooks: 300 concurrent submissions for 50 places → exactly 50 taken, the rest REGISTRATION_POINT_FULL', async () => {
    const { unit, city, newPoint } = await testCity();
    const point = { id: await newPoint('压力测试报名点', 50) };
    const candidates = await insertCandidates(gw, 300, SEEDED_AT);
    const ids = await readyApplications(candidates, unit.examUnitId, unit.examId, city.id, point.id);
    expect(ids).toHaveLength(300);

    const results = await Promise.all(candidates.map((c, i) => call(gw, c.cookie, 'submit', { id: ids[i] })));

    const byOutcome = new Map<string, number>();
    for (const r of results) byOutcome.set(r.ok ? 'ok' : r.errorCode, (byOutcome.get(r.ok ? 'ok' : r.errorCode) ?? 0) + 1);
    expect(Object.fromEntries(byOutcome)).toEqual({ ok: 50, REGISTRATION_POINT_FULL: 250 });
    expect(results.find((r) => !r.ok).message).toBe('该报名点名额已满,请选择其他报名点');
    const [state] = await db().execute<Array<{ taken: number; submitted: string; holding: string }>>(
      `select p.taken,
              (select count(*) from application a where a.point_id = p.id and a.status = 'SUBMITTED') as submitted,
              (select count(*) from application a where a.held_point_id = p.id) as holding
         from registration_point p where p.id = ?`,
      [point.id],
    );
    expect(state).toEqual({ taken: 50, submitted: '50', holding: '50' });
    // The refused ones are untouched drafts: no history entry, nothing held.
    const refused = results.flatMap((r, i) => (r.ok ? [] : [ids[i]]));
    const [untouched] = await db().execute<Array<{ n: string }>>(
      `select count(*) as n from application a where a.id in (?) and a.status = 'DRAFT' and a.current_step = 'CONFIRM' and a.held_point_id is null
          and not exists (select 1 from application_history h where h.application_id = a.id)`,
      [refused],
    );
    expect(untouched!.n).toBe('250');

    // A place given back (重新报名) is taken by the next submission, and only one.
    const winner = results.findIndex((r) => r.ok);
    expect((await call(gw, candidates[winner]!.cookie, 'withdraw', { id: ids[winner] })).ok).toBe(true);
    const retries = await Promise.all(refused.slice(0, 10).map((id) => call(gw, candidates[ids.indexOf(id!)]!.cookie, 'submit', { id })));
    expect(retries.filter((r) => r.ok)).toHaveLength(1);
    const [after] = await db().execute<Array<{ taken: number }>>(`select taken from registration_point where id = ?`, [point.id]);
    expect(after!.taken).toBe(50);
  });

  it('gives grouped submits (one transaction) exactly the outcomes they would have had one after another', async () => {
    const { unit, city, newPoint } = await testCity();
    const [pointA, pointB, pointC] = [await newPoint('分组测试A', 2), await newPoint('分组测试B', 1), await newPoint('分组测试C', null)];
    const candidates = await insertCandidates(gw, 10, SEEDED_AT);
    const ready = (list: TestCandidate[], pointId: string) => readyApplications(list, unit.examUnitId, unit.examId, city.id, pointId);
    const [alone, noPhoto, rejected] = await ready([candidates[0]!, candidates[7]!, candidates[4]!], pointC);
    const [a1, a2, a3, notTheirs] = await ready([candidates[1]!, candidates[2]!, candidates[3]!, candidates[8]!], pointA);
    const [b1, b2] = await ready([candidates[5]!, candidates[6]!], pointB);
    await db().execute(`update application_upload set deleted_at = now() where application_id = ? and purpose = 'PHOTO'`, [noPhoto]);
    // 审核不通过 while holding point B's only place; the candidate has since chosen point C.
    await db().execute(
      `update application set status = 'REJECTED', held_point_id = ?, reviewed_at = now(), reviewed_by = 'ops-reviewer', review_reason = '照片不符合要求' where id = ?`,
      [pointB, rejected],
    );
    await db().execute(`update registration_point set taken = 1 where id = ?`, [pointB]);

    const submitter = new ApplicationSubmitter({ maxGroup: 64 });
    const together = vi.spyOn(GroupRunner.prototype as any, 'together');
    const logger = createLogger('silent');
    const as = (candidate: TestCandidate) =>
      ({ em: gw.orm.em.fork(), db: gw.orm.em, clock, logger, viewer: { id: candidate.accountId, name: candidate.name } }) as unknown as RequestContext;
    // Called in this order within one tick: the first goes at once, the rest wait for it and go as one group.
    const submits = [
      submitter.submit(as(candidates[0]!), alone!),
      submitter.submit(as(candidates[1]!), a1!),
      submitter.submit(as(candidates[2]!), a2!),
      submitter.submit(as(candidates[3]!), a3!),
      submitter.submit(as(candidates[4]!), rejected!),
      submitter.submit(as(candidates[5]!), b1!),
      submitter.submit(as(candidates[6]!), b2!),
      submitter.submit(as(candidates[7]!), noPhoto!),
      submitter.submit(as(candidates[9]!), notTheirs!),
      submitter.submit(as(candidates[1]!), a1!),
    ];
    const outcomes = await Promise.allSettled(submits);
    const groupSizes = together.mock.calls.map(([items]) => (items as unknown[]).length);
    together.mockRestore();

    // The first at once, then one group of the eight distinct applications after it; the repeated a1 waited for the next.
    expect(groupSizes).toEqual([1, 8, 1]);
    const summary = outcomes.map((o) => (o.status === 'rejected' ? `error ${(o.reason as Error).message}` : o.value.ok ? 'ok' : o.value.errorCode));
    expect(summary).toEqual([
      'ok',
      'ok',
      'ok',
      'REGISTRATION_POINT_FULL',
      'ok', // moves from B to C and gives B's place back…
      'ok', // …which the next submit in the group takes
      'REGISTRATION_POINT_FULL',
      'PHOTO_MISSING',
      'error 报名信息不存在',
      'NOT_EDITABLE',
    ]);
    // Every answer carries the application as committed (or as it stays, when refused).
    const answers = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.application : undefined));
    expect(answers.map((a) => a?.status)).toEqual([
      'SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'DRAFT', 'SUBMITTED', 'SUBMITTED', 'DRAFT', 'DRAFT', undefined, 'SUBMITTED',
    ]);
    // …each exactly as a read after the commit sees it.
    const reads = new ApplicationReadService();
    for (const [i, id] of [alone, a1, a2, a3, rejected, b1, b2, noPhoto].entries()) {
      expect(answers[i]).toEqual(await reads.byId(as(candidates[i]!), id!));
    }

    const counts = await db().execute<Array<{ id: string; taken: number; held: string }>>(
      `select p.id, p.taken, (select count(*) from application a where a.held_point_id = p.id) as held
         from registration_point p where p.id in (?, ?, ?)`,
      [pointA, pointB, pointC],
    );
    const byPoint = new Map(counts.map((c) => [c.id, { taken: c.taken, held: Number(c.held) }]));
    expect(byPoint.get(pointA)).toEqual({ taken: 2, held: 2 });
    expect(byPoint.get(pointB)).toEqual({ taken: 1, held: 1 });
    expect(byPoint.get(pointC)).toEqual({ taken: 2, held: 2 });
    const history = await db().execute<Array<{ application_id: string; from_status: string; to_status: string; actor_id: string }>>(
      `select application_id, from_status, to_status, actor_id from application_history where application_id in (?) order by application_id`,
      [[alone, a1, a2, a3, rejected, b1, b2, noPhoto, notTheirs]],
    );
    const expected = [
      [alone, candidates[0]!, 'DRAFT'],
      [a1, candidates[1]!, 'DRAFT'],
      [a2, candidates[2]!, 'DRAFT'],
      [rejected, candidates[4]!, 'REJECTED'],
      [b1, candidates[5]!, 'DRAFT'],
    ] as const;
    expect(history).toEqual(
      expect.arrayContaining(expected.map(([id, c, from]) => ({ application_id: id, from_status: from, to_status: 'SUBMITTED', actor_id: c.accountId }))),
    );
    expect(history).toHaveLength(expected.length);
  });

  it('a row lock held elsewhere holds a group back for the lock timeout at most: then the others go on and the blocked one waits alone', async () => {
    const { unit, city, newPoint } = await testCity();
    const [held, free] = [await newPoint('锁定测试甲', null), await newPoint('锁定测试乙', null)];
    const candidates = await insertCandidates(gw, 3, SEEDED_AT);
    const [blocked] = await readyApplications([candidates[0]!], unit.examUnitId, unit.examId, city.id, held);
    const [other1, other2] = await readyApplications([candidates[1]!, candidates[2]!], unit.examUnitId, unit.examId, city.id, free);

    // An ops edit of the first point, say, holding its row for 4 s.
    const knex = gw.orm.em.getConnection().getKnex();
    const editing = await knex.transaction();
    await editing.raw('select 1 from registration_point where id = ? for update', [held]);
    const started = Date.now();
    const released = new Promise<number>((resolve) => setTimeout(() => void editing.commit().then(() => resolve(Date.now() - started)), 4000));

    const submitter = new ApplicationSubmitter({ maxGroup: 64 });
    const together = vi.spyOn(GroupRunner.prototype as any, 'together');
    const as = (candidate: TestCandidate) =>
      ({ em: gw.orm.em.fork(), db: gw.orm.em, clock, logger: createLogger('silent'), viewer: { id: candidate.accountId, name: candidate.name } }) as unknown as RequestContext;
    const timed = (p: Promise<{ ok: boolean }>) => p.then((outcome) => ({ ok: outcome.ok, after: Date.now() - started }));
    const [first, second, third] = await Promise.all([
      timed(submitter.submit(as(candidates[0]!), blocked!)),
      timed(submitter.submit(as(candidates[1]!), other1!)),
      timed(submitter.submit(as(candidates[2]!), other2!)),
    ]);
    const groupSizes = together.mock.calls.map(([items]) => (items as unknown[]).length);
    together.mockRestore();
    const releasedAfter = await released;

    expect([first.ok, second.ok, third.ok]).toEqual([true, true, true]);
    expect(groupSizes).toEqual([1, 2]);
    // The two others went on after the lock timeout (2 s), long before the row was released …
    expect(second.after).toBeLessThan(releasedAfter - 1000);
    expect(third.after).toBeLessThan(releasedAfter - 1000);
    // … and the blocked submit, alone, took its place once the row was free.
    expect(first.after).toBeGreaterThanOrEqual(releasedAfter - 50);
    const [taken] = await db().execute<Array<{ taken: number }>>(`select taken from registration_point where id = ?`, [held]);
    expect(taken!.taken).toBe(1);
  });

  it('refuses a submit at once with SERVICE_BUSY while maxWaiting submits wait, changing nothing; the same submit goes through later', async () => {
    const { unit, city, newPoint } = await testCity();
    const point = { id: await newPoint('排队测试报名点', 10) };
    const candidates = await insertCandidates(gw, 3, SEEDED_AT);
    const ids = await readyApplications(candidates, unit.examUnitId, unit.examId, city.id, point.id);
    const submitter = new ApplicationSubmitter({ maxGroup: 64, maxWaiting: 1 });
    const as = (candidate: TestCandidate) =>
      ({ em: gw.orm.em.fork(), db: gw.orm.em, clock, logger: createLogger('silent'), viewer: { id: candidate.accountId, name: candidate.name } }) as unknown as RequestContext;
    // Called within one tick: the first goes at once, the second waits for it, the third finds the queue full.
    const outcomes = await Promise.allSettled(candidates.map((c, i) => submitter.submit(as(c), ids[i]!)));
    const summary = outcomes.map((o) => (o.status === 'fulfilled' ? (o.value.ok ? 'ok' : o.value.errorCode) : (o.reason as AppError).extensions.code));
    expect(summary).toEqual(['ok', 'ok', 'SERVICE_BUSY']);
    expect((outcomes[2] as PromiseRejectedResult).reason.message).toBe(SUBMIT_BUSY);

    const state = async () =>
      db().execute<Array<{ id: string; status: string; held_point_id: string | null; history: string }>>(
        `select a.id, a.status, a.held_point_id, (select count(*) from application_history h where h.application_id = a.id) as history
           from application a where a.id in (?) order by array_position(?::uuid[], a.id)`,
        [ids, `{${ids.join(',')}}`],
      );
    const [, , refused] = await state();
    expect(refused).toEqual({ id: ids[2], status: 'DRAFT', held_point_id: null, history: '0' });
    const [taken] = await db().execute<Array<{ taken: number }>>(`select taken from registration_point where id = ?`, [point.id]);
    expect(taken!.taken).toBe(2);

    const again = await submitter.submit(as(candidates[2]!), ids[2]!);
    expect(again.ok).toBe(true);
    expect((await state()).map((a) => a.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
  });
});
