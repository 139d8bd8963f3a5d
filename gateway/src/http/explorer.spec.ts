import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_CSP, explorerRoutes } from './explorer';
import type { RouteHandler } from './server';

function serve(routes: ReturnType<typeof explorerRoutes>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route: RouteHandler | undefined = routes.exact[path] ?? Object.entries(routes.prefix).find(([p]) => path.startsWith(p))?.[1];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    await route(req, res, 'req');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) }),
    ),
  );
}

const dist = mkdtempSync(join(tmpdir(), 'explorer-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>运维查询台</title><script type="module" src="/explorer/assets/index-abc.js"></script>');
writeFileSync(join(dist, 'assets', 'index-abc.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
writeFileSync(join(dist, 'assets', 'codicon-abc.ttf'), Buffer.from([0, 1, 0, 0]));
writeFileSync(join(tmpdir(), 'outside-the-dist.txt'), 'secret');

let built: Awaited<ReturnType<typeof serve>>;
let unbuilt: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  built = await serve(explorerRoutes(dist));
  unbuilt = await serve(explorerRoutes(mkdtempSync(join(tmpdir(), 'explorer-empty-'))));
});
afterAll(async () => {
  await built?.close();
  await unbuilt?.close();
});

describe('explorer static files', () => {
  it('serves the page at /explorer and /explorer/ with a same-origin-only CSP, revalidated', async () => {
    for (const path of ['/explorer', '/explorer/', '/explorer/index.html']) {
      const res = await fetch(`${built.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(await res.text()).toContain('运维查询台');
    }
    expect(EXPLORER_CSP).toContain("default-src 'self'");
    expect(EXPLORER_CSP).not.toMatch(/https?:|\*/);
  });

  it('serves hashed assets immutable, gzipped when accepted', async () => {
    const res = await fetch(`${built.url}/explorer/assets/index-abc.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip'); // fetch asks for gzip and decodes it
    expect(await res.text()).toContain('xxxxx');
    const raw = await new Promise<http.IncomingMessage>((resolve) => http.get(`${built.url}/explorer/assets/index-abc.js`, { headers: { 'accept-encoding': 'gzip' } }, resolve));
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    expect(Number(raw.headers['content-length'])).toBeLessThan(200);
    expect(gunzipSync(Buffer.concat(chunks)).toString()).toContain('console.log');
    expect((await fetch(`${built.url}/explorer/assets/codicon-abc.ttf`)).headers.get('content-type')).toBe('font/ttf');
  });

  it('answers 404 for anything not in the build, traversal included, and 405 for writes', async () => {
    // Raw paths: fetch() would normalise the dots away before sending.
    const rawGet = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const { hostname, port } = new URL(built.url);
        http
          .get({ hostname, port, path }, async (res) => {
            let body = '';
            for await (const chunk of res) body += chunk;
            resolve({ status: res.statusCode!, body });
          })
          .on('error', reject);
      });
    for (const path of ['/explorer/assets/nope.js', '/explorer/assets/../../outside-the-dist.txt', '/explorer/assets/%2e%2e/%2e%2e/outside-the-dist.txt', '/explorer/assets/..%2f..%2foutside-the-dist.txt']) {
      const res = await rawGet(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    expect((await fetch(`${built.url}/explorer`, { method: 'POST' })).status).toBe(405);
  });

  it('says how to build it when it is not built', async () => {
    const res = await fetch(`${unbuilt.url}/explorer`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build -w @ccap\/gateway/);
  });
});
