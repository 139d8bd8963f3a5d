import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { ormConfig } from '../../orm/orm-config';
import { createTestDatabase, FakeClock, testContext, type TestDatabase } from '../../../test/support';
import { PiiProtector } from './pii-protector';
import { SmsCodePurpose } from './sms-code.entity';
import { generateSmsCode, SMS_CODE_MAX_FAILED_ATTEMPTS, SmsCodeService } from './sms-code.service';
import type { SmsMeta, SmsProvider } from './sms-provider';

class RecordingSmsProvider implements SmsProvider {
  sent: Array<{ phone: string; message: string; meta: SmsMeta }> = [];
  async send(phone: string, message: string, meta: SmsMeta) {
    this.sent.push({ phone, message, meta });
  }
  lastCode(): string {
    return this.sent.at(-1)!.meta.code!;
  }
}

let db: TestDatabase;
let orm: MikroORM;
const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
const provider = new RecordingSmsProvider();
const service = new SmsCodeService(new PiiProtector(loadConfig({ DATABASE_URL: 'postgres://x@localhost/x' }).pii), provider);
const ctx = () => testContext(orm, clock);
const PHONE = '13800138000';

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 4 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});
beforeEach(async () => {
  await orm.em.getConnection().execute('delete from sms_code');
  clock.set('2027-01-03T02:00:00Z');
});

async function sendAndRead(phone = PHONE, purpose = SmsCodePurpose.REGISTER): Promise<string> {
  const result = await service.send(ctx(), phone, purpose);
  expect(result.ok).toBe(true);
  return provider.lastCode();
}

describe('generateSmsCode', () => {
  it('gives six digits, leading zeros included, from the whole range', () => {
    const codes = Array.from({ length: 2000 }, generateSmsCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });
});

describe('SmsCodeService.send', () => {
  it('sends the code in a message naming the platform, the purpose and the 3-minute validity', async () => {
    const result = await service.send(ctx(), '+86 138-0013-8000', SmsCodePurpose.RESET_PASSWORD);
    expect(result).toEqual({ ok: true, retryAfterSeconds: 180, expiresAt: new Date('2027-01-03T02:03:00Z') });
    const { phone, message, meta } = provider.sent.at(-1)!;
    expect(phone).toBe(PHONE);
    expect(message).toBe(`【全国会计人员统一服务管理平台】您正在找回密码,验证码为${meta.code},3分钟内有效。如非本人操作,请忽略本短信。`);
    expect(meta.purpose).toBe('RESET_PASSWORD');
  });

  it('stores neither the code nor the phone, only keyed hashes', async () => {
    const code = await sendAndRead();
    const rows = await orm.em.getConnection().execute(`select * from sms_code`);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(PHONE);
    expect(rows[0].code_hash).toHaveLength(32);
  });

  it('refuses a malformed phone without sending', async () => {
    const before = provider.sent.length;
    expect(await service.send(ctx(), '12345', SmsCodePurpose.REGISTER)).toMatchObject({ ok: false, errorCode: 'PHONE_FORMAT', field: 'phone' });
    expect(provider.sent.length).toBe(before);
  });
});

describe('SmsCodeService.consume', () => {
  it('accepts the code once, full-width digits included', async () => {
    const code = await sendAndRead();
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, fullWidth)).toEqual({ ok: true });
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, code)).toMatchObject({ ok: false, errorCode: 'SMS_CODE_EXPIRED' });
  });

  it('rejects a code after 3 minutes', async () => {
    const code = await sendAndRead();
    clock.advance(180_000);
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, code)).toMatchObject({
      ok: false,
      errorCode: 'SMS_CODE_EXPIRED',
      message: '短信验证码已失效,请重新获取',
    });
  });

  it('accepts a code one millisecond before it expires', async () => {
    const code = await sendAndRead();
    clock.advance(180_000 - 1);
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, code)).toEqual({ ok: true });
  });

  it('binds a code to its purpose and its phone', async () => {
    const code = await sendAndRead(PHONE, SmsCodePurpose.REGISTER);
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.RESET_PASSWORD, code)).toMatchObject({ ok: false, errorCode: 'SMS_CODE_INVALID' });
    expect(await service.consume(ctx(), '13800138001', SmsCodePurpose.REGISTER, code)).toMatchObject({ ok: false, errorCode: 'SMS_CODE_INVALID' });
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, code)).toEqual({ ok: true });
  });

  it('invalidates the previous code when a new one is sent', async () => {
    const first = await sendAndRead();
    clock.advance(180_000);
    const second = await sendAndRead();
    expect(second).not.toBe(first); // one in a million to be equal
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, first)).toMatchObject({ ok: false, errorCode: 'SMS_CODE_INVALID' });
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, second)).toEqual({ ok: true });
  });

  it(`kills the code after ${SMS_CODE_MAX_FAILED_ATTEMPTS} wrong entries, even if the right one follows`, async () => {
    const code = await sendAndRead();
    const wrongCode = code === '000000' ? '000001' : '000000';
    for (let i = 1; i < SMS_CODE_MAX_FAILED_ATTEMPTS; i++) {
      expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, wrongCode)).toMatchObject({ errorCode: 'SMS_CODE_INVALID', message: '短信验证码不正确' });
    }
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, wrongCode)).toMatchObject({
      errorCode: 'SMS_CODE_INVALID',
      message: '短信验证码错误次数过多,已失效,请重新获取',
    });
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, code)).toMatchObject({ ok: false, errorCode: 'SMS_CODE_EXPIRED' });
  });

  it('counts concurrent wrong entries exactly', async () => {
    const code = await sendAndRead();
    const wrongCode = code === '000000' ? '000001' : '000000';
    await Promise.all(Array.from({ length: 20 }, () => service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, wrongCode)));
    const [row] = await orm.em.getConnection().execute(`select failed_attempts from sms_code`);
    expect(row.failed_attempts).toBe(SMS_CODE_MAX_FAILED_ATTEMPTS);
  });

  it('lets only one of many concurrent right entries through', async () => {
    const code = await sendAndRead();
    const results = await Promise.all(Array.from({ length: 10 }, () => service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, code)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('says "wrong code" when no code was ever sent, and ignores input that is not six digits', async () => {
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, '123456')).toMatchObject({ errorCode: 'SMS_CODE_INVALID', field: 'smsCode' });
    await sendAndRead();
    expect(await service.consume(ctx(), PHONE, SmsCodePurpose.REGISTER, '12345')).toMatchObject({ errorCode: 'SMS_CODE_INVALID' });
    const [row] = await orm.em.getConnection().execute(`select failed_attempts from sms_code`);
    expect(row.failed_attempts).toBe(0);
  });
});
