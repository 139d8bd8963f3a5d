import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../orm/orm-config';
import { createTestDatabase, FakeClock, testContext, type TestDatabase } from '../../../test/support';
import { ACCOUNT_MAX_ATTEMPTS, LOGIN_LOCK_MS, LoginThrottleService } from './login-throttle.service';

let db: TestDatabase;
let orm: MikroORM;
const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
const throttle = new LoginThrottleService();
const ctx = () => testContext(orm, clock);
let keySerial = 0;
const freshKey = () => `account:test-${++keySerial}`;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 8 } }));
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

describe('LoginThrottleService.countAttempt', () => {
  it('counts up to the maximum, locks on reaching it, and refuses while locked', async () => {
    const key = freshKey();
    for (let n = 1; n < ACCOUNT_MAX_ATTEMPTS; n++) {
      expect(await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)).toEqual({ counted: true, attempts: n, lockedUntil: null });
    }
    const lockedUntil = new Date(clock.now().getTime() + LOGIN_LOCK_MS);
    expect(await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)).toEqual({ counted: true, attempts: 5, lockedUntil });
    expect(await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)).toEqual({ counted: false, lockedUntil });
    expect(await throttle.lockedUntil(ctx(), key)).toEqual(lockedUntil);
    clock.advance(LOGIN_LOCK_MS);
    expect(await throttle.lockedUntil(ctx(), key)).toBeNull();
    expect(await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)).toEqual({ counted: true, attempts: 1, lockedUntil: null });
  });

  it('counts exactly under concurrency: never more than the maximum get through', async () => {
    const key = freshKey();
    const results = await Promise.all(Array.from({ length: 40 }, () => throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)));
    expect(results.filter((r) => r.counted)).toHaveLength(ACCOUNT_MAX_ATTEMPTS);
    expect(results.filter((r) => r.counted).map((r) => (r as { attempts: number }).attempts).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets a reset lift the lock and the count', async () => {
    const key = freshKey();
    for (let n = 0; n < ACCOUNT_MAX_ATTEMPTS; n++) await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS);
    await throttle.reset(ctx(), key);
    expect(await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)).toMatchObject({ counted: true, attempts: 1 });
  });

  it('allows far fewer than 100 password checks per account and hour (ASVS 2.2.1), however they are spread', async () => {
    for (const everyMs of [5_000, 59_000, 3 * 60_000 + 1]) {
      const key = freshKey();
      let checks = 0;
      const start = clock.now().getTime();
      for (let t = 0; t < 3_600_000; t += everyMs) {
        clock.set(new Date(start + t));
        if ((await throttle.countAttempt(ctx(), key, ACCOUNT_MAX_ATTEMPTS)).counted) checks++;
      }
      expect(checks, `one attempt every ${everyMs} ms`).toBeLessThanOrEqual(20);
      expect(checks).toBeGreaterThanOrEqual(ACCOUNT_MAX_ATTEMPTS);
    }
  });
});
