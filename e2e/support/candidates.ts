import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

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

/** Registers (not verified) through the API with the dev outbox SMS code; the session lands in the page. */
export async function signInUnverifiedCandidate(page: Page, shellUrl: string, documentNumber: string, name = '王小明'): Promise<void> {
  const phone = `137${String(randomInt(100_000_000)).padStart(8, '0')}`;
  const sent = await graphqlInPage(page, 'mutation($phone: String!) { sendSmsCode(phone: $phone, purpose: REGISTER) { ok message } }', { phone });
  expect(sent.data?.sendSmsCode.ok, JSON.stringify(sent)).toBe(true);
  let code: string | undefined;
  await expect
    .poll(async () => {
      const outbox = (await (await fetch(`${shellUrl}/dev/outbox?phone=${phone}`)).json()) as { sms: Array<{ purpose: string; code: string }> };
      code = outbox.sms.find((m) => m.purpose === 'REGISTER')?.code;
      return code;
    })
    .toMatch(/^\d{6}$/);
  const registered = await graphqlInPage(page, 'mutation($input: RegisterInput!) { register(input: $input) { ok message } }', {
    input: { documentType: 'RESIDENT_ID', documentNumber, name, password: 'Kuaiji#2026', confirmPassword: 'Kuaiji#2026', phone, smsCode: code },
  });
  expect(registered.data?.register.ok, JSON.stringify(registered)).toBe(true);
}

/** A picture made by Chromium itself (a canvas of noise), as a camera or scanner would hand it over. */
export async function makeImageInPage(
  page: Page,
  options: { width: number; height: number; type: 'image/jpeg' | 'image/png'; seed?: number },
): Promise<Buffer> {
  const dataUrl = await page.evaluate(({ width, height, type, seed = 0 }) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(width, height);
    for (let i = 0; i < image.data.length; i += 4) {
      image.data[i] = (i * 7 + seed) % 256;
      image.data[i + 1] = (i * 13) % 251;
      image.data[i + 2] = (i * 31) % 241;
      image.data[i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    return canvas.toDataURL(type, 0.92);
  }, options);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}
