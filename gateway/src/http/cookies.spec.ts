import { describe, expect, it } from 'vitest';
import { readCookie, serializeCookie } from './cookies';

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; ccap_sid=abc-_x; b=2', 'ccap_sid')).toBe('abc-_x');
    expect(readCookie('ccap_sidx=1', 'ccap_sid')).toBeUndefined();
    expect(readCookie(undefined, 'ccap_sid')).toBeUndefined();
    expect(readCookie('garbage', 'ccap_sid')).toBeUndefined();
  });
});

describe('serializeCookie', () => {
  it('writes the attributes in Set-Cookie syntax', () => {
    expect(serializeCookie('ccap_sid', 'tok', { httpOnly: true, secure: true, sameSite: 'Lax', path: '/' })).toBe(
      'ccap_sid=tok; Path=/; HttpOnly; Secure; SameSite=Lax',
    );
    expect(serializeCookie('ccap_sid', '', { httpOnly: true, secure: false, sameSite: 'Lax', path: '/', maxAgeSeconds: 0 })).toBe(
      'ccap_sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
    );
  });

  it('refuses values that would break the header', () => {
    expect(() => serializeCookie('ccap_sid', 'a;b', { httpOnly: true, secure: false, sameSite: 'Lax', path: '/' })).toThrow();
  });
});
