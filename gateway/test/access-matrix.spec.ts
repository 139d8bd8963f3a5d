/**
 * The role matrix, generated from the schema: every query and mutation must declare who may call it
 * (@Public or @Allow, graphql/access.ts), and every non-public one is called here as an anonymous
 * visitor, a signed-in candidate, a reviewer of a unit far away (新疆生产建设兵团) and an admin,
 * with placeholder arguments. Fields added later are covered without editing this file; a field
 * without a declaration fails the first test.
 *
 * What the matrix cannot see is unit scoping, which depends on the data a call touches: services
 * check it with requireOpsRole(ctx, 'REVIEWER', unitCode), tested where each such field is tested.
 */
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isCompositeType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRuleOf, rootFields, type AccessRole, type AccessRule } from '../src/graphql/access';
import { buildGatewaySchema } from '../src/graphql/schema';
import type { OpsPrincipal } from '../src/modules/ops/ops-principal';
import { registerCandidate } from './account-support';
import { startTestGateway, TEST_OPS_HEADER, type TestGateway } from './support';

const PRINCIPALS: Record<string, OpsPrincipal> = {
  'reviewer-far-away': { id: '00000000-0000-4000-8000-0000000000a1', username: 'reviewer-bt', roles: ['REVIEWER'], unitCodes: ['660000'] },
  admin: { id: '00000000-0000-4000-8000-0000000000a2', username: 'admin', roles: ['ADMIN'], unitCodes: [] },
};

type Caller = 'anonymous' | 'candidate' | 'reviewer' | 'admin';

/** What a caller holds, in the terms of AccessRole. */
const HOLDS: Record<Caller, AccessRole[]> = {
  anonymous: [],
  candidate: ['CANDIDATE'],
  reviewer: ['REVIEWER'],
  admin: ['REVIEWER', 'ADMIN'],
};

/** The refusal each caller must get from a field it may not call. */
function expectedRefusal(caller: Caller, roles: AccessRole[]): 'UNAUTHENTICATED' | 'FORBIDDEN' {
  const forOps = roles.some((r) => r !== 'CANDIDATE');
  return forOps && (caller === 'reviewer' || caller === 'admin') ? 'FORBIDDEN' : 'UNAUTHENTICATED';
}

const PLACEHOLDER_ID = '00000000-0000-4000-8000-00000000dead';

/** A literal of the type, for a required argument. Custom scalars not listed here get a string. */
function placeholder(type: GraphQLInputType): string {
  if (type instanceof GraphQLNonNull) return placeholder(type.ofType);
  if (type instanceof GraphQLList) return `[${placeholder(type.ofType)}]`;
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.name;
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields())
      .filter((f) => f.type instanceof GraphQLNonNull && f.defaultValue === undefined)
      .map((f) => `${f.name}: ${placeholder(f.type)}`);
    return `{ ${fields.join(', ')} }`;
  }
  const scalar = type as GraphQLScalarType;
  switch (scalar.name) {
    case 'Int':
      return '1';
    case 'Float':
      return '1.5';
    case 'Boolean':
      return 'false';
    case 'ID':
      return JSON.stringify(PLACEHOLDER_ID);
    case 'DateTimeISO':
      return '"2027-01-03T00:00:00.000Z"';
    case 'JSONObject':
      return '{}';
    default:
      return '"matrix-test"';
  }
}

function operationFor(operation: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((a) => a.type instanceof GraphQLNonNull && a.defaultValue === undefined)
    .map((a) => `${a.name}: ${placeholder(a.type)}`);
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${operation} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

let gw: TestGateway;
let candidateCookie: string;
const schemaPromise = buildGatewaySchema();

beforeAll(async () => {
  gw = await startTestGateway({ opsPrincipals: PRINCIPALS });
  candidateCookie = (await registerCandidate(gw)).cookie;
});
afterAll(() => gw?.close());

function headersOf(caller: Caller): Record<string, string> {
  if (caller === 'candidate') return { cookie: candidateCookie };
  if (caller === 'reviewer') return { [TEST_OPS_HEADER]: 'reviewer-far-away' };
  if (caller === 'admin') return { [TEST_OPS_HEADER]: 'admin' };
  return {};
}

describe('access declarations', () => {
  it('exist on every query and mutation (@Public or @Allow)', async () => {
    const schema = await schemaPromise;
    const undeclared = rootFields(schema)
      .filter(({ field }) => !accessRuleOf(field))
      .map(({ operation, field }) => `${operation} ${field.name}`);
    expect(undeclared, 'declare who may call these fields with @Public(why) or @Allow(...roles) from graphql/access.ts').toEqual([]);
  });

  it('keep the gateway’s own fields as intended', async () => {
    const schema = await schemaPromise;
    const ruleOf = (operation: string, name: string): AccessRule | undefined => {
      const root = rootFields(schema).find((r) => r.operation === operation && r.field.name === name);
      return root && accessRuleOf(root.field);
    };
    expect(ruleOf('query', 'auditRecords')).toEqual({ public: false, roles: ['ADMIN'] });
    expect(ruleOf('query', 'candidateDetail')).toEqual({ public: false, roles: ['ADMIN'] });
    expect(ruleOf('query', 'searchCandidates')).toEqual({ public: false, roles: ['REVIEWER'] });
    expect(ruleOf('query', 'applicationStatistics')).toEqual({ public: false, roles: ['REVIEWER'] });
    for (const name of ['createExam', 'updateExam', 'setExamUnitWindows', 'setRegistrationPointCapacity', 'saveRegistrationPoint', 'setPaymentChannelEnabled', 'createOpsAccount', 'setOpsAccountDisabled', 'resetOpsAccountTotp', 'setOpsAccountRoles']) {
      expect(ruleOf('mutation', name), name).toEqual({ public: false, roles: ['ADMIN'] });
    }
    for (const name of ['opsLogin', 'opsLogout', 'login', 'register', 'sendSmsCode']) expect(ruleOf('mutation', name)?.public).toBe(true);
  });
});

describe('role matrix (generated from the schema)', () => {
  it('refuses every caller a non-public field is not for, with UNAUTHENTICATED or FORBIDDEN, before any resolver runs', async () => {
    const schema = await schemaPromise;
    const guarded = rootFields(schema).filter(({ field }) => accessRuleOf(field)?.public === false);
    expect(guarded.length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    for (const { operation, field } of guarded) {
      const roles = (accessRuleOf(field) as Extract<AccessRule, { public: false }>).roles;
      const document = operationFor(operation, field);
      for (const caller of ['anonymous', 'candidate', 'reviewer', 'admin'] as const) {
        const allowed = HOLDS[caller].some((role) => roles.includes(role));
        const { status, body } = await gw.graphql(document, {}, headersOf(caller));
        const errorHere = body.errors?.find((e: any) => e.path?.[0] === field.name);
        const code = errorHere?.extensions?.code;
        if (status === 400) {
          problems.push(`${document} as ${caller}: the generated operation was rejected (${JSON.stringify(body.errors?.[0])}); teach placeholder() this type`);
        } else if (!allowed) {
          const expected = expectedRefusal(caller, roles);
          if (code !== expected || body.data?.[field.name] != null) problems.push(`${field.name} as ${caller}: expected ${expected}, got ${code ?? 'an answer'}`);
        } else if (code === 'UNAUTHENTICATED' || (caller === 'admin' && code === 'FORBIDDEN')) {
          // Admins hold every role and every unit; a signed-in caller of an allowed field is never unauthenticated.
          problems.push(`${field.name} as ${caller}: allowed by @Allow(${roles.join(', ')}) but refused with ${code}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('makes the access layer answer before the service: no audit record is written for refused calls', async () => {
    const before = await gw.orm.em.getConnection().execute(`select count(*)::int as n from audit_record`);
    await gw.graphql(`{ candidateDetail(id: "${PLACEHOLDER_ID}", reason: "matrix test reason") { ok } }`, {}, headersOf('reviewer'));
    await gw.graphql(`{ searchCandidates(by: { phone: "13800000000" }) { ok } }`, {}, headersOf('candidate'));
    const after = await gw.orm.em.getConnection().execute(`select count(*)::int as n from audit_record`);
    expect(after[0].n).toBe(before[0].n);
  });
});
