import { throwawayProductionSecrets } from '../src/config';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpAt } from '../src/modules/ops/totp';
import { DEMO_OPS_ACCOUNTS, DEV_OPS_TOTP_SECRET, seedDemoOpsAccounts } from '../src/modules/ops/ops-demo-accounts';
import { seedDemoData } from '../src/seed/demo-data';
import { OPS_LOGIN, opsAuthFor } from './ops-support';
import { FakeClock, startTestGateway, testContext, type TestGateway } from './support';

const clock = new FakeClock(new Date('2027-01-03T02:00:10Z'));
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ clock });
  await seedDemoData(gw.orm.em.fork(), clock.now());
});
afterAll(() => gw?.close());

describe('demo ops accounts (development only)', () => {
  it('are created once, sign in with the published password and dev TOTP, and /dev/ops-totp shows the current code', async () => {
    const ctx = () => testContext(gw.orm, clock);
    expect(await seedDemoOpsAccounts(ctx(), opsAuthFor(gw), 'development')).toEqual(['admin', 'reviewer-bj']);
    expect(await seedDemoOpsAccounts(ctx(), opsAuthFor(gw), 'development')).toEqual([]);
    await expect(seedDemoOpsAccounts(ctx(), opsAuthFor(gw), 'production')).rejects.toThrow(/never/);

    const shown = (await (await fetch(`${gw.url}/dev/ops-totp`)).json()) as { totp: string; accounts: Array<{ username: string; password: string; otpauthUrl: string }> };
    expect(shown.totp).toBe(totpAt(base32Decode(DEV_OPS_TOTP_SECRET), clock.now()));
    expect(shown.accounts.map((a) => a.username)).toEqual(['admin', 'reviewer-bj']);
    const reviewer = DEMO_OPS_ACCOUNTS.find((a) => a.username === 'reviewer-bj')!;
    const { body } = await gw.graphql(OPS_LOGIN, { username: reviewer.username, password: reviewer.password, totp: shown.totp });
    expect(body.data.opsLogin).toMatchObject({ ok: true, principal: { username: 'reviewer-bj', roles: ['REVIEWER'], unitCodes: ['110000'] } });
  });
});

describe('routes of a production gateway', () => {
  it('have no /dev/ops-totp, still take client error reports, and send the ops cookie Secure', async () => {
    const production = await startTestGateway({
      clock,
      database: gw.database,
      env: { NODE_ENV: 'production', ...throwawayProductionSecrets() },
    });
    try {
      expect((await fetch(`${production.url}/dev/ops-totp`)).status).toBe(404);
      const report = await fetch(`${production.url}/api/client-errors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app: '@ccap/mf-shell', kind: 'mount', message: 'boom', url: 'http://localhost:8080/', at: new Date().toISOString() }),
      });
      expect(report.status).toBe(204);
      expect(report.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const admin = await opsAuthFor(production).createAccount(testContext(production.orm, clock), {
        username: `prod-${randomBytes(3).toString('hex')}`,
        password: 'Production#Admin-2027',
        role: 'ADMIN',
        unitCodes: [],
        totpSecret: randomBytes(20),
      });
      if (!admin.ok) throw new Error(admin.message);
      const res = await production.graphql(OPS_LOGIN, { username: admin.username, password: 'Production#Admin-2027', totp: totpAt(admin.totpSecret, clock.now()) });
      expect(res.headers.getSetCookie().find((c) => c.startsWith('ccap_ops_sid='))).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      await production.close();
    }
  });
});
