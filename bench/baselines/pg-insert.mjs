// Baseline: node:http plus a raw `pg` pool doing one INSERT in a transaction per request.
import http from 'node:http';
import pg from 'pg';

const [, , port, databaseUrl] = process.argv;
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await pool.query('create table if not exists bench_baseline_insert (id bigserial primary key, payload text not null, created_at timestamptz not null default now())');

const server = http.createServer(async (req, res) => {
  for await (const _chunk of req) {
    // drain the body like a real handler
  }
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query('insert into bench_baseline_insert (payload) values ($1) returning id', ['x']);
    await client.query('commit');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: rows[0].id }));
  } catch (err) {
    await client.query('rollback').catch(() => {});
    res.writeHead(500);
    res.end(String(err));
  } finally {
    client.release();
  }
});
server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}/\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
