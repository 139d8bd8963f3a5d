import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsProvider } from '../src/modules/account/sms-provider';
import { outbox, SEND_SMS, uniquePhone } from './account-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
let gw: TestGateway;
let second: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ clock });
  // A second gateway process on the same database, as in production behind a load balancer.
  second = await startTestGateway({ clock, database: gw.database });
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
});

const send = (target: TestGateway, phone: string, purpose = 'REGISTER') => target.graphql(SEND_SMS, { phone, purpose });

describe('sendSmsCode', () => {
  it('sends a 6-digit code valid for 3 minutes and shows it in the dev outbox', async () => {
    const phone = uniquePhone();
    const { body } = await send(gw, phone);
    expect(body.data.sendSmsCode).toEqual({
      ok: true,
      errorCode: null,
      message: '验证码已发送',
      field: null,
      retryAfterSeconds: 180,
      expiresAt: '2027-01-03T02:03:00.000Z',
    });
    const [sms] = (await outbox(gw, phone)).sms;
    expect(sms).toMatchObject({ phone, purpose: 'REGISTER', sentAt: '2027-01-03T02:00:00.000Z' });
    expect(sms!.code).toMatch(/^\d{6}$/);
    expect(sms!.message).toContain(`验证码为${sms!.code},3分钟内有效`);
  });

  it('sends at most one code per phone and purpose every 3 minutes, saying how long to wait', async () => {
    const phone = uniquePhone();
    expect((await send(gw, phone)).body.data.sendSmsCode.ok).toBe(true);
    clock.advance(100_000);
    const { body } = await send(gw, phone);
    expect(body.data.sendSmsCode).toMatchObject({
      ok: false,
      errorCode: 'SMS_TOO_FREQUENT',
      retryAfterSeconds: 80,
      message: '验证码每3分钟只能发送一次,请80秒后再试',
    });
    // Another purpose has its own allowance.
    expect((await send(gw, phone, 'RESET_PASSWORD')).body.data.sendSmsCode.ok).toBe(true);
    clock.advance(79_000);
    expect((await send(gw, phone)).body.data.sendSmsCode).toMatchObject({ errorCode: 'SMS_TOO_FREQUENT', retryAfterSeconds: 1 });
    clock.advance(1_000);
    expect((await send(gw, phone)).body.data.sendSmsCode.ok).toBe(true);
    expect((await outbox(gw, phone)).sms.map((m) => m.purpose)).toEqual(['REGISTER', 'RESET_PASSWORD', 'REGISTER']);
  });

  it('sends exactly one SMS for 100 concurrent requests spread over two gateway processes', async () => {
    const phone = uniquePhone();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => send(i % 2 ? second : gw, phone)));
    const outcomes = results.map((r) => r.body.data?.sendSmsCode.errorCode ?? 'SENT');
    expect(outcomes.filter((o) => o === 'SENT')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'SMS_TOO_FREQUENT')).toHaveLength(99);
    expect((await outbox(gw, phone)).sms).toHaveLength(1);
  });

  it('refuses a malformed phone number', async () => {
    const { body } = await send(gw, '1380013800');
    expect(body.data.sendSmsCode).toMatchObject({ ok: false, errorCode: 'PHONE_FORMAT', field: 'phone', message: '手机号格式不正确' });
  });

  it('accepts only the purposes a candidate may request', async () => {
    const { status, body } = await send(gw, uniquePhone(), 'NOTIFICATION');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('SMS provider failures', () => {
  it('report SMS_SEND_FAILED and leave the phone free to retry at once', async () => {
    let failing = true;
    const delivered: string[] = [];
    const flaky: SmsProvider = {
      async send(phone) {
        if (failing) throw new Error('provider unavailable');
        delivered.push(phone);
      },
    };
    const flakyGateway = await startTestGateway({ clock, smsProvider: flaky });
    try {
      const phone = uniquePhone();
      const failed = await send(flakyGateway, phone);
      expect(failed.body.data.sendSmsCode).toMatchObject({ ok: false, errorCode: 'SMS_SEND_FAILED', message: '短信发送失败,请稍后重试' });
      failing = false;
      expect((await send(flakyGateway, phone)).body.data.sendSmsCode.ok).toBe(true);
      expect(delivered).toEqual([phone]);
    } finally {
      await flakyGateway.close();
    }
  });
});

describe('the SMS simulator', () => {
  it('waits a random delay up to the configured maximum before delivering', async () => {
    const slow = await startTestGateway({ clock, env: { SMS_SIMULATOR_MAX_DELAY_MS: '400' } });
    try {
      const timings = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const started = performance.now();
          await send(slow, uniquePhone());
          return performance.now() - started;
        }),
      );
      expect(Math.max(...timings)).toBeLessThan(3_000);
      expect(new Set(timings.map((t) => Math.round(t / 20))).size).toBeGreaterThan(1);
      expect((await outbox(slow)).sms).toHaveLength(6);
    } finally {
      await slow.close();
    }
  });
});

describe('GET /dev/outbox', () => {
  it('lists the newest messages first, and filters by phone', async () => {
    const phone = uniquePhone();
    clock.advance(1_000); // after every message of the tests above
    await send(gw, phone, 'REGISTER');
    clock.advance(1_000);
    await send(gw, phone, 'RESET_PASSWORD');
    const all = await outbox(gw);
    expect(all.sms.length).toBeGreaterThan(2);
    expect(all.sms.slice(0, 2).map((m) => [m.phone, m.purpose])).toEqual([
      [phone, 'RESET_PASSWORD'],
      [phone, 'REGISTER'],
    ]);
    const sentAt = all.sms.map((m) => m.sentAt);
    expect([...sentAt].sort().reverse()).toEqual(sentAt);
    expect((await outbox(gw, phone)).sms.every((m) => m.phone === phone)).toBe(true);
  });

  it('answers GET only', async () => {
    const res = await fetch(`${gw.url}/dev/outbox`, { method: 'POST' });
    expect(res.status).toBe(405);
  });

  it('does not exist when the outbox is disabled', async () => {
    const closed = await startTestGateway({ env: { DEV_OUTBOX_ENABLED: 'false' } });
    try {
      expect((await fetch(`${closed.url}/dev/outbox`)).status).toBe(404);
      expect((await closed.graphql(SEND_SMS, { phone: uniquePhone(), purpose: 'REGISTER' })).body.data.sendSmsCode.ok).toBe(true);
      const [row] = await closed.orm.em.getConnection().execute(`select count(*)::int as n from sms_outbox`);
      expect(row.n).toBe(1); // the simulator still "delivers"; only the route is gone
    } finally {
      await closed.close();
    }
  });
});
