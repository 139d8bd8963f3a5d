import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CANDIDATE, seedDemoCandidate } from '../src/modules/account/demo-candidate';
import { seedDemoData } from '../src/seed/demo-data';
import { login } from './account-support';
import { startTestGateway, type TestGateway } from './support';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

async function counts() {
  const [row] = await gw.orm.em.getConnection().execute<Array<Record<string, string>>>(
    `select (select count(*) from exam_unit) as units, (select count(*) from candidate_account) as candidates,
            (select max(updated_at) from candidate_account) as updated`,
  );
  return row;
}

describe('demo data', () => {
  it('changes nothing when seeded twice', async () => {
    await seedDemoData(gw.orm.em.fork(), new Date());
    expect(await seedDemoCandidate(gw.orm, gw.config)).toBe(true);
    const first = await counts();
    await seedDemoData(gw.orm.em.fork(), new Date(Date.now() + 86_400_000));
    expect(await seedDemoCandidate(gw.orm, gw.config)).toBe(false);
    expect(await counts()).toEqual(first);
    expect(Number(first!.candidates)).toBe(1);
  });

  it('gives a demo candidate who can log in with the printed credentials', async () => {
    const byDocument = await login(gw, DEMO_CANDIDATE.documentNumber, DEMO_CANDIDATE.password);
    expect(byDocument.result).toMatchObject({ ok: true, viewer: { maskedName: '张*' } });
    const byPhone = await login(gw, DEMO_CANDIDATE.phone, DEMO_CANDIDATE.password);
    expect(byPhone.result.ok).toBe(true);
  });

  it('is never created in production', async () => {
    expect(await seedDemoCandidate(gw.orm, { ...gw.config, env: 'production' })).toBe(false);
  });
});
