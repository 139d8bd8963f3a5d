import 'reflect-metadata';
import { graphql } from 'graphql';
import { buildSchema, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import type { OpsPrincipal } from '../modules/ops/ops-principal';
import { accessAuthChecker, accessRuleOf, Allow, checkAccess, denyUndeclaredRootFields, Public, rootFields } from './access';
import type { RequestContext, Viewer } from './context';

const viewer = { id: 'c1', name: '张三', sessionTokenHash: Buffer.alloc(32) } satisfies Viewer;
const reviewer: OpsPrincipal = { id: 'r1', username: 'reviewer-bj', roles: ['REVIEWER'], unitCodes: ['110000'] };
const admin: OpsPrincipal = { id: 'a1', username: 'admin', roles: ['ADMIN'], unitCodes: [] };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ALLOWED';
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('checkAccess', () => {
  it('lets candidates call candidate fields and refuses everyone else as UNAUTHENTICATED', () => {
    expect(codeOf(() => checkAccess({ viewer, ops: null }, ['CANDIDATE']))).toBe('ALLOWED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: null }, ['CANDIDATE']))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: admin }, ['CANDIDATE']))).toBe('UNAUTHENTICATED');
  });

  it('treats candidates as not signed in for ops fields, and reviewers as signed in but not allowed for admin fields', () => {
    expect(codeOf(() => checkAccess({ viewer, ops: null }, ['REVIEWER']))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: reviewer }, ['REVIEWER']))).toBe('ALLOWED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: reviewer }, ['ADMIN']))).toBe('FORBIDDEN');
    expect(codeOf(() => checkAccess({ viewer: null, ops: admin }, ['REVIEWER']))).toBe('ALLOWED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: admin }, ['ADMIN']))).toBe('ALLOWED');
  });

  it('allows a field open to several roles to any of them, and refuses a declaration without roles', () => {
    expect(codeOf(() => checkAccess({ viewer, ops: null }, ['CANDIDATE', 'REVIEWER']))).toBe('ALLOWED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: reviewer }, ['CANDIDATE', 'REVIEWER']))).toBe('ALLOWED');
    expect(codeOf(() => checkAccess({ viewer: null, ops: null }, ['CANDIDATE', 'REVIEWER']))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => checkAccess({ viewer, ops: admin }, []))).toBe('FORBIDDEN');
  });
});

@Resolver()
class AccessSpecResolver {
  @Public('spec: open to all')
  @Query(() => String)
  openToAll(): string {
    return 'open';
  }

  @Allow('ADMIN')
  @Query(() => String)
  adminsOnly(): string {
    return 'secret';
  }

  @Query(() => String)
  forgotToDeclare(): string {
    return 'leaked';
  }
}

describe('declarations in the built schema', () => {
  it('are recorded as extensions.access, enforced by the auth checker, and an undeclared field is refused', async () => {
    const schema = await buildSchema({ resolvers: [AccessSpecResolver], authChecker: accessAuthChecker, validate: false });
    const rules = Object.fromEntries(rootFields(schema).map(({ field }) => [field.name, accessRuleOf(field)]));
    expect(rules).toEqual({
      openToAll: { public: true, why: 'spec: open to all' },
      adminsOnly: { public: false, roles: ['ADMIN'] },
      forgotToDeclare: undefined,
    });
    expect(denyUndeclaredRootFields(schema)).toEqual(['query forgotToDeclare']);

    const run = async (source: string, contextValue: Partial<RequestContext>) => {
      const result = await graphql({ schema, source, contextValue: { viewer: null, ops: null, ...contextValue } });
      return result.errors?.[0]?.extensions?.code ?? result.data;
    };
    expect(await run('{ openToAll }', {})).toEqual({ openToAll: 'open' });
    expect(await run('{ adminsOnly }', {})).toBe('UNAUTHENTICATED');
    expect(await run('{ adminsOnly }', { ops: reviewer })).toBe('FORBIDDEN');
    expect(await run('{ adminsOnly }', { ops: admin })).toEqual({ adminsOnly: 'secret' });
    expect(await run('{ forgotToDeclare }', { ops: admin })).toBe('FORBIDDEN');
  });

  it('needs a reason for @Public', () => {
    expect(() => Public(' ')).toThrow(/reason/);
  });
});
