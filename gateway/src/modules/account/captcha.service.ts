import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../graphql/context';
import { UUID_PATTERN } from '../exam/exam.service';
import { CAPTCHA_ALPHABET, renderCaptchaSvg } from './captcha-image';
import type { PiiProtector } from './pii-protector';
import { executeCall, prepared, type PreparedCall } from '../../orm/raw-transaction';

export const CAPTCHA_LENGTH = 4;
export const CAPTCHA_TTL_MS = 5 * 60_000;
/** Expired rows removed per issued captcha: keeps the table near its live size without a job. */
const PURGE_BATCH = 20;

export interface IssuedCaptcha {
  id: string;
  svg: string;
  expiresAt: Date;
}

export function generateCaptchaAnswer(): string {
  return Array.from({ length: CAPTCHA_LENGTH }, () => CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)]).join('');
}

/** Case-insensitive, and full-width letters from a Chinese IME count as typed. */
function normalizeAnswer(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

const CONSUME_CAPTCHA = prepared('ccap_consume_captcha', `delete from captcha_challenge where id = $1 returning answer_hash, expires_at`);

/** 图片验证码 for the login form. Answers are stored hashed; a captcha answers one attempt, right or wrong. */
export class CaptchaService {
  constructor(
    private readonly pii: PiiProtector,
    private readonly options: { recordAnswersForDevOutbox: boolean },
  ) {}

  private answerHash(id: string, answer: string): Buffer {
    return this.pii.secretHash('captcha', id, answer);
  }

  async issue(ctx: RequestContext): Promise<IssuedCaptcha> {
    const id = randomUUID();
    const answer = generateCaptchaAnswer();
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + CAPTCHA_TTL_MS);
    await ctx.em.transactional(async (em) => {
      await em.execute(
        `delete from captcha_challenge where id in (select id from captcha_challenge where expires_at <= ? limit ${PURGE_BATCH})`,
        [now],
      );
      await em.execute(`insert into captcha_challenge (id, answer_hash, issued_at, expires_at) values (?, ?, ?, ?)`, [
        id,
        this.answerHash(id, answer),
        now,
        expiresAt,
      ]);
      if (this.options.recordAnswersForDevOutbox) {
        await em.execute(`insert into captcha_outbox (captcha_id, answer, issued_at) values (?, ?, ?)`, [id, answer, now]);
      }
    });
    return { id, svg: renderCaptchaSvg(answer), expiresAt };
  }

  /** Deletes the captcha whatever the answer, so each image allows exactly one guess. */
  async verify(ctx: RequestContext, id: string, rawAnswer: string): Promise<boolean> {
    const consume = this.consumption(id);
    if (!consume) return false;
    return this.accepts(await executeCall(ctx.em, consume), id, rawAnswer, ctx.clock.now());
  }

  /** `verify`'s statement for a batch (null for an id that cannot exist); judge its rows with `accepts`. */
  consumption(id: string): PreparedCall | null {
    return UUID_PATTERN.test(id) ? { statement: CONSUME_CAPTCHA, args: [id] } : null;
  }

  accepts(consumedRows: ReadonlyArray<Record<string, unknown>>, id: string, rawAnswer: string, now: Date): boolean {
    const row = consumedRows[0] as { answer_hash: Buffer; expires_at: string | Date } | undefined;
    if (!row || new Date(row.expires_at) <= now) return false;
    return timingSafeEqual(row.answer_hash, this.answerHash(id, normalizeAnswer(rawAnswer)));
  }
}
