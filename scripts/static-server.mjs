// A small static file server (node:http only) for the shell and the micro-frontends.
//
//   const { url, close } = await startStaticServer({ root, port, name, cors: true })
//
// - content types for js/mjs/css/json/html/svg/woff2/map/…
// - Cache-Control: `no-cache` for index.html and importmap.json (and any file outside a versioned
//   folder), `public, max-age=31536000, immutable` for files under a versioned folder
//   (`…/0.1.0/…` or `…/vue@3.5.45/…`) — which a deployment never changes; a development server
//   (`immutableVersions: false`) revalidates everything
// - only the files under `servedPrefixes` (default all of root)
// - CORS (Access-Control-Allow-Origin) so the shell origin can import modules cross-origin
// - path traversal refused (403), missing files 404 — never index.html for a missing .js/.css
// - SPA fallback to index.html only for navigations (paths whose last segment has no extension)
// - optional streaming reverse proxy for some path prefixes (the gateway), so the browser talks to
//   it same-origin through relative `/graphql`
// - text files (js, css, json, html, svg, map, txt) compressed for clients that accept it: brotli,
//   else gzip; each file compressed once per version of it (ETag) and kept in memory (bounded), with
//   `Vary: Accept-Encoding` and an ETag per encoding
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

export const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
});

/** Worth compressing: text. Images, fonts and wasm are compressed already or barely shrink. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt']);
/** Below this, headers outweigh what compression saves. */
const MIN_COMPRESS_BYTES = 1024;
/** Compressed bodies kept in memory, per server (the shared libraries, compressed, take ~0.5 MB). */
const COMPRESSED_CACHE_BYTES = 64 * 2 ** 20;
// Brotli at quality 5: on Element Plus 263 KB in ~0.2 s (gzip -9: 288 KB; quality 9 saves 4% more
// for four times the wait of the first request after a start).
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const ENCODERS = Object.freeze({
  br: (buffer) => brotli(buffer, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buffer.length } }),
  gzip: (buffer) => gzipAsync(buffer, { level: 9 }),
});

/** The encoding to answer an Accept-Encoding header with: `br`, `gzip` or null (q=0 refuses one). */
export function chooseEncoding(acceptEncoding) {
  const accepted = new Map();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(token, q === undefined ? 1 : Number(q));
  }
  for (const encoding of ['br', 'gzip']) {
    const q = accepted.has(encoding) ? accepted.get(encoding) : (accepted.get('*') ?? 0);
    if (q > 0) return encoding;
  }
  return null;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';
export const DEFAULT_PROXY_PREFIXES = Object.freeze(['/graphql', '/api/', '/dev/', '/healthz', '/readyz', '/explorer']);

/** A path segment that names a version: `0.1.0`, `1.2.3-beta.1`, `vue@3.5.45`, `@scope+pkg@1.0.0`. */
const VERSION_SEGMENT = /^(?:[^/]*@)?v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** Whether a URL path lies inside a versioned (and so immutable) folder. */
export function isVersionedPath(urlPath) {
  const segments = urlPath.split('/').filter(Boolean);
  segments.pop(); // the file itself
  return segments.some((s) => VERSION_SEGMENT.test(s));
}

function hasExtension(urlPath) {
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return extname(last) !== '';
}

function matchesPrefix(pathname, prefix) {
  if (prefix.endsWith('/')) return pathname.startsWith(prefix);
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function stripHopByHop(headers) {
  /** @type {Record<string, string | string[]>} */
  const out = {};
  const connectionTokens = String(headers.connection ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const key = k.toLowerCase();
    if (HOP_BY_HOP.has(key) || connectionTokens.includes(key)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * @typedef {{
 *   root: string,
 *   port: number,
 *   host?: string,
 *   name?: string,
 *   cors?: boolean | string[],
 *   servedPrefixes?: string[],
 *   immutableVersions?: boolean,
 *   spaFallback?: string | (() => string | null),
 *   proxy?: { prefixes?: string[], target: string },
 *   extraRoutes?: Record<string, () => string | Buffer | Promise<string | Buffer>>,
 *   onRequest?: (entry: { method: string, path: string, status: number }) => void,
 *   log?: (line: string) => void,
 * }} StaticServerOptions
 *   servedPrefixes: URL path prefixes (`/mf-exam/`) outside which every file is 404.
 *   spaFallback: the file (path under root) answering navigations, or a function choosing it per request.
 *   onRequest: called once each response has been sent.
 */

/**
 * Start a static server. Resolves once listening.
 * @param {StaticServerOptions} options
 * @returns {Promise<{ url: string, port: number, name: string, server: http.Server, close(): Promise<void> }>}
 */
export async function startStaticServer(options) {
  const {
    root: rootOption,
    port,
    host = '127.0.0.1',
    name = 'static',
    cors = false,
    servedPrefixes,
    immutableVersions = true,
    spaFallback,
    proxy,
    extraRoutes = {},
    onRequest,
    log = () => {},
  } = options;
  if (!rootOption) throw new TypeError('startStaticServer: root is required');
  if (port === undefined || port === null) throw new TypeError('startStaticServer: port is required');
  const root = resolve(rootOption);
  const proxyPrefixes = proxy ? (proxy.prefixes ?? DEFAULT_PROXY_PREFIXES) : [];
  const proxyTarget = proxy ? new URL(proxy.target) : null;
  const proxyAgent = proxy ? new http.Agent({ keepAlive: true }) : null;

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  function applyCors(req, res) {
    if (!cors) return;
    if (cors === true) {
      res.setHeader('Access-Control-Allow-Origin', '*');
    } else {
      res.setHeader('Vary', 'Origin');
      const origin = req.headers.origin;
      if (origin && cors.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    }
  }

  function sendText(res, status, text, extraHeaders = {}) {
    const body = Buffer.from(text);
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': NO_CACHE,
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }

  /** Resolve a URL path to a file under root, or null when it escapes root. */
  function toFilePath(urlPath) {
    const file = resolve(root, `.${urlPath}`);
    if (file !== root && !file.startsWith(root + sep)) return null;
    return file;
  }

  async function fileStat(file) {
    try {
      const s = await stat(file);
      return s.isFile() ? s : null;
    } catch {
      return null;
    }
  }

  /** file + ETag + encoding → compressed body (and its size once known); oldest dropped first. */
  const compressed = new Map();
  let compressedBytes = 0;
  function compressedBody(file, etag, encoding) {
    const key = `${file}\0${etag}\0${encoding}`;
    const cached = compressed.get(key);
    if (cached) return cached.body;
    const entry = { body: readFile(file).then((raw) => ENCODERS[encoding](raw)), size: 0 };
    compressed.set(key, entry);
    entry.body.then(
      (buffer) => {
        entry.size = buffer.length;
        compressedBytes += buffer.length;
        for (const [oldKey, old] of compressed) {
          if (compressedBytes <= COMPRESSED_CACHE_BYTES || oldKey === key) break;
          compressed.delete(oldKey);
          compressedBytes -= old.size;
        }
      },
      () => compressed.delete(key),
    );
    return entry.body;
  }

  /**
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res
   * @param {string} file @param {import('node:fs').Stats} st @param {string} cacheControl
   */
  async function sendFile(req, res, file, st, cacheControl) {
    const extension = extname(file).toLowerCase();
    const compressible = COMPRESSIBLE.has(extension) && st.size >= MIN_COMPRESS_BYTES;
    const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : null;
    const version = `${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}`;
    // One ETag per representation, so a cache never answers a gzip request with brotli.
    const etag = `W/"${version}${encoding ? `-${encoding}` : ''}"`;
    const vary = compressible ? [res.getHeader('Vary'), 'Accept-Encoding'].filter(Boolean).join(', ') : undefined;
    const headers = {
      'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'Cache-Control': cacheControl,
      ETag: etag,
      'Last-Modified': st.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      ...(vary ? { Vary: vary } : {}),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (encoding) {
      const body = await compressedBody(file, etag, encoding);
      res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': st.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url */
  function forward(req, res, url) {
    const headers = stripHopByHop(req.headers);
    const remote = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${remote}` : remote;
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['x-forwarded-proto'] = 'http';
    const upstream = http.request(
      {
        protocol: proxyTarget.protocol,
        hostname: proxyTarget.hostname,
        port: proxyTarget.port,
        method: req.method,
        path: url.pathname + url.search,
        headers,
        agent: proxyAgent,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, stripHopByHop(upRes.headers));
        upRes.pipe(res);
        upRes.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (err) => {
      log(`[${name}] proxy ${req.method} ${url.pathname} failed: ${err.message}`);
      if (!res.headersSent) {
        const body = JSON.stringify({ errors: [{ message: '网络异常,请稍后重试', extensions: { code: 'GATEWAY_UNAVAILABLE' } }] });
        res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': NO_CACHE });
        res.end(body);
      } else {
        res.destroy();
      }
    });
    req.on('aborted', () => upstream.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://internal');
    } catch {
      return sendText(res, 400, 'Bad Request');
    }

    if (proxyTarget && proxyPrefixes.some((p) => matchesPrefix(url.pathname, p))) {
      return forward(req, res, url);
    }

    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? ''),
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD, OPTIONS' });
    }

    const extra = Object.prototype.hasOwnProperty.call(extraRoutes, url.pathname) ? extraRoutes[url.pathname] : null;
    if (extra) {
      const body = Buffer.from(await extra());
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(url.pathname).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': NO_CACHE,
        'X-Content-Type-Options': 'nosniff',
      });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }

    let urlPath;
    try {
      urlPath = decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, 'Bad Request');
    }
    if (urlPath.includes('\0') || urlPath.includes('\\') || urlPath.split('/').includes('..')) {
      return sendText(res, 403, 'Forbidden');
    }
    const file = toFilePath(urlPath);
    if (!file) return sendText(res, 403, 'Forbidden');

    const isIndex = urlPath === '/' || urlPath.endsWith('/index.html');
    const served = !servedPrefixes || servedPrefixes.some((prefix) => urlPath.startsWith(prefix));
    const target = urlPath.endsWith('/') || !served ? null : file;
    const st = target ? await fileStat(target) : null;
    if (st && target) {
      const immutable = immutableVersions && !isIndex && urlPath !== '/importmap.json' && isVersionedPath(urlPath);
      return await sendFile(req, res, target, st, immutable ? IMMUTABLE : NO_CACHE);
    }

    // SPA fallback: only navigations (no file extension), never a missing .js/.css/…
    const fallback = hasExtension(urlPath) ? null : typeof spaFallback === 'function' ? spaFallback() : spaFallback;
    if (fallback) {
      const index = toFilePath(`/${fallback.replace(/^\/+/, '')}`);
      const indexStat = index ? await fileStat(index) : null;
      if (index && indexStat) return await sendFile(req, res, index, indexStat, NO_CACHE);
    }
    return sendText(res, 404, `Not Found: ${urlPath}`);
  }

  const sockets = new Set();
  const server = http.createServer((req, res) => {
    if (onRequest) {
      res.once('finish', () => onRequest({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], status: res.statusCode }));
    }
    handle(req, res).catch((err) => {
      log(`[${name}] ${req.method} ${req.url} failed: ${err?.stack ?? err}`);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const urlHost = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' || host === 'localhost' ? 'localhost' : host;
  const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${address.port}`;

  let closing;
  return {
    url,
    port: address.port,
    name,
    server,
    close() {
      closing ??= new Promise((resolveClose) => {
        server.close(() => resolveClose(undefined));
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        proxyAgent?.destroy();
      });
      return closing;
    },
  };
}
