import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiProtector } from './pii-protector';

const keys = { encryptionKey: randomBytes(32), lookupKey: randomBytes(32) };
const pii = new PiiProtector(keys);
const ID = '11010519491231002X';

describe('PiiProtector encryption', () => {
  it('round-trips text, rare characters included', () => {
    expect(pii.decrypt('DOCUMENT_NUMBER', pii.encrypt('DOCUMENT_NUMBER', ID))).toBe(ID);
    expect(pii.decrypt('PHONE', pii.encrypt('PHONE', '𠀾𮯰'))).toBe('𠀾𮯰');
  });

  it('uses a fresh IV every time and never contains the plaintext', () => {
    const a = pii.encrypt('DOCUMENT_NUMBER', ID);
    const b = pii.encrypt('DOCUMENT_NUMBER', ID);
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain(ID);
    expect(a.length).toBe(1 + 12 + ID.length + 16);
  });

  it('detects tampering, the wrong field and the wrong key', () => {
    const sealed = pii.encrypt('DOCUMENT_NUMBER', ID);
    const flipped = Buffer.from(sealed);
    flipped[20]! ^= 1;
    expect(() => pii.decrypt('DOCUMENT_NUMBER', flipped)).toThrow();
    expect(() => pii.decrypt('PHONE', sealed)).toThrow();
    expect(() => new PiiProtector({ ...keys, encryptionKey: randomBytes(32) }).decrypt('DOCUMENT_NUMBER', sealed)).toThrow();
    expect(() => pii.decrypt('DOCUMENT_NUMBER', Buffer.from([9, 1, 2]))).toThrow(/format/);
  });
});

describe('PiiProtector hashes', () => {
  it('are deterministic per field and value, and depend on the key', () => {
    expect(pii.lookupHash('PHONE', '13800138000').equals(pii.lookupHash('PHONE', '13800138000'))).toBe(true);
    expect(pii.lookupHash('PHONE', '13800138000').equals(pii.lookupHash('PHONE', '13800138001'))).toBe(false);
    expect(pii.lookupHash('PHONE', '13800138000').equals(pii.lookupHash('DOCUMENT_NUMBER', '13800138000'))).toBe(false);
    const otherKey = new PiiProtector({ ...keys, lookupKey: randomBytes(32) });
    expect(pii.lookupHash('PHONE', '13800138000').equals(otherKey.lookupHash('PHONE', '13800138000'))).toBe(false);
  });

  it('keep the parts of a secret apart', () => {
    expect(pii.secretHash('ab', 'c').equals(pii.secretHash('a', 'bc'))).toBe(false);
    expect(pii.secretHash('sms', '123456').equals(pii.secretHash('sms', '123456'))).toBe(true);
  });
});
