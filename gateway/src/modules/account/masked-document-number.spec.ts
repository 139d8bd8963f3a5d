import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskedDocumentForms, maskedDocumentLookup, maskedDocumentLookupsFor } from './masked-document-number';
import { PiiProtector } from './pii-protector';

const pii = new PiiProtector({ encryptionKey: randomBytes(32), lookupKey: randomBytes(32) });

describe('masked 证件号码 search forms', () => {
  it('takes the masked form as shown, with its exact number of hidden characters', () => {
    expect(maskedDocumentForms('1101**********123x')).toEqual(['1101**********123X']);
    expect(maskedDocumentForms(' 1101＊＊＊＊＊＊＊＊＊＊1234 ')).toEqual(['1101**********1234']); // full-width stars, spaces
    expect(maskedDocumentForms('H1****78')).toEqual(['H1****78']); // 8 characters: first and last 2 shown
    expect(maskedDocumentForms('AB********34')).toBeNull(); // 12 characters show 4 + 4, so this was never shown
    expect(maskedDocumentForms('H1*****8')).toBeNull();
    expect(maskedDocumentForms('E1*****')).toBeNull();
    expect(maskedDocumentForms('110105199003071234')).toBeNull(); // nothing masked: that is the exact search
  });

  it('lets one * stand for any number of hidden characters', () => {
    expect(maskedDocumentForms('1101*1234')).toContain('1101**********1234');
    expect(maskedDocumentForms('1101*1234')!.every((f) => f.length >= 12)).toBe(true);
    expect(maskedDocumentForms('H1*78')).toEqual(['H1*78', 'H1**78', 'H1***78', 'H1****78', 'H1*****78', 'H1******78', 'H1*******78']);
    expect(maskedDocumentForms('110*1234')).toBeNull(); // 3 + 4 is no masked form
  });

  it('hashes the stored value and the search alike', () => {
    const stored = maskedDocumentLookup(pii, '11010519900307123X');
    expect(maskedDocumentLookupsFor(pii, '1101**********123X')).toEqual([stored]);
    expect(maskedDocumentLookupsFor(pii, '1101*123X')!.some((h) => h.equals(stored))).toBe(true);
    expect(maskedDocumentLookupsFor(pii, '1102*123X')!.some((h) => h.equals(stored))).toBe(false);
    // Domain-separated from the exact lookup of the same text.
    expect(stored.equals(pii.lookupHash('DOCUMENT_NUMBER', '1101**********123X'))).toBe(false);
  });
});
