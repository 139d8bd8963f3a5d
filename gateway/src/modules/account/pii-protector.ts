import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** What a protected value is; bound into ciphertexts and hashes so one can never stand in for another. */
export type PiiField = 'DOCUMENT_NUMBER' | 'DOCUMENT_NUMBER_MASKED' | 'PHONE' | 'OPS_TOTP_SECRET';

/** Layout version of a ciphertext: version byte, 12-byte IV, ciphertext, 16-byte GCM tag. */
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption at rest (AES-256-GCM) and keyed hashes (HMAC-SHA256) for sensitive personal information.
 * A plain SHA-256 of an 18-digit ID or an 11-digit phone number is reversed by enumeration in minutes;
 * the keyed hash is not, as long as the lookup key stays out of the database.
 */
export class PiiProtector {
  constructor(private readonly keys: { encryptionKey: Buffer; lookupKey: Buffer }) {}

  encrypt(field: PiiField, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.encryptionKey, iv);
    cipher.setAAD(Buffer.from(field));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, body, cipher.getAuthTag()]);
  }

  /** Throws when the value was altered, belongs to another field, or was encrypted with another key. */
  decrypt(field: PiiField, stored: Buffer): string {
    if (stored[0] !== FORMAT_V1 || stored.length < 1 + IV_BYTES + TAG_BYTES) {
      throw new Error('unknown PII ciphertext format');
    }
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const tag = stored.subarray(stored.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.keys.encryptionKey, iv);
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(1 + IV_BYTES, stored.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Deterministic: the same normalised value always gives the same hash, so a unique index can hold it. */
  lookupHash(field: PiiField, normalized: string): Buffer {
    return this.keyedHash(`pii:${field}`, normalized);
  }

  /**
   * For short secrets (SMS codes, captcha answers) bound to what they were issued for: a million
   * six-digit codes are hashed in well under a second, so only a key makes the hash worth storing.
   */
  secretHash(...parts: string[]): Buffer {
    return this.keyedHash('secret', ...parts);
  }

  private keyedHash(domain: string, ...parts: string[]): Buffer {
    const hmac = createHmac('sha256', this.keys.lookupKey);
    // Length-prefixed parts: ("ab", "c") and ("a", "bc") must not hash alike.
    for (const part of [domain, ...parts]) hmac.update(`${Buffer.byteLength(part)}:${part};`);
    return hmac.digest();
  }
}
