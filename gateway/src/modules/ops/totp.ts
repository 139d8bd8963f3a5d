/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) with the parameters every authenticator
 * app uses by default: HMAC-SHA-1, 6 digits, 30-second steps. node:crypto does all of it, so no
 * dependency is needed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
/** Steps accepted either side of the server's: covers a phone clock ±30 s off and codes typed at a step's end. */
export const TOTP_ALLOWED_DRIFT_STEPS = 1;
/** 160 bits: the HMAC-SHA-1 block of the RFC's own examples and what Google Authenticator issues. */
export const TOTP_SECRET_BYTES = 20;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as otpauth:// URLs and authenticator apps expect. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Accepts lower case, spaces and padding (people copy secrets in groups of four). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new RangeError('not a base32 string');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

export function generateTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES);
}

/** The step an instant falls in (T in RFC 6238, with T0 = 0). */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** HOTP value of one counter (RFC 4226 §5.3, dynamic truncation), zero-padded to `digits`. */
export function hotp(secret: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpAt(secret: Buffer, at: Date, digits = TOTP_DIGITS): string {
  return hotp(secret, totpStep(at), digits);
}

/**
 * The step whose code `code` is, within the allowed drift around `at`, or null. The caller stores the
 * step and refuses any step not later than the last one used, so an observed code cannot be replayed.
 * Every candidate step is computed and compared in constant time, whatever matches.
 */
export function matchTotpStep(secret: Buffer, code: string, at: Date): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d+$/.test(typed) || typed.length !== TOTP_DIGITS) return null;
  const current = totpStep(at);
  let matched: number | null = null;
  for (let step = current - TOTP_ALLOWED_DRIFT_STEPS; step <= current + TOTP_ALLOWED_DRIFT_STEPS; step++) {
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(typed)) && matched === null) matched = step;
  }
  return matched;
}

/** Key URI for authenticator apps (the de-facto format of Google Authenticator's wiki). */
export function otpauthUrl(secret: Buffer, options: { issuer: string; accountName: string }): string {
  const label = `${encodeURIComponent(options.issuer)}:${encodeURIComponent(options.accountName)}`;
  // encodeURIComponent, not URLSearchParams: some apps show a "+" for a space literally.
  const params = [
    ['secret', base32Encode(secret)],
    ['issuer', options.issuer],
    ['algorithm', 'SHA1'],
    ['digits', String(TOTP_DIGITS)],
    ['period', String(TOTP_STEP_SECONDS)],
  ].map(([key, value]) => `${key}=${encodeURIComponent(value!)}`);
  return `otpauth://totp/${label}?${params.join('&')}`;
}
