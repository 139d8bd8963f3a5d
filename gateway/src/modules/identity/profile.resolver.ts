import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Allow } from '../../graphql/access';
import { ProfileInput } from './profile.inputs';
import type { ProfileService } from './profile.service';
import { CandidateProfileType, ManagementUnitOptionType, SaveProfileResultType } from './profile.types';
import { ETHNIC_GROUPS } from './ethnic-groups';

@Resolver()
export class ProfileResolver {
  constructor(private readonly profiles: ProfileService) {}

  @Allow('CANDIDATE')
  @Query(() => CandidateProfileType, { description: '信息采集 of the signed-in candidate (also what 报名信息填写 prefills from)' })
  myProfile(@Ctx() ctx: RequestContext): Promise<CandidateProfileType> {
    return this.profiles.get(ctx);
  }

  @Allow('CANDIDATE')
  @Query(() => [String], { description: '民族 options of 信息采集 (the 56 ethnic groups)' })
  ethnicGroups(): readonly string[] {
    return ETHNIC_GROUPS;
  }

  @Allow('CANDIDATE')
  @Query(() => [ManagementUnitOptionType], { description: '管理部门 options of 信息采集' })
  managementUnits(@Ctx() ctx: RequestContext): Promise<ManagementUnitOptionType[]> {
    return this.profiles.managementUnits(ctx);
  }

  @Allow('CANDIDATE')
  @Mutation(() => SaveProfileResultType, { description: '信息采集 保存: requires 实名认证; validated on the server' })
  async saveProfile(@Ctx() ctx: RequestContext, @Arg('input', () => ProfileInput) input: ProfileInput): Promise<SaveProfileResultType> {
    const result = await this.profiles.save(ctx, input);
    if (!result.ok) return { ok: false, errorCode: result.errorCode, message: result.message, field: result.field ?? null, profile: null };
    return { ok: true, errorCode: null, message: '保存成功', field: null, profile: result.profile };
  }
}
