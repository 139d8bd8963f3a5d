import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { ExamRow } from '../exam/exam.service';
import { ExamType, ExamUnitType } from '../exam/exam.types';
import type { ExamUnitDetailRow, ExamUnitDetailService } from './exam-unit-detail.service';
import {
  EligibilityRouteOptionType,
  ExamSubjectType,
  ExamUnitDetailType,
  ExamUnitNoticeType,
  FeeRuleType,
  FeeWaiverCategoryType,
  MaterialRequirementType,
  RegistrationCityType,
} from './registration.types';

@Resolver(() => ExamUnitDetailType)
export class ExamUnitDetailResolver {
  constructor(private readonly details: ExamUnitDetailService) {}

  @Query(() => ExamUnitDetailType, {
    nullable: true,
    description: '点击进入: 阅读须知, 通知公告, 报考地市/报名点, 证明材料, 科目 and fees of one unit for one exam',
  })
  @Public('The same notices, points and fees the unit publishes on its notice website')
  examUnitDetail(@Ctx() ctx: RequestContext, @Arg('examUnitId', () => ID) examUnitId: string): Promise<ExamUnitDetailRow | null> {
    return this.details.find(ctx, examUnitId);
  }

  @FieldResolver(() => ExamType)
  exam(@Root() unit: ExamUnitDetailRow): ExamRow {
    return { id: unit.examId, name: unit.examName, year: unit.examYear, level: unit.level };
  }

  @FieldResolver(() => ExamUnitType, { description: 'Windows and contacts (as in Exam.units)' })
  examUnit(@Ctx() ctx: RequestContext, @Root() unit: ExamUnitDetailRow): ExamUnitType {
    return {
      id: unit.id,
      unit: { id: unit.unitId, code: unit.unitCode, name: unit.unitName },
      registrationStartsAt: unit.registrationStartsAt,
      registrationEndsAt: unit.registrationEndsAt,
      paymentStartsAt: unit.paymentStartsAt,
      paymentEndsAt: unit.paymentEndsAt,
      registrationOpen: this.details.isRegistrationOpen(ctx, unit),
      consultPhones: unit.consultPhones,
      noticeUrl: unit.noticeUrl,
    };
  }

  @FieldResolver(() => [ExamUnitNoticeType], { description: '通知公告: 报考人员必读事项 first' })
  notices(@Ctx() ctx: RequestContext, @Root() unit: ExamUnitDetailRow): Promise<ExamUnitNoticeType[]> {
    return this.details.notices(ctx, unit.id);
  }

  @FieldResolver(() => [RegistrationCityType], { description: '报考地市 with their 报名点 and places left' })
  async cities(@Ctx() ctx: RequestContext, @Root() unit: ExamUnitDetailRow): Promise<RegistrationCityType[]> {
    const cities = await this.details.cities(ctx, unit);
    return cities.map((city) => ({
      ...city,
      points: city.points.map((p) => ({
        id: p.id,
        name: p.name,
        address: p.address,
        phone: p.phone,
        capacity: p.capacity,
        remaining: p.capacity === null ? null : Math.max(p.capacity - p.taken, 0),
        full: p.capacity !== null && p.taken >= p.capacity,
      })),
    }));
  }

  @FieldResolver(() => [MaterialRequirementType], { description: '证明材料 (units differ)' })
  materials(@Ctx() ctx: RequestContext, @Root() unit: ExamUnitDetailRow): Promise<MaterialRequirementType[]> {
    return this.details.materials(ctx, unit.id);
  }

  @FieldResolver(() => [ExamSubjectType], { description: '报名科目 of the level; roll-over passes marked for the signed-in candidate' })
  subjects(@Ctx() ctx: RequestContext, @Root() unit: ExamUnitDetailRow): Promise<ExamSubjectType[]> {
    return this.details.subjects(ctx, unit);
  }

  @FieldResolver(() => [EligibilityRouteOptionType], { description: '选择报考条件 options for the level' })
  eligibilityRoutes(@Root() unit: ExamUnitDetailRow): EligibilityRouteOptionType[] {
    return this.details.eligibilityRoutes(unit.level);
  }

  @FieldResolver(() => FeeRuleType, { nullable: true })
  fee(@Root() unit: ExamUnitDetailRow): FeeRuleType | null {
    return unit.perSubjectFen === null ? null : { perSubjectFen: unit.perSubjectFen, perPersonFen: unit.perPersonFen ?? 0 };
  }

  @FieldResolver(() => [FeeWaiverCategoryType])
  feeWaiverCategories(@Ctx() ctx: RequestContext, @Root() unit: ExamUnitDetailRow): Promise<FeeWaiverCategoryType[]> {
    return this.details.feeWaiverCategories(ctx, unit.id);
  }
}
