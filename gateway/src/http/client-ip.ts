import type { IncomingMessage } from 'node:http';

/**
 * The caller's address. Behind `trustedHops` reverse proxies that each append the address they
 * received the request from to X-Forwarded-For, the client is the entry that the outermost trusted
 * proxy wrote: counted from the right. Entries further left were sent by the client itself and can
 * be anything, so the left-most entry is never trusted (our dev proxy appends, it does not replace).
 */
export function clientIp(req: IncomingMessage, trustedHops: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not come through all of them; the left-most is the best we know.
  const client = entries.length >= trustedHops ? entries[entries.length - trustedHops] : entries[0];
  return client && isPlausibleAddress(client) ? client : socketAddress;
}

/** IPv4 or IPv6 (optionally with a zone) — never an arbitrary string used as a throttle key. */
function isPlausibleAddress(value: string): boolean {
  return value.length <= 45 && /^[0-9a-fA-F:.%]+$/.test(value) && /[.:]/.test(value);
}
