/** Minimal RFC 6265 cookie handling: the gateway reads and writes one cookie, no dependency needed. */

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
  path: string;
  /** Omitted: a browser-session cookie. 0: delete now. */
  maxAgeSeconds?: number;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (!/^[\w!#$%&'*+\-.^`|~]+$/.test(name) || !/^[\w!#$%&'()*+\-./:<=>?@[\]^`{|}~]*$/.test(value)) {
    throw new RangeError('cookie name or value has characters a cookie cannot carry');
  }
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    ...(options.maxAgeSeconds !== undefined ? [`Max-Age=${options.maxAgeSeconds}`] : []),
    ...(options.httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
    `SameSite=${options.sameSite}`,
  ].join('; ');
}
