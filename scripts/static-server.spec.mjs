import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, NO_CACHE, chooseEncoding, isVersionedPath, startStaticServer } from './static-server.mjs';

/** Raw request (no URL normalisation by a client), resolving status, headers and body. */
function request(url, { method = 'GET', path, headers = {}, body } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: u.hostname, port: u.port, method, path: path ?? u.pathname + u.search, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode, headers: res.headers, body: raw.toString('utf8'), raw });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

let dir;
let outside;
let shell;
let mf;
let gateway;
let gatewayRequests = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccap-static-'));
  const root = join(dir, 'dist');
  mkdirSync(join(root, 'mf-exam', '0.1.0'), { recursive: true });
  mkdirSync(join(root, 'libs', 'vue@3.5.45', 'dist'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(root, 'mf-exam', '0.1.0', 'mf-exam.js'), 'export const x = 1;');
  writeFileSync(join(root, 'mf-exam', '0.1.0', 'mf-exam.css'), '.a{}');
  writeFileSync(join(root, 'libs', 'vue@3.5.45', 'dist', 'vue.js'), 'export {}');
  writeFileSync(join(root, 'libs', 'font.woff2'), 'x');
  writeFileSync(join(root, 'logo.svg'), '<svg/>');
  outside = join(dir, 'secret.txt');
  writeFileSync(outside, 'top secret');

  // a stand-in gateway that echoes what it received
  gateway = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      gatewayRequests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': 'sid=abc; HttpOnly; Path=/' });
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));

  shell = await startStaticServer({
    root,
    port: 0,
    name: 'shell',
    spaFallback: 'index.html',
    proxy: { target: `http://127.0.0.1:${gateway.address().port}` },
    extraRoutes: { '/importmap.json': () => JSON.stringify({ imports: { vue: '/libs/vue@3.5.45/dist/vue.js' } }) },
  });
  mf = await startStaticServer({ root, port: 0, name: 'mf', cors: ['http://localhost:8080'] });
});

afterAll(async () => {
  await shell?.close();
  await mf?.close();
  await new Promise((r) => gateway?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('startStaticServer', () => {
  it('serves files with their content types', async () => {
    const cases = [
      ['/mf-exam/0.1.0/mf-exam.js', 'text/javascript; charset=utf-8'],
      ['/mf-exam/0.1.0/mf-exam.css', 'text/css; charset=utf-8'],
      ['/importmap.json', 'application/json; charset=utf-8'],
      ['/index.html', 'text/html; charset=utf-8'],
      ['/logo.svg', 'image/svg+xml'],
      ['/libs/font.woff2', 'font/woff2'],
    ];
    for (const [path, type] of cases) {
      const res = await request(shell.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toBe(type);
    }
  });

  it('marks versioned files immutable, index.html and importmap.json no-cache', async () => {
    expect((await request(`${shell.url}/mf-exam/0.1.0/mf-exam.js`)).headers['cache-control']).toBe(IMMUTABLE);
    expect((await request(`${shell.url}/libs/vue@3.5.45/dist/vue.js`)).headers['cache-control']).toBe(IMMUTABLE);
    expect((await request(`${shell.url}/`)).headers['cache-control']).toBe(NO_CACHE);
    expect((await request(`${shell.url}/index.html`)).headers['cache-control']).toBe(NO_CACHE);
    expect((await request(`${shell.url}/importmap.json`)).headers['cache-control']).toBe(NO_CACHE);
    expect((await request(`${shell.url}/exam/123`)).headers['cache-control']).toBe(NO_CACHE);
    expect(isVersionedPath('/mf-account/0.1.0/chunk.js')).toBe(true);
    expect(isVersionedPath('/libs/element-plus@2.14.8/dist/index.css')).toBe(true);
    expect(isVersionedPath('/logo.svg')).toBe(false);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await request(`${shell.url}/index.html`);
    const second = await request(`${shell.url}/index.html`, { headers: { 'if-none-match': first.headers.etag } });
    expect(second.status).toBe(304);
  });

  it('sends CORS headers for allowed origins only', async () => {
    const allowed = await request(`${mf.url}/mf-exam/0.1.0/mf-exam.js`, { headers: { origin: 'http://localhost:8080' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:8080');
    expect(allowed.headers.vary).toBe('Origin');
    const other = await request(`${mf.url}/mf-exam/0.1.0/mf-exam.js`, { headers: { origin: 'http://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const any = await startStaticServer({ root: join(dir, 'dist'), port: 0, cors: true });
    try {
      const res = await request(`${any.url}/mf-exam/0.1.0/mf-exam.js`, { headers: { origin: 'http://localhost:9999' } });
      expect(res.headers['access-control-allow-origin']).toBe('*');
    } finally {
      await any.close();
    }
  });

  it('refuses path traversal', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/mf-exam/..%2F..%2Fsecret.txt', '/%5c..%5csecret.txt']) {
      const res = await request(shell.url, { path });
      expect(res.body, path).not.toContain('top secret');
      expect([400, 403, 404], path).toContain(res.status);
    }
  });

  it('404s a missing file and never answers a missing .js/.css with index.html', async () => {
    const js = await request(`${shell.url}/mf-exam/0.1.0/missing.js`);
    expect(js.status).toBe(404);
    expect(js.body).not.toContain('<title>shell');
    expect((await request(`${shell.url}/mf-exam/0.2.0/mf-exam.css`)).status).toBe(404);
    expect((await request(`${mf.url}/account/login`)).status).toBe(404); // no fallback configured
  });

  it('falls back to index.html for navigations', async () => {
    for (const path of ['/account/login', '/exam/8f1c', '/payment']) {
      const res = await request(shell.url + path);
      expect(res.status, path).toBe(200);
      expect(res.body).toContain('<title>shell');
    }
  });

  it('proxies gateway paths: method, path, headers, cookies and body, both ways', async () => {
    gatewayRequests = [];
    const body = JSON.stringify({ query: '{ me { id } }' });
    const res = await request(`${shell.url}/graphql?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'sid=old', 'content-length': Buffer.byteLength(body) },
      body,
    });
    expect(res.status).toBe(201);
    expect(res.headers['set-cookie']).toEqual(['sid=abc; HttpOnly; Path=/']);
    expect(JSON.parse(res.body)).toEqual({ data: { ok: true } });
    expect(gatewayRequests).toHaveLength(1);
    const [seen] = gatewayRequests;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/graphql?x=1');
    expect(seen.headers.cookie).toBe('sid=old');
    expect(seen.headers['x-forwarded-host']).toBe(new URL(shell.url).host);
    expect(seen.body).toBe(body);
    for (const path of ['/healthz', '/readyz', '/api/uploads/1', '/dev/outbox']) {
      expect((await request(shell.url + path)).status, path).toBe(201);
    }
    // a prefix, not a substring
    expect((await request(`${shell.url}/graphqlx`)).body).toContain('<title>shell');
  });

  it('answers 502 with a GraphQL-shaped error when the gateway is down', async () => {
    const down = await startStaticServer({ root: join(dir, 'dist'), port: 0, proxy: { target: 'http://127.0.0.1:1' } });
    try {
      const res = await request(`${down.url}/graphql`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body).errors[0].extensions.code).toBe('GATEWAY_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });

  it('serves only its prefixes, picks the fallback per request, logs each response, and can revalidate everything', async () => {
    const log = [];
    let fallback = 'index.html';
    const server = await startStaticServer({
      root: join(dir, 'dist'),
      port: 0,
      servedPrefixes: ['/mf-exam/'],
      spaFallback: () => fallback,
      immutableVersions: false,
      onRequest: (entry) => log.push(entry),
    });
    try {
      const js = await request(`${server.url}/mf-exam/0.1.0/mf-exam.js?v=1`);
      expect(js.status).toBe(200);
      expect(js.headers['cache-control']).toBe(NO_CACHE);
      expect((await request(`${server.url}/libs/vue@3.5.45/dist/vue.js`)).status).toBe(404);
      expect((await request(`${server.url}/exam`)).body).toContain('<title>shell');
      fallback = 'logo.svg';
      expect((await request(`${server.url}/exam`)).body).toBe('<svg/>');
      // (logged once the server has sent a response, which can be just after the client has it)
      await expect.poll(() => log.length).toBe(4);
      expect(log).toEqual([
        { method: 'GET', path: '/mf-exam/0.1.0/mf-exam.js', status: 200 },
        { method: 'GET', path: '/libs/vue@3.5.45/dist/vue.js', status: 404 },
        { method: 'GET', path: '/exam', status: 200 },
        { method: 'GET', path: '/exam', status: 200 },
      ]);
    } finally {
      await server.close();
    }
  });

  it('starts in milliseconds and closes cleanly with open keep-alive connections', async () => {
    const t0 = performance.now();
    const server = await startStaticServer({ root: join(dir, 'dist'), port: 0 });
    expect(performance.now() - t0).toBeLessThan(200);
    const agent = new http.Agent({ keepAlive: true });
    await new Promise((resolve, reject) => {
      http.get(`${server.url}/index.html`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });
    const t1 = performance.now();
    await server.close();
    expect(performance.now() - t1).toBeLessThan(500);
    agent.destroy();
  });

  it('compresses text files with brotli or gzip as the client accepts, once per file version, with an ETag per encoding', async () => {
    const code = `export const rows = [${Array.from({ length: 800 }, (_, i) => `{ id: ${i}, label: "第${i}行" }`).join(', ')}];`;
    writeFileSync(join(dir, 'dist', 'mf-exam', '0.1.0', 'big.js'), code);
    const url = `${mf.url}/mf-exam/0.1.0/big.js`;
    const origin = { origin: 'http://localhost:8080' };

    const br = await request(url, { headers: { ...origin, 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Origin, Accept-Encoding');
    expect(br.headers['access-control-allow-origin']).toBe('http://localhost:8080');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(Number(br.headers['content-length'])).toBe(br.raw.length);
    expect(br.raw.length).toBeLessThan(Buffer.byteLength(code) / 4);
    expect(brotliDecompressSync(br.raw).toString()).toBe(code);
    expect(br.headers.etag).toMatch(/-br"$/);

    const gz = await request(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString()).toBe(code);
    expect(gz.headers.etag).toMatch(/-gzip"$/);

    const plain = await request(url, { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(code);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);

    // A validator only matches its own representation.
    expect((await request(url, { headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.etag } })).status).toBe(304);
    expect((await request(url, { headers: { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag } })).status).toBe(200);
    const head = await request(url, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.headers['content-length']).toBe(br.headers['content-length']);
    expect(head.raw.length).toBe(0);
  });

  it('leaves small files and already-compressed types alone', async () => {
    writeFileSync(join(dir, 'dist', 'libs', 'big.woff2'), Buffer.alloc(4096, 1));
    const font = await request(`${shell.url}/libs/big.woff2`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.headers.vary).toBeUndefined();
    expect(font.raw.length).toBe(4096);
    const small = await request(`${shell.url}/mf-exam/0.1.0/mf-exam.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toBe('export const x = 1;');
  });
});

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, honours q=0 and *', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});
