import type { IncomingMessage } from 'node:http';
import { AppError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';

export type OpsRole = 'REVIEWER' | 'ADMIN';

/** A signed-in member of the ops staff. Ops accounts are separate from candidate accounts. */
export interface OpsPrincipal {
  id: string;
  username: string;
  roles: OpsRole[];
  /** Registration unit codes a reviewer may see and act on; admins are not limited by it. */
  unitCodes: string[];
  /** The ops session of this request (for opsLogout); absent for principals injected by tests. */
  sessionTokenHash?: Buffer;
}

/**
 * How a request's ops principal is found: the `ccap_ops_sid` cookie by default
 * (OpsSessionService.resolvePrincipal); tests inject principals through `x-test-ops` instead.
 */
export type OpsPrincipalResolver = (req: IncomingMessage, ctx: RequestContext) => Promise<OpsPrincipal | null>;

export const noOpsPrincipal: OpsPrincipalResolver = async () => null;

export function hasOpsRole(ops: OpsPrincipal | null, role: OpsRole): ops is OpsPrincipal {
  return !!ops && (ops.roles.includes(role) || ops.roles.includes('ADMIN'));
}

/** Throws unless the caller is ops staff with `role` (admins hold every role) and, for reviewers, covers `unitCode`. */
export function requireOpsRole(ctx: RequestContext, role: OpsRole, unitCode?: string): OpsPrincipal {
  const ops = ctx.ops;
  if (!ops) throw new AppError(ErrorCode.UNAUTHENTICATED, '请先以管理人员身份登录');
  if (!hasOpsRole(ops, role)) throw new AppError(ErrorCode.FORBIDDEN);
  if (unitCode !== undefined && !ops.roles.includes('ADMIN') && !ops.unitCodes.includes(unitCode)) {
    throw new AppError(ErrorCode.FORBIDDEN, '无权处理该报名单位的数据');
  }
  return ops;
}
