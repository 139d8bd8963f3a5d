import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/seed/demo-data';
import { FakeClock, startTestGateway, type TestGateway } from './support';

const SEEDED_AT = new Date('2026-11-26T04:00:00Z'); // 12:00 in China
let gw: TestGateway;
const clock = new FakeClock(SEEDED_AT);

beforeAll(async () => {
  gw = await startTestGateway({ clock });
  await seedDemoData(gw.orm.em.fork(), SEEDED_AT);
});
afterAll(() => gw?.close());

const EXAMS = /* GraphQL */ `
  query { exams { id name year level levelLabel units { id unit { code name } registrationStartsAt registrationEndsAt registrationOpen consultPhones noticeUrl } } }
`;

describe('public exam reads', () => {
  it('lists the three levels of the current year with every unit in the official order', async () => {
    const { status, body } = await gw.graphql(EXAMS);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const exams = body.data.exams;
    expect(exams.map((e: any) => e.levelLabel)).toEqual(['初级', '中级', '高级']);
    expect(exams[0].name).toBe('2026年全国会计专业技术资格考试(初级)');
    const units = exams[0].units;
    expect(units).toHaveLength(37);
    expect(units.slice(0, 7).map((u: any) => u.unit.name)).toEqual(['北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '大连市']);
    expect(units.at(-1).unit.name).toBe('新疆生产建设兵团');
    expect(units[0].consultPhones).toEqual(['010-66001234', '010-66005678']);
  });

  it('opens 点击进入 only inside a unit window, by the server clock', async () => {
    const byName = async () => {
      const { body } = await gw.graphql(EXAMS);
      return Object.fromEntries(body.data.exams[0].units.map((u: any) => [u.unit.name, u]));
    };
    let units = await byName();
    expect(units['北京市'].registrationOpen).toBe(true);
    expect(units['上海市'].registrationOpen).toBe(false); // opens in three days
    expect(units['西藏自治区'].registrationOpen).toBe(false); // already closed

    const shanghaiOpens = new Date(units['上海市'].registrationStartsAt);
    clock.set(new Date(shanghaiOpens.getTime() - 1000));
    expect((await byName())['上海市'].registrationOpen).toBe(false);
    clock.set(shanghaiOpens);
    expect((await byName())['上海市'].registrationOpen).toBe(true);
    const beijingCloses = new Date(units['北京市'].registrationEndsAt);
    clock.set(new Date(beijingCloses.getTime() - 1000));
    expect((await byName())['北京市'].registrationOpen).toBe(true);
    clock.set(beijingCloses);
    expect((await byName())['北京市'].registrationOpen).toBe(false);
    clock.set(SEEDED_AT);
  });

  it('finds one exam by id and answers null for an unknown or malformed id', async () => {
    const { body: list } = await gw.graphql(`{ exams { id name } }`);
    const id = list.data.exams[1].id;
    const { body } = await gw.graphql(`query($id: ID!) { exam(id: $id) { name level } }`, { id });
    expect(body.data.exam).toEqual({ name: '2026年全国会计专业技术资格考试(中级)', level: 'INTERMEDIATE' });
    expect((await gw.graphql(`{ exam(id: "00000000-0000-0000-0000-000000000000") { id } }`)).body.data.exam).toBeNull();
    expect((await gw.graphql(`{ exam(id: "1 or 1=1") { id } }`)).body.data.exam).toBeNull();
  });

  it('serves the registration form options, payment platforms, the server time and an anonymous viewer', async () => {
    const { body } = await gw.graphql(`{ documentTypes { value label } paymentChannels { code name } serverTime me { id } }`);
    expect(body.data.documentTypes.map((d: any) => d.label)).toEqual(['内地居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照(外国)']);
    expect(body.data.paymentChannels.map((c: any) => c.name)).toEqual(['支付宝', '微信支付', '银联']);
    expect(body.data.serverTime).toBe(SEEDED_AT.toISOString());
    expect(body.data.me).toBeNull();
  });
});

describe('GraphQL hardening', () => {
  it('refuses introspection to callers without the ops role but still answers __typename', async () => {
    const schema = await gw.graphql(`{ __schema { types { name } } }`);
    expect(schema.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(schema.body.data?.__schema).toBeUndefined();
    const type = await gw.graphql(`query { a: exams { id } ...F } fragment F on Query { __type(name: "Exam") { name } }`);
    expect(type.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gw.graphql(`{ __typename }`)).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('hides field suggestions', async () => {
    const { status, body } = await gw.graphql(`{ exam { nam } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });

  it('limits aliases, depth and tokens', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: serverTime`).join(' ');
    expect((await gw.graphql(`{ ${aliases} }`)).body.errors?.[0]?.message).toMatch(/alias/i);
    const tokens = await gw.graphql(`{ ${Array.from({ length: 2500 }, () => 'serverTime').join(' ')} }`);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors?.[0]?.message).toMatch(/token limit/i);
    const deep = await gw.graphql(
      `{ exams { units { unit { name } } } } fragment A on Exam { units { unit { ...B } } } fragment B on RegistrationUnit { name }`,
    );
    expect(deep.status).toBe(400); // unused fragments are refused; depth itself is checked below
    const gwShallow = await startTestGateway({ env: { GRAPHQL_MAX_DEPTH: '2' } });
    try {
      const res = await gwShallow.graphql(`{ exams { units { unit { name } } } }`);
      expect(res.body.errors?.[0]?.message).toMatch(/depth/i);
      expect((await gwShallow.graphql(`{ exams { name } }`)).body.errors).toBeUndefined();
    } finally {
      await gwShallow.close();
    }
  });

  it('refuses batched requests and simple GET requests without a preflight header (CSRF)', async () => {
    const batch = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ serverTime }' }, { query: '{ serverTime }' }]),
    });
    expect(batch.status).toBe(400);
    const csrf = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ serverTime }')}`);
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/CSRF|preflight/i);
    const withHeader = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(withHeader.status).toBe(200);
  });

  it('refuses oversized and malformed bodies with 4xx, not 500', async () => {
    const big = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ serverTime }`, variables: { pad: 'x'.repeat(300 * 1024) } }),
    });
    expect(big.status).toBe(413);
    const broken = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect((await fetch(`${gw.url}/nope`)).status).toBe(404);
  });

  it('masks unexpected faults as INTERNAL_SERVER_ERROR with a request id and no internals', async () => {
    const broken = await startTestGateway();
    try {
      // cascade: registration tables (application, registration_point …) refer to both.
      await broken.orm.em.getConnection().execute('drop table exam_unit cascade');
      await broken.orm.em.getConnection().execute('drop table exam cascade');
      const { body } = await broken.graphql(`{ exams { id } }`);
      const error = body.errors![0]!;
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('服务器内部错误,请稍后重试');
      expect(error.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(body)).not.toMatch(/relation|select|stack|exam_unit/i);
    } finally {
      await broken.close();
    }
  });
});

describe('introspection for ops', () => {
  it('answers the schema to an ops principal and still refuses everyone else', async () => {
    const ops = await startTestGateway({
      opsPrincipals: { admin: { id: 'o1', username: 'admin', roles: ['ADMIN'], unitCodes: [] } },
    });
    try {
      const allowed = await ops.graphql(`{ __schema { queryType { name } } }`, undefined, { 'x-test-ops': 'admin' });
      expect(allowed.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      const refused = await ops.graphql(`{ __schema { queryType { name } } }`, undefined, { 'x-test-ops': 'nobody' });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await ops.close();
    }
  });
});

describe('cost limit', () => {
  it('refuses an operation whose cost is over GRAPHQL_MAX_COST', async () => {
    const cheap = await startTestGateway({ env: { GRAPHQL_MAX_COST: '20' } });
    try {
      expect((await cheap.graphql(`{ serverTime }`)).body.errors).toBeUndefined();
      const costly = await cheap.graphql(`{ exams { units { unit { code name } consultPhones noticeUrl } } }`);
      expect(costly.status).toBe(400);
      expect(costly.body.errors?.[0]?.message).toMatch(/cost/i);
    } finally {
      await cheap.close();
    }
  });
});
