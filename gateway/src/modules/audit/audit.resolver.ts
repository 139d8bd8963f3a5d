import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { AppError, ErrorCode } from '../../common/errors';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { AuditRecordFilterInput } from './audit.inputs';
import { AUDIT_PAGE_MAX, type AuditService } from './audit.service';
import { AuditRecordPageType } from './audit.types';

/** Read-only by design: no mutation of the schema changes or deletes audit records. */
@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Allow('ADMIN')
  @Query(() => AuditRecordPageType, { description: `The audit trail, newest first (admins only); at most ${AUDIT_PAGE_MAX} per page` })
  async auditRecords(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditRecordFilterInput, { nullable: true }) filter: AuditRecordFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'nextCursor of the previous page' }) after: string | null,
  ): Promise<AuditRecordPageType> {
    const page = await this.audit.list(ctx, filter ?? {}, first, after ?? null);
    if ('invalidCursor' in page) throw new AppError(ErrorCode.BAD_USER_INPUT, '翻页参数无效,请从第一页重新查询');
    return page;
  }
}
