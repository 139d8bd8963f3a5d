import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';

type Row = Record<string, any>;

/** A transaction on one pooled connection whose statements are sent in batches (one round trip each). */
export interface RawTransaction {
  /**
   * Sends `statements` as one message (PostgreSQL's simple query protocol) and answers each one's
   * rows. Values go in through `literal`. Under READ COMMITTED every statement still takes its own
   * snapshot, so a statement after a `for update` sees what the lock waited for.
   */
  batch(statements: readonly string[]): Promise<Row[][]>;
  /** A quoted SQL literal (the driver's escaping); null for null. */
  literal(value: string | number | boolean | Date | null): string;
}

/**
 * Runs `body` inside BEGIN … on a connection of the ORM's pool. The body ends the transaction
 * itself, normally by putting `commit` last in its final batch (that saves the round trip of a
 * separate COMMIT; hot transactions such as 提交 take two round trips in all). If it throws, or
 * returns with the transaction still open, it is rolled back; a connection whose rollback fails is
 * not given back to the pool.
 *
 * For the few hot paths where round trips dominate; everything else uses `em.transactional`.
 */
export async function rawTransaction<T>(em: EntityManager, body: (tx: RawTransaction) => Promise<T>): Promise<T> {
  const client = em.getConnection().getKnex().client;
  const connection = (await client.acquireConnection()) as pg.Client & { __knex__disposed?: unknown };
  let open = false;
  const tx: RawTransaction = {
    async batch(statements) {
      const sql = statements.join(';\n');
      if (/^\s*begin\b/i.test(statements[0] ?? '')) open = true;
      const results = (await connection.query(sql)) as unknown as pg.QueryResult<Row> | Array<pg.QueryResult<Row>>;
      const all = Array.isArray(results) ? results : [results];
      const last = statements[statements.length - 1]!.trim().toLowerCase();
      if (last === 'commit' || last === 'rollback') open = false;
      return all.map((r) => r.rows ?? []);
    },
    literal(value) {
      if (value === null) return 'null';
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (value instanceof Date) return `${connection.escapeLiteral(value.toISOString())}::timestamptz`;
      return connection.escapeLiteral(value);
    },
  };
  try {
    const result = await body(tx);
    if (open) await connection.query('rollback');
    return result;
  } catch (err) {
    if (open) {
      try {
        await connection.query('rollback');
      } catch (rollbackError) {
        connection.__knex__disposed = rollbackError;
      }
    }
    throw err;
  } finally {
    await client.releaseConnection(connection);
  }
}
