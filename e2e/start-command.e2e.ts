import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper
import { freePort } from '../scripts/embedded-db.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'ccap-start-pg-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` as a developer runs it: the real script, its embedded PostgreSQL, its banner, its Ctrl-C. */
describe('npm start', () => {
  it('starts the whole portal, prints URLs and demo accounts, and stops cleanly on SIGTERM', async () => {
    const [gateway, shell, account, exam, payment, pg] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GATEWAY_PORT: String(gateway),
      SHELL_PORT: String(shell),
      MF_ACCOUNT_PORT: String(account),
      MF_EXAM_PORT: String(exam),
      MF_PAYMENT_PORT: String(payment),
      EMBEDDED_PG_PORT: String(pg),
      EMBEDDED_PG_DATA_DIR: dataDir,
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => output.includes('Press Ctrl-C to stop.') || child.exitCode !== null, { timeout: 120_000, interval: 250 }).toBe(true);
      expect(child.exitCode, output).toBeNull();
      expect(output).toContain(`http://localhost:${shell}/`);
      expect(output).toContain(`http://127.0.0.1:${gateway}/explorer`);
      expect(output).toMatch(/candidate\s+张三\s+证件号码 110105199003070017/);
      expect(output).toMatch(/admin\s+\S+\s+管理员/);
      expect((await fetch(`http://localhost:${shell}/`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${gateway}/readyz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
    await expect(fetch(`http://127.0.0.1:${gateway}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://localhost:${shell}/`)).rejects.toThrow();
  });
});
