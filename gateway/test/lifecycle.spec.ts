import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestGateway, type TestDatabase, type TestGateway } from './support';

const GATEWAY_DIR = new URL('..', import.meta.url).pathname;
let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('health and readiness', () => {
  it('reports the process up and the database ready with every migration applied', async () => {
    gw = await startTestGateway();
    expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while a migration is pending', async () => {
    gw = await startTestGateway();
    await gw.orm.em.getConnection().execute(`delete from mikro_orm_migrations`);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('migrations-pending');
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    gw = await startTestGateway();
    const { hostname, port } = new URL(gw.url);
    const body = JSON.stringify({ query: '{ documentTypes { label } }' });
    // A request whose body is still arriving when shutdown starts.
    const socket = connect(Number(port), hostname);
    await new Promise((r) => socket.once('connect', r));
    const reply = new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('close', () => resolve(data));
    });
    socket.write(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 50));
    const stopped = gw.stop();
    await new Promise((r) => setTimeout(r, 50));
    socket.write(body.slice(10));
    const text = await reply;
    await stopped;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text).toContain('内地居民身份证');
    await expect(fetch(`${gw.url}/healthz`)).rejects.toThrow();
    await gw.database.drop();
    gw = undefined;
  });

  it('exits 0 on SIGTERM when run as a process', async () => {
    const db: TestDatabase = await createTestDatabase();
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: GATEWAY_DIR,
        env: { ...process.env, DATABASE_URL: db.url, GATEWAY_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`gateway did not start: ${output}`)), 20_000);
        child.stdout.on('data', () => {
          const m = output.match(/"url":"(http:[^"]+)"/);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('gateway stopped');
    } finally {
      await db.drop();
    }
  });
});
