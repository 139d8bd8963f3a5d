import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { ormConfig } from '../../orm/orm-config';
import { createTestDatabase, FakeClock, testContext, type TestDatabase } from '../../../test/support';
import { CAPTCHA_ALPHABET, renderCaptchaSvg } from './captcha-image';
import { CAPTCHA_TTL_MS, CaptchaService, generateCaptchaAnswer } from './captcha.service';
import { PiiProtector } from './pii-protector';

let db: TestDatabase;
let orm: MikroORM;
const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
const pii = new PiiProtector(loadConfig({ DATABASE_URL: 'postgres://x@localhost/x' }).pii);
const service = new CaptchaService(pii, { recordAnswersForDevOutbox: true });
const ctx = () => testContext(orm, clock);

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 4 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

async function answerOf(id: string): Promise<string> {
  const [row] = await orm.em.getConnection().execute(`select answer from captcha_outbox where captcha_id = ?`, [id]);
  return row.answer;
}

describe('captcha answers and images', () => {
  it('draws four characters from an alphabet without look-alikes', () => {
    const answers = Array.from({ length: 500 }, generateCaptchaAnswer);
    expect(answers.every((a) => a.length === 4 && [...a].every((c) => CAPTCHA_ALPHABET.includes(c)))).toBe(true);
    expect(CAPTCHA_ALPHABET).not.toMatch(/[01OIL]/);
    expect(new Set(answers.join('')).size).toBe(CAPTCHA_ALPHABET.length);
  });

  it('renders every character as paths, never as text, and differently each time', () => {
    for (const char of CAPTCHA_ALPHABET) expect(() => renderCaptchaSvg(char.repeat(4))).not.toThrow();
    const svg = renderCaptchaSvg('AB23');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="120" height="40"/);
    expect(svg).not.toMatch(/<text|AB23|font/i);
    expect(svg.match(/<path /g)!.length).toBeGreaterThanOrEqual(4 + 4);
    expect(renderCaptchaSvg('AB23')).not.toBe(svg);
    // Every coordinate stays on the canvas (with room for the stroke).
    const numbers = [...svg.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(numbers.every(([x, y]) => x! > -4 && x! < 124 && y! > -4 && y! < 44)).toBe(true);
  });
});

describe('CaptchaService', () => {
  it('stores only a hash of the answer, which the dev outbox shows in the clear', async () => {
    const issued = await service.issue(ctx());
    const answer = await answerOf(issued.id);
    const [row] = await orm.em.getConnection().execute(`select * from captcha_challenge where id = ?`, [issued.id]);
    expect(row.answer_hash).toHaveLength(32);
    expect(row.answer_hash.toString('latin1')).not.toContain(answer);
    expect(issued.expiresAt).toEqual(new Date(clock.now().getTime() + CAPTCHA_TTL_MS));
  });

  it('accepts the answer once, in any case and in full-width letters', async () => {
    const issued = await service.issue(ctx());
    const answer = await answerOf(issued.id);
    const fullWidthLower = [...answer.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(await service.verify(ctx(), issued.id, ` ${fullWidthLower} `)).toBe(true);
    expect(await service.verify(ctx(), issued.id, answer)).toBe(false);
  });

  it('allows one guess per image: a wrong answer uses it up', async () => {
    const issued = await service.issue(ctx());
    const answer = await answerOf(issued.id);
    expect(await service.verify(ctx(), issued.id, answer === 'AAAA' ? 'BBBB' : 'AAAA')).toBe(false);
    expect(await service.verify(ctx(), issued.id, answer)).toBe(false);
  });

  it('expires after five minutes', async () => {
    const issued = await service.issue(ctx());
    const answer = await answerOf(issued.id);
    clock.advance(CAPTCHA_TTL_MS);
    expect(await service.verify(ctx(), issued.id, answer)).toBe(false);
  });

  it('refuses unknown and malformed ids', async () => {
    expect(await service.verify(ctx(), '00000000-0000-0000-0000-000000000000', 'AAAA')).toBe(false);
    expect(await service.verify(ctx(), "1' or '1'='1", 'AAAA')).toBe(false);
  });

  it('removes expired captchas as new ones are issued', async () => {
    for (let i = 0; i < 5; i++) await service.issue(ctx());
    clock.advance(CAPTCHA_TTL_MS + 1);
    await service.issue(ctx());
    const [row] = await orm.em.getConnection().execute(`select count(*)::int as n from captcha_challenge where expires_at <= ?`, [clock.now()]);
    expect(row.n).toBe(0);
  });

  it('writes no answers anywhere when the dev outbox is off', async () => {
    const quiet = new CaptchaService(pii, { recordAnswersForDevOutbox: false });
    const issued = await quiet.issue(ctx());
    expect(await orm.em.getConnection().execute(`select 1 from captcha_outbox where captcha_id = ?`, [issued.id])).toHaveLength(0);
  });
});
