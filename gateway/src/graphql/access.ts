/**
 * Who may call each query and mutation. Every root field carries exactly one declaration, visible in
 * the built schema as `extensions.access` (so tests, and the gateway itself, can check all of them):
 *
 *   @Public('why anyone may call it')   anonymous callers included
 *   @Allow('CANDIDATE')                  a signed-in candidate (ctx.viewer)
 *   @Allow('REVIEWER')                   ops staff with REVIEWER (admins hold every role)
 *   @Allow('ADMIN')                      ops admins only
 *
 * `@Allow` is type-graphql's `@Authorized` plus the declaration; `accessAuthChecker` enforces it.
 * Unit scoping (a reviewer of 北京市 acting on 上海市 data) depends on the data, so services check it
 * with `requireOpsRole(ctx, 'REVIEWER', unitCode)`.
 *
 * A root field without a declaration is refused at run time (`denyUndeclaredRootFields`) and fails
 * the role-matrix test (test/access-matrix.spec.ts): forgetting is never the same as allowing.
 */
import { GraphQLObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { Authorized, Extensions, type AuthCheckerFn } from 'type-graphql';
import { AppError, ErrorCode } from '../common/errors';
import { hasOpsRole, type OpsRole } from '../modules/ops/ops-principal';
import type { RequestContext } from './context';

export type AccessRole = 'CANDIDATE' | OpsRole;
export const ACCESS_ROLES: readonly AccessRole[] = ['CANDIDATE', 'REVIEWER', 'ADMIN'];

export type AccessRule = { public: true; why: string } | { public: false; roles: AccessRole[] };

/** The key under which the declaration sits in a field's `extensions`. */
export const ACCESS_EXTENSION = 'access';

type MethodDecorator = (prototype: object, propertyKey: string, descriptor?: PropertyDescriptor) => void;

/** Anyone may call this field, signed in or not; `why` makes the choice a reviewed one. */
export function Public(why: string): MethodDecorator {
  if (!why.trim()) throw new Error('@Public needs a reason');
  const rule: AccessRule = { public: true, why };
  return (prototype, propertyKey, descriptor) => {
    Extensions({ [ACCESS_EXTENSION]: rule })(prototype, propertyKey, descriptor!);
  };
}

/** Only callers holding one of `roles` may call this field. */
export function Allow(...roles: [AccessRole, ...AccessRole[]]): MethodDecorator {
  const rule: AccessRule = { public: false, roles: [...roles] };
  return (prototype, propertyKey, descriptor) => {
    Authorized<AccessRole>(...roles)(prototype, propertyKey, descriptor!);
    Extensions({ [ACCESS_EXTENSION]: rule })(prototype, propertyKey, descriptor!);
  };
}

export function holdsRole(ctx: Pick<RequestContext, 'viewer' | 'ops'>, role: AccessRole): boolean {
  return role === 'CANDIDATE' ? ctx.viewer !== null : hasOpsRole(ctx.ops, role);
}

/**
 * Throws UNAUTHENTICATED when the caller is not signed in as the kind of user the field is for (an
 * anonymous caller, or a candidate calling an ops field), FORBIDDEN when they are but lack the role
 * (a reviewer calling an admin field). Thrown, not returned as `false`, to choose the code and message.
 */
export function checkAccess(ctx: Pick<RequestContext, 'viewer' | 'ops'>, roles: readonly AccessRole[]): true {
  if (roles.length === 0) throw new AppError(ErrorCode.FORBIDDEN); // a bare @Authorized(): declare roles instead
  if (roles.some((role) => holdsRole(ctx, role))) return true;
  const forOps = roles.some((role) => role !== 'CANDIDATE');
  if (forOps && ctx.ops) throw new AppError(ErrorCode.FORBIDDEN);
  throw new AppError(ErrorCode.UNAUTHENTICATED, forOps && !roles.includes('CANDIDATE') ? '请先以管理人员身份登录' : '请先登录');
}

export const accessAuthChecker: AuthCheckerFn<RequestContext, AccessRole> = ({ context }, roles) => checkAccess(context, roles);

export function accessRuleOf(field: GraphQLField<unknown, unknown>): AccessRule | undefined {
  const rule = field.extensions?.[ACCESS_EXTENSION] as AccessRule | undefined;
  if (!rule || typeof rule !== 'object') return undefined;
  if (rule.public === true && typeof rule.why === 'string') return rule;
  if (rule.public === false && Array.isArray(rule.roles) && rule.roles.length > 0 && rule.roles.every((r) => ACCESS_ROLES.includes(r))) return rule;
  return undefined;
}

/** Query, Mutation and Subscription fields: the entry points a caller can name. */
export function rootFields(schema: GraphQLSchema): Array<{ operation: 'query' | 'mutation' | 'subscription'; field: GraphQLField<unknown, unknown> }> {
  const roots: Array<['query' | 'mutation' | 'subscription', GraphQLObjectType | null | undefined]> = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([operation, type]) => (type ? Object.values(type.getFields()).map((field) => ({ operation, field })) : []));
}

/**
 * Replaces the resolver of every root field that declares no access rule with one that refuses, and
 * returns their names (the gateway logs them at startup). Fail closed: a field added without a rule
 * cannot leak data in the time between its merge and someone noticing the failing test.
 */
export function denyUndeclaredRootFields(schema: GraphQLSchema): string[] {
  const undeclared: string[] = [];
  for (const { operation, field } of rootFields(schema)) {
    if (accessRuleOf(field)) continue;
    undeclared.push(`${operation} ${field.name}`);
    field.resolve = () => {
      throw new AppError(ErrorCode.FORBIDDEN, '该接口未声明访问权限,已拒绝');
    };
    if (field.subscribe) field.subscribe = field.resolve;
  }
  return undeclared;
}
