import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_PII_ENCRYPTION_KEY, DEV_PII_LOOKUP_KEY } from '../../config';
import { ormConfig } from '../../orm/orm-config';
import { seedDemoData } from '../../seed/demo-data';
import { createTestDatabase, FakeClock, testContext, type TestDatabase } from '../../../test/support';
import { LoginThrottleService } from '../account/login-throttle.service';
import { PasswordHasher } from '../account/password-hasher';
import { PiiProtector } from '../account/pii-protector';
import { OpsAuthService } from './ops-auth.service';
import { OpsSessionService } from './ops-session.service';

let db: TestDatabase;
let orm: MikroORM;
const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
const pii = new PiiProtector({ encryptionKey: Buffer.from(DEV_PII_ENCRYPTION_KEY, 'base64'), lookupKey: Buffer.from(DEV_PII_LOOKUP_KEY, 'base64') });
const service = new OpsAuthService({
  pii,
  passwords: new PasswordHasher(),
  sessions: new OpsSessionService({ idleTimeoutMs: 15 * 60_000, absoluteTimeoutMs: 8 * 3_600_000, secureCookie: false }),
  loginThrottle: new LoginThrottleService(),
  clientMaxFailures: 20,
});
const ctx = () => testContext(orm, clock);
const strong = 'Shenhe#2026-ops';

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 4 } }));
  await seedDemoData(orm.em.fork(), clock.now());
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

describe('OpsAuthService.createAccount', () => {
  it('stores an argon2id hash and the TOTP secret encrypted, returns the secret once, and audits the creation', async () => {
    const result = await service.createAccount(ctx(), { username: ' Wang.Li ', password: strong, role: 'REVIEWER', unitCodes: ['110000', '110000', '120000'] });
    if (!result.ok) throw new Error(result.message);
    expect(result.username).toBe('wang.li');
    const [row] = await orm.em.getConnection().execute(`select * from ops_account where id = ?`, [result.accountId]);
    expect(row).toMatchObject({ username: 'wang.li', roles: ['REVIEWER'], unit_codes: ['110000', '120000'], disabled: false });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.totp_secret_encrypted.includes(result.totpSecret)).toBe(false);
    expect(pii.decrypt('OPS_TOTP_SECRET', row.totp_secret_encrypted)).toBe(result.totpSecret.toString('base64'));
    const [audit] = await orm.em.getConnection().execute(`select * from audit_record where action = 'OPS_ACCOUNT_CREATED' and target_id = ?`, [result.accountId]);
    expect(audit.details).toEqual({ username: 'wang.li', roles: ['REVIEWER'], unitCodes: ['110000', '120000'] });
  });

  it('refuses bad usernames, role/unit mismatches, unknown units, weak passwords and taken usernames', async () => {
    const attempt = (overrides: Record<string, unknown>) =>
      service.createAccount(ctx(), { username: 'zhao.admin', password: strong, role: 'ADMIN', unitCodes: [], ...overrides } as never);
    expect(await attempt({ username: '1abc' })).toMatchObject({ errorCode: 'USERNAME_FORMAT' });
    expect(await attempt({ username: '张三' })).toMatchObject({ errorCode: 'USERNAME_FORMAT' });
    expect(await attempt({ role: 'ROOT' })).toMatchObject({ errorCode: 'ROLE_UNITS' });
    expect(await attempt({ role: 'REVIEWER' })).toMatchObject({ errorCode: 'ROLE_UNITS' });
    expect(await attempt({ unitCodes: ['110000'] })).toMatchObject({ errorCode: 'ROLE_UNITS' });
    expect(await attempt({ role: 'REVIEWER', unitCodes: ['999999'] })).toMatchObject({ errorCode: 'UNIT_UNKNOWN' });
    expect(await attempt({ role: 'REVIEWER', unitCodes: ['11,"x"}'] })).toMatchObject({ errorCode: 'UNIT_UNKNOWN' });
    expect(await attempt({ password: 'Short#1a' })).toMatchObject({ errorCode: 'PASSWORD_WEAK' });
    expect(await attempt({ password: 'Zhao.Admin#2026' })).toMatchObject({ errorCode: 'PASSWORD_WEAK', message: '密码不能包含用户名' });
    expect(await attempt({})).toMatchObject({ ok: true });
    expect(await attempt({})).toMatchObject({ errorCode: 'USERNAME_TAKEN' });
  });

  it('is backed by a database check: roles outside REVIEWER/ADMIN cannot be stored', async () => {
    await expect(
      orm.em.getConnection().execute(
        `insert into ops_account (id, username, password_hash, totp_secret_encrypted, roles) values (gen_random_uuid(), 'sneaky', 'x', '\\x00', '{SUPERUSER}')`,
      ),
    ).rejects.toThrow(/ops_account_roles_check/);
  });
});
