import type { EntityManager } from '@mikro-orm/postgresql';
import type pg from 'pg';

type Row = Record<string, any>;
type Value = string | number | boolean | Date | Buffer | null;

/**
 * A statement PostgreSQL prepares once per connection and then reuses (planned again only on its 8th,
 * 16th, 32nd, … use there: see `replanDue`): planning the hot statements (several joins and
 * subqueries) costs PostgreSQL 10–25× more than running them. Parameters are
 * `$1`, `$2`, … Names are unique across the gateway.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name, text };
}

/**
 * `connection.parsedStatements`: the driver's record of the statements prepared on this connection,
 * by name. `preparedQuery` prepares through the driver (which records them), a batch prepares with
 * SQL `prepare` and records them there too: the two share PostgreSQL's per-connection namespace, so
 * each must know what the other prepared.
 */
type PooledConnection = pg.Client & { __knex__disposed?: unknown; connection: { parsedStatements: Record<string, string> } };

function pool(em: EntityManager) {
  return em.getConnection().getKnex().client as {
    acquireConnection(): Promise<PooledConnection>;
    releaseConnection(connection: PooledConnection): Promise<void>;
  };
}

/**
 * PostgreSQL keeps a prepared statement's generic plan for the connection's life, until an ANALYZE of
 * a table it reads. A plan made while a table was nearly empty (a new deployment's first window; the
 * payment tables at the start of the benchmark) scans that table whole, and goes on doing so while it
 * grows by thousands of rows a minute until autovacuum gets to it. So a statement is prepared again on
 * its 8th, 16th, 32nd, … use on a connection: planned against the tables as they are by then, at a cost
 * (one prepare, then five custom plans before the generic one) that halves in frequency each time.
 */
const REPLAN_FROM_USE = 8;
const usesByConnection = new WeakMap<PooledConnection, Map<string, number>>();

/** Counts a use of the statement on this connection; true when it is due to be planned again. */
function replanDue(connection: PooledConnection, name: string): boolean {
  let uses = usesByConnection.get(connection);
  if (!uses) usesByConnection.set(connection, (uses = new Map()));
  const count = (uses.get(name) ?? 0) + 1;
  uses.set(name, count);
  return count >= REPLAN_FROM_USE && (count & (count - 1)) === 0;
}

/**
 * A PostgreSQL array literal (`{"a",NULL,"b"}`) for a statement's array parameter (`$1::uuid[]`,
 * `$2::int[]`, …): the hot group statements take one array per column and `unnest` them.
 */
export function arrayLiteral(values: ReadonlyArray<string | number | Date | null | undefined>): string {
  const element = (v: string | number | Date | null | undefined) =>
    v === null || v === undefined ? 'NULL' : `"${(v instanceof Date ? v.toISOString() : String(v)).replace(/["\\]/g, '\\$&')}"`;
  return `{${values.map(element).join(',')}}`;
}

/** One read with a prepared statement (driver-level: parsed once per pooled connection), outside any transaction. */
export async function preparedQuery<T extends Row = Row>(em: EntityManager, statement: PreparedStatement, values: Value[]): Promise<T[]> {
  const client = pool(em);
  const connection = await client.acquireConnection();
  try {
    const preparedHere = connection.connection.parsedStatements;
    if (replanDue(connection, statement.name) && statement.name in preparedHere) {
      try {
        await connection.query(`deallocate ${statement.name}`);
      } catch (err) {
        connection.__knex__disposed = err;
        throw err;
      }
      delete preparedHere[statement.name];
    }
    const result = await connection.query<T>({ name: statement.name, text: statement.text, values });
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * Statements sent as one message outside any explicit transaction: one round trip, and PostgreSQL
 * runs them as one implicit transaction (all or nothing). For independent reads and single-statement
 * writes that would otherwise cost a round trip each (登录's captcha, lock and account lookups).
 */
export function preparedBatch(em: EntityManager, calls: readonly PreparedCall[]): Promise<Row[][]> {
  return rawTransaction(em, (tx) => tx.batch(calls));
}

/**
 * Runs a prepared call inside the EntityManager's current transaction (as a plain statement), so one
 * statement text serves both the batched hot path and code that composes it with ORM writes.
 */
export async function executeCall<T extends Row = Row>(em: EntityManager, call: PreparedCall): Promise<T[]> {
  const bindings: Value[] = [];
  const sql = call.statement.text.replace(/\$(\d+)/g, (_match, index: string) => {
    bindings.push(call.args[Number(index) - 1] ?? null);
    return '?';
  });
  return em.execute<T[]>(sql, bindings);
}

/** A statement without parameters that is not worth preparing (`set local …`), for RawTransaction.batch. */
export interface FixedStatement {
  sql: string;
}

/**
 * For a group's transaction (common/group-runner.ts), right after `begin`: a group waits for no row lock
 * longer than this. Otherwise one row held elsewhere (an ops edit of a 报名点, a long review) would stall
 * every request of its kind in the process behind that group; when it fires, the group fails and each of
 * its items runs alone, as without grouping.
 */
export const GROUP_LOCK_TIMEOUT: FixedStatement = { sql: `set local lock_timeout = '2s'` };

/** A prepared statement with its arguments, for RawTransaction.batch. */
export interface PreparedCall {
  statement: PreparedStatement;
  args: Value[];
}

/** A transaction on one pooled connection whose statements are sent in batches (one round trip each). */
export interface RawTransaction {
  /**
   * Sends the statements as one message (PostgreSQL's simple query protocol; a prepared statement
   * goes as `execute name(args)`, preceded by its `prepare` the first time on this connection and when
   * it is due to be planned again) and
   * answers each one's rows. Under READ COMMITTED every statement still takes its own snapshot, so
   * a statement after a `for update` sees what the lock waited for.
   */
  batch(statements: ReadonlyArray<'begin' | 'commit' | 'rollback' | FixedStatement | PreparedCall>): Promise<Row[][]>;
}

/**
 * Runs `body` on a connection of the ORM's pool, for the few hot transactions where round trips
 * and planning dominate (提交): the body sends `begin` in its first batch and `commit` at the end
 * of its last, saving the round trips of separate BEGIN and COMMIT. If it throws, or returns with
 * the transaction still open, it is rolled back. A connection is not given back to the pool when
 * its rollback fails, or when a batch that prepared statements failed (whether they exist is then
 * unknown). Everything else uses `em.transactional`.
 */
export async function rawTransaction<T>(em: EntityManager, body: (tx: RawTransaction) => Promise<T>): Promise<T> {
  const client = pool(em);
  const connection = await client.acquireConnection();
  const preparedHere = connection.connection.parsedStatements;
  let open = false;
  const literal = (value: Value): string => {
    if (value === null) return 'null';
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value instanceof Date) return connection.escapeLiteral(value.toISOString());
    if (Buffer.isBuffer(value)) return `'\\x${value.toString('hex')}'::bytea`;
    return connection.escapeLiteral(value);
  };
  const tx: RawTransaction = {
    async batch(statements) {
      const sql: string[] = [];
      /** Index in the driver's results of each statement's own result. */
      const resultIndex: number[] = [];
      const preparing: PreparedStatement[] = [];
      for (const s of statements) {
        if (typeof s === 'string') {
          sql.push(s);
        } else if ('sql' in s) {
          sql.push(s.sql);
        } else {
          const { name } = s.statement;
          const replan = replanDue(connection, name) && name in preparedHere;
          if ((replan || !(name in preparedHere)) && !preparing.some((p) => p.name === name)) {
            if (replan) sql.push(`deallocate ${name}`);
            sql.push(`prepare ${name} as ${s.statement.text}`);
            preparing.push(s.statement);
          }
          sql.push(s.args.length ? `execute ${s.statement.name}(${s.args.map(literal).join(', ')})` : `execute ${s.statement.name}`);
        }
        resultIndex.push(sql.length - 1);
      }
      if (statements[0] === 'begin') open = true;
      let results: Array<pg.QueryResult<Row>>;
      try {
        const answer = (await connection.query(sql.join(';\n'))) as unknown as pg.QueryResult<Row> | Array<pg.QueryResult<Row>>;
        results = Array.isArray(answer) ? answer : [answer];
      } catch (err) {
        if (preparing.length > 0) connection.__knex__disposed = err;
        throw err;
      }
      for (const statement of preparing) preparedHere[statement.name] = statement.text;
      const last = statements[statements.length - 1];
      if (last === 'commit' || last === 'rollback') open = false;
      return resultIndex.map((i) => results[i]?.rows ?? []);
    },
  };
  try {
    const result = await body(tx);
    if (open) await connection.query('rollback');
    return result;
  } catch (err) {
    if (open && !connection.__knex__disposed) {
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
