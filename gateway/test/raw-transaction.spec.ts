import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, preparedBatch, preparedQuery, rawTransaction } from '../src/orm/raw-transaction';
import { startTestGateway, type TestGateway } from './support';

let gw: TestGateway;

// One pooled connection, so every call below lands on the same PostgreSQL session.
beforeAll(async () => {
  gw = await startTestGateway({ env: { DATABASE_POOL_MAX: '1' } });
});
afterAll(() => gw?.close());

describe('prepared statements on one pooled connection', () => {
  it('are shared between batches (SQL prepare) and driver-prepared reads, whichever prepared first', async () => {
    const doubled = prepared('ccap_test_doubled', `select $1::int * 2 as n`);
    const tripled = prepared('ccap_test_tripled', `select $1::int * 3 as n`);
    const em = gw.orm.em.fork();
    // Prepared by a batch, then used by the driver …
    expect((await preparedBatch(em, [{ statement: doubled, args: [2] }]))[0]).toEqual([{ n: 4 }]);
    expect(await preparedQuery(em, doubled, [5])).toEqual([{ n: 10 }]);
    // … and prepared by the driver, then used by a batch inside a transaction.
    expect(await preparedQuery(em, tripled, [3])).toEqual([{ n: 9 }]);
    const inTransaction = await rawTransaction(em, (tx) => tx.batch(['begin', { statement: tripled, args: [4] }, { statement: doubled, args: [4] }, 'commit']));
    expect(inTransaction.slice(1, 3)).toEqual([[{ n: 12 }], [{ n: 8 }]]);
    const [{ backends }] = await preparedQuery<{ backends: number }>(em, prepared('ccap_test_backends', `select count(*)::int as backends from pg_prepared_statements where name like 'ccap_test_%'`), []);
    expect(backends).toBe(3);
  });
});

describe('prepared statements on a table that grows', () => {
  // Made while the table was empty, a generic plan scans it whole; it is kept for the connection's life
  // unless the statement is prepared again once the table has grown.
  it('are planned again on their 8th, 16th, … use, against the table as it is by then', async () => {
    const em = gw.orm.em.fork();
    await em.execute(`drop table if exists ccap_test_growing`);
    await em.execute(`create table ccap_test_growing (id int primary key, code text not null, detail char(800) not null default '')`);
    await em.execute(`create index ccap_test_growing_code on ccap_test_growing (code)`);
    const lookup = (name: string) => prepared(name, `select id from ccap_test_growing where code = any($1::text[])`);
    const viaBatch = lookup('ccap_test_growing_batch');
    const viaDriver = lookup('ccap_test_growing_driver');
    const codes = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10'];
    const use = async () => {
      const [fromBatch] = await preparedBatch(em, [{ statement: viaBatch, args: [`{${codes.join(',')}}`] }]);
      const fromDriver = await preparedQuery(em, viaDriver, [`{${codes.join(',')}}`]);
      return [fromBatch!.length, fromDriver.length];
    };
    const plan = async (name: string) =>
      (await em.execute<Array<{ 'QUERY PLAN': string }>>(`explain execute ${name}('{c1}')`)).map((r) => r['QUERY PLAN']).join('\n');
    try {
      for (let i = 0; i < 7; i++) expect(await use()).toEqual([0, 0]);
      expect(await plan(viaBatch.name)).toMatch(/Seq Scan on ccap_test_growing/);
      expect(await plan(viaDriver.name)).toMatch(/Seq Scan on ccap_test_growing/);
      await em.execute(`insert into ccap_test_growing select g, 'c' || g from generate_series(1, 50000) g`);
      // The 8th use prepares again; five more, and PostgreSQL has settled on a generic plan again.
      for (let i = 0; i < 6; i++) expect(await use()).toEqual([10, 10]);
      const [settled] = await em.execute<Array<{ generic_plans: number }>>(
        `select min(generic_plans)::int as generic_plans from pg_prepared_statements where name in ('${viaBatch.name}', '${viaDriver.name}')`,
      );
      expect(settled!.generic_plans).toBeGreaterThan(0);
      expect(await plan(viaBatch.name)).not.toMatch(/Seq Scan/);
      expect(await plan(viaDriver.name)).not.toMatch(/Seq Scan/);
    } finally {
      await em.execute(`drop table if exists ccap_test_growing`);
    }
  });
});
