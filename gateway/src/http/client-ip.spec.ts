import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as never;
}

describe('clientIp', () => {
  it('uses the socket address when no proxy is trusted, whatever the header says', () => {
    expect(clientIp(request('198.51.100.7', '203.0.113.9'), 0)).toBe('198.51.100.7');
  });

  it('takes the address the trusted proxy appended, not what the client put in front', () => {
    expect(clientIp(request('127.0.0.1', '203.0.113.9'), 1)).toBe('203.0.113.9');
    // The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the real peer.
    expect(clientIp(request('127.0.0.1', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(request('127.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientIp(request('127.0.0.1', '2001:db8::1'), 1)).toBe('2001:db8::1');
  });

  it('falls back to the socket address when the header is missing or not an address', () => {
    expect(clientIp(request('127.0.0.1'), 1)).toBe('127.0.0.1');
    expect(clientIp(request('127.0.0.1', 'evil-key'), 1)).toBe('127.0.0.1');
    expect(clientIp(request('127.0.0.1', ''), 1)).toBe('127.0.0.1');
  });
});
