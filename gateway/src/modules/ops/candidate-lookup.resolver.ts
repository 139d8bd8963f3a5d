import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { CandidateSearchInput } from './candidate-lookup.inputs';
import { CANDIDATE_SEARCH_PAGE_MAX, type CandidateLookupService } from './candidate-lookup.service';
import { CandidateDetailResultType, CandidateSearchResultType } from './candidate-lookup.types';

@Resolver()
export class CandidateLookupResolver {
  constructor(private readonly lookup: CandidateLookupService) {}

  /**
   * Reviewers and admins. Candidates belong to no unit until they apply, so there is nothing to scope
   * by yet; results are masked either way.
   */
  @Allow('REVIEWER')
  @Query(() => CandidateSearchResultType, { description: `Find candidate accounts (masked); at most ${CANDIDATE_SEARCH_PAGE_MAX} per page` })
  async searchCandidates(
    @Ctx() ctx: RequestContext,
    @Arg('by', () => CandidateSearchInput) by: CandidateSearchInput,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<CandidateSearchResultType> {
    const result = await this.lookup.search(ctx, by, first, after ?? null);
    if (!result.ok) return { ...result, candidates: [], nextCursor: null };
    return { ok: true, errorCode: null, message: `找到${result.candidates.length}个考生账号`, candidates: result.candidates, nextCursor: result.nextCursor };
  }

  /** Admins only until reviewers can be scoped to the candidates who applied in their units. */
  @Allow('ADMIN')
  @Query(() => CandidateDetailResultType, { description: 'One candidate account unmasked; the reason is written to the audit trail with the read' })
  async candidateDetail(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Why the unmasked data is needed (4–200 characters), e.g. 热线来电核实身份 工单123' }) reason: string,
  ): Promise<CandidateDetailResultType> {
    const result = await this.lookup.detail(ctx, id, reason);
    if (!result.ok) return { ...result, candidate: null };
    return { ok: true, errorCode: null, message: '已记录本次查看', candidate: result.candidate };
  }
}
