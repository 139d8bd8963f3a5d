import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';

/** A 居民身份证号码 that passes GB 11643: 东城区 (110101), a birth date in the 1980s, a random sequence. */
export function residentIdNumber(): string {
  const birth = new Date(Date.UTC(1980 + randomInt(10), randomInt(12), 1 + randomInt(28)));
  const first17 = `110101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(randomInt(1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

/** POSTs a GraphQL operation from the page (same origin, so a session cookie it sets lands in the browser). */
export function graphqlInPage(page: Page, query: string, variables: Record<string, unknown>) {
  return page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: any; errors?: unknown[] };
    },
    { query, variables },
  );
}
