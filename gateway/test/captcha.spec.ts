import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from './account-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ clock });
});
afterAll(() => gw?.close());

const CAPTCHA = `mutation { captcha { id svg expiresAt } }`;

describe('captcha', () => {
  it('issues an id and an SVG image valid for five minutes', async () => {
    const { body } = await gw.graphql(CAPTCHA);
    expect(body.data.captcha).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), expiresAt: '2027-01-03T02:05:00.000Z' });
    expect(body.data.captcha.svg).toMatch(/^<svg [^>]*viewBox="0 0 120 40">.*<\/svg>$/s);
  });

  it('shows the answers in the dev outbox, newest first, and nowhere in the image', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      ids.push((await gw.graphql(CAPTCHA)).body.data.captcha.id);
    }
    const { captchas } = await outbox(gw);
    expect(captchas.slice(0, 3).map((c) => c.id)).toEqual([...ids].reverse());
    expect(captchas[0]!.answer).toMatch(/^[2-9A-HJKMNP-Z]{4}$/);
    expect(captchas[0]!.issuedAt).toBe(clock.now().toISOString());
  });

  it('is a mutation: a GET cannot issue one', async () => {
    const res = await fetch(`${gw.url}/graphql?query=${encodeURIComponent(CAPTCHA)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
  });
});
