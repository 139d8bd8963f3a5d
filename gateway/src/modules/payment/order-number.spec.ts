import { describe, expect, it } from 'vitest';
import { ORDER_NO_ALPHABET, ORDER_NO_PATTERN, orderNumber, pooledRandomBytes } from './order-number';

describe('orderNumber', () => {
  it('is KJ, the China date and ten characters of the unambiguous alphabet', () => {
    // 2026-12-02 20:30 UTC is already 3 December in China.
    const no = orderNumber(new Date('2026-12-02T20:30:00Z'));
    expect(no).toMatch(ORDER_NO_PATTERN);
    expect(no.slice(0, 8)).toBe('KJ261203');
  });

  it('draws again for bytes outside the alphabet (rejection sampling)', () => {
    const draws = [Buffer.from([31, 30, 0, 1, 2, 3, 4, 5, 6, 7]), Buffer.from([8, 9, 10, 11, 12, 13, 14, 15, 16, 17])];
    const no = orderNumber(new Date('2026-12-03T00:00:00Z'), () => draws.shift()!);
    // 31 is refused, 30 is the last character; the pool runs out after eight more and the second draw supplies the tenth.
    expect(no.slice(8)).toBe(ORDER_NO_ALPHABET[30]! + ORDER_NO_ALPHABET.slice(0, 9));
  });

  it('does not repeat over many orders drawn from the pooled random source, across pool refills', () => {
    const seen = new Set(Array.from({ length: 20000 }, () => orderNumber(new Date())));
    expect(seen.size).toBe(20000);
    const used = new Set([...seen].flatMap((no) => [...no.slice(8)]));
    expect(used.size).toBe(ORDER_NO_ALPHABET.length);
  });
});

describe('pooledRandomBytes', () => {
  it('hands out fresh bytes each call, also when a request spans the end of the pool', () => {
    const chunks = Array.from({ length: 1000 }, () => Buffer.from(pooledRandomBytes(10)));
    expect(chunks.every((c) => c.length === 10)).toBe(true);
    expect(new Set(chunks.map((c) => c.toString('hex'))).size).toBe(1000);
    expect(pooledRandomBytes(10000)).toHaveLength(10000);
  });
});
