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
