import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sendJson } from '../../http/server';
import { normalizeMobile } from './phone';

export const DEV_OUTBOX_LIMIT = 50;

/**
 * GET /dev/outbox: what the SMS simulator "sent" and the answers of issued captchas, newest first,
 * so developers and end-to-end tests can complete registration and login. `?phone=` narrows the SMS
 * list to one number. Only mounted when DEV_OUTBOX_ENABLED (never in production, see config.ts).
 */
export function devOutboxRoute(orm: MikroORM) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: '仅支持GET' }, { allow: 'GET' });
    const phone = new URL(req.url ?? '/', 'http://gateway').searchParams.get('phone');
    const connection = orm.em.getConnection();
    const [sms, captchas] = await Promise.all([
      connection.execute<Array<{ phone: string; purpose: string; code: string | null; message: string; sentAt: string }>>(
        `select phone, purpose, code, message, sent_at as "sentAt" from sms_outbox
          where (?::text is null or phone = ?) order by sent_at desc, id desc limit ${DEV_OUTBOX_LIMIT}`,
        [phone && normalizeMobile(phone), phone && normalizeMobile(phone)],
      ),
      connection.execute<Array<{ id: string; answer: string; issuedAt: string }>>(
        `select captcha_id as id, answer, issued_at as "issuedAt" from captcha_outbox order by issued_at desc limit ${DEV_OUTBOX_LIMIT}`,
      ),
    ]);
    sendJson(res, 200, {
      sms: sms.map((m) => ({ ...m, sentAt: new Date(m.sentAt).toISOString() })),
      captchas: captchas.map((c) => ({ ...c, issuedAt: new Date(c.issuedAt).toISOString() })),
    });
  };
}
