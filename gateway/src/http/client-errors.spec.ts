import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientErrorsRoute, FixedWindowLimiter, pageWithoutQuery } from './client-errors';
import { HttpError, sendJson } from './server';

const lines: Array<Record<string, any>> = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  }),
);
let now = 1_000_000;
const route = clientErrorsRoute({ logger, perMinute: 3, trustProxyHops: 1, now: () => now });
let url: string;
let server: http.Server;

beforeAll(async () => {
  // The same error handling as the gateway's server for the one error a route throws (413).
  server = http.createServer(async (req, res) => {
    try {
      await route(req, res, 'req-123');
    } catch (err) {
      if (err instanceof HttpError) sendJson(res, err.status, { error: 'BAD_REQUEST', message: err.message });
      else throw err;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/client-errors`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const report = { app: '@ccap/mf-exam', kind: 'load', message: 'Failed to fetch dynamically imported module', url: 'https://portal.example.cn/exam/apply?token=secret#x', at: '2027-01-03T02:00:00.000Z' };
let ipSerial = 0;
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${++ipSerial}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/client-errors', () => {
  it('logs the report at warn with the request id, without the query string, and answers 204', async () => {
    const res = await post(report, { 'user-agent': 'spec-browser' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    const line = lines.at(-1)!;
    expect(line).toMatchObject({
      level: 40,
      msg: 'client error report',
      requestId: 'req-123',
      userAgent: 'spec-browser',
      clientError: { app: '@ccap/mf-exam', kind: 'load', message: report.message, page: 'https://portal.example.cn/exam/apply', at: report.at },
    });
    expect(JSON.stringify(line)).not.toContain('token=secret');
  });

  it('refuses other methods, other content types, malformed and oversized reports', async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await post(report, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('{"app":')).status).toBe(400);
    expect((await post({ ...report, kind: 'exploded' })).status).toBe(400);
    expect((await post({ ...report, message: 'x'.repeat(2_001) })).status).toBe(400);
    expect((await post({ ...report, pad: 'x'.repeat(10_000) })).status).toBe(413);
  });

  it('accepts CLIENT_ERROR_REPORTS_PER_MINUTE reports per address and minute, then 429', async () => {
    const address = { 'x-forwarded-for': '203.0.113.9' };
    for (let n = 0; n < 3; n++) expect((await post(report, address)).status).toBe(204);
    const limited = await post(report, address);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await post(report, { 'x-forwarded-for': '203.0.113.10' })).status).toBe(204);
    now += 60_000;
    expect((await post(report, address)).status).toBe(204);
  });
});

describe('FixedWindowLimiter', () => {
  it('stays bounded when many addresses each send one request', () => {
    const limiter = new FixedWindowLimiter(1);
    for (let n = 0; n < 25_000; n++) expect(limiter.take(`ip-${n}`, 0)).toBe(true);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10_000);
  });
});

describe('pageWithoutQuery', () => {
  it('keeps origin and path only', () => {
    expect(pageWithoutQuery('http://localhost:8080/account/reset?phone=13812341234#top')).toBe('http://localhost:8080/account/reset');
    expect(pageWithoutQuery('/relative?x=1')).toBe('/relative');
  });
});
