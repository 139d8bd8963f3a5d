import { randomBytes } from 'node:crypto';

/** 31 characters without 0/O, 1/I/L: read aloud or typed from a screenshot without ambiguity. */
export const ORDER_NO_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * 订单号码: `KJ` + yyMMdd (China date) + 10 random characters (≈ 49 bits): unique by index,
 * unguessable, and short enough to read to a help desk.
 */
export function orderNumber(now: Date, random: (n: number) => Buffer = randomBytes): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
  const bytes = random(10);
  let tail = '';
  // 31-character alphabet; rejection sampling keeps every character equally likely.
  let i = 0;
  let pool = bytes;
  while (tail.length < 10) {
    if (i >= pool.length) {
      pool = random(10);
      i = 0;
    }
    const b = pool[i++]! & 0x1f;
    if (b < ORDER_NO_ALPHABET.length) tail += ORDER_NO_ALPHABET[b];
  }
  return `KJ${day}${tail}`;
}

export const ORDER_NO_PATTERN = /^KJ\d{6}[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/;
