import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_ERRORS_ENDPOINT, reportClientError } from './client-errors';

afterEach(() => vi.restoreAllMocks());

describe('reportClientError', () => {
  it('logs the application by name and POSTs the report with keepalive', () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 204 }));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = new Error('Failed to fetch dynamically imported module');
    const report = reportClientError('@ccap/mf-exam', 'load', error);

    expect(consoleError).toHaveBeenCalledWith('[ccap] 模块 @ccap/mf-exam 加载失败', error);
    expect(report).toMatchObject({ app: '@ccap/mf-exam', kind: 'load', message: error.message, url: window.location.href });
    expect(new Date(report.at).toISOString()).toBe(report.at);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(CLIENT_ERRORS_ENDPOINT);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(init!.body))).toEqual(report);
  });

  it('never throws, even when sending fails', () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => reportClientError('@ccap/mf-payment', 'runtime', 'a string')).not.toThrow();
  });
});
