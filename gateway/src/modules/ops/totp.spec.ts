import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotpStep, otpauthUrl, totpAt, totpStep } from './totp';

/** The SHA-1 seed of RFC 6238 Appendix B (ASCII "12345678901234567890"). */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP / TOTP', () => {
  it('reproduces the RFC 4226 Appendix D values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(RFC_SECRET, counter))).toEqual(expected);
  });

  it('reproduces the RFC 6238 Appendix B SHA-1 values (8 digits as printed there)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totpAt(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(code);
    expect(totpAt(RFC_SECRET, new Date(59_000))).toBe('287082');
  });

  it('accepts the current step and one either side, nothing further, and names the step matched', () => {
    const now = new Date('2026-11-26T08:00:10Z');
    const step = totpStep(now);
    expect(matchTotpStep(RFC_SECRET, hotp(RFC_SECRET, step), now)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, hotp(RFC_SECRET, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, hotp(RFC_SECRET, step + 1), now)).toBe(step + 1);
    expect(matchTotpStep(RFC_SECRET, hotp(RFC_SECRET, step - 2), now)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, hotp(RFC_SECRET, step + 2), now)).toBeNull();
  });

  it('refuses malformed codes and tolerates a space typed in the middle', () => {
    const now = new Date('2026-11-26T08:00:10Z');
    const code = totpAt(RFC_SECRET, now);
    expect(matchTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, '-12345']) expect(matchTotpStep(RFC_SECRET, bad, now)).toBeNull();
  });
});

describe('base32 and otpauth URLs', () => {
  it('round-trips RFC 4648 test vectors without padding', () => {
    const vectors: Array<[string, string]> = [
      ['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded);
      expect(base32Decode(encoded).toString()).toBe(plain);
    }
    expect(base32Decode('mzxw 6ytb oi==').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow(RangeError);
  });

  it('builds the key URI authenticator apps scan', () => {
    const url = new URL(otpauthUrl(RFC_SECRET, { issuer: 'CCAP Ops', accountName: 'admin' }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/CCAP Ops:admin');
    expect(url.search).toContain('issuer=CCAP%20Ops');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: 'CCAP Ops', algorithm: 'SHA1', digits: '6', period: '30',
    });
  });
});
