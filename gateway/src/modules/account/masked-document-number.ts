/**
 * Finding accounts by a masked 证件号码 (1101**********1234) without decrypting anyone: each account
 * stores a keyed hash of its number as maskDocumentNumber shows it, and a search hashes what staff
 * typed the same way. The hash says nothing without the lookup key; many accounts share a value.
 */
import { normalizeDocumentNumber } from './identity-document';
import { maskDocumentNumber } from './person-name';
import type { PiiProtector } from './pii-protector';

/** Longest document number the masked search considers (passports and permits are shorter). */
const MAX_DOCUMENT_LENGTH = 32;

/** The keyed hash stored with an account, from its normalised number. */
export function maskedDocumentLookup(pii: PiiProtector, normalizedNumber: string): Buffer {
  return pii.lookupHash('DOCUMENT_NUMBER_MASKED', maskDocumentNumber(normalizedNumber));
}

/**
 * The masked forms a typed pattern stands for: `1101**********1234` exactly as shown (the number of
 * `*` is the number of hidden characters), or with one `*` standing for any number of them
 * (`1101*1234`). Visible parts as maskDocumentNumber shows them: first and last 4 characters of
 * numbers of 12 or more, first and last 2 of shorter ones. Null when the pattern is not such a form.
 */
export function maskedDocumentForms(typed: string): string[] | null {
  const text = normalizeDocumentNumber('RESIDENT_ID', typed);
  const match = /^([0-9A-Z]+)(\*+)([0-9A-Z]+)$/.exec(text);
  if (!match) return null;
  const [, head, stars, tail] = match as unknown as [string, string, string, string];
  const lengths =
    stars.length > 1
      ? [head.length + stars.length + tail.length]
      : head.length === 4 && tail.length === 4
        ? Array.from({ length: MAX_DOCUMENT_LENGTH - 11 }, (_, i) => 12 + i)
        : head.length === 2 && tail.length === 2
          ? [5, 6, 7, 8, 9, 10, 11]
          : [];
  // What maskDocumentNumber shows: 4 + 4 of 12 or more characters, 2 + 2 of 5 to 11.
  const visible = (length: number) => (length >= 12 ? 4 : 2);
  const forms = lengths
    .filter((length) => length >= 5 && head.length === visible(length) && tail.length === visible(length))
    .map((length) => head + '*'.repeat(length - head.length - tail.length) + tail);
  return forms.length ? forms : null;
}

/** Keyed hashes of every masked form the pattern stands for, or null when it is not a masked number. */
export function maskedDocumentLookupsFor(pii: PiiProtector, typed: string): Buffer[] | null {
  return maskedDocumentForms(typed)?.map((form) => pii.lookupHash('DOCUMENT_NUMBER_MASKED', form)) ?? null;
}
