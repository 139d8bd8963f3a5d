import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Public } from '../../graphql/access';
import { EXAM_LEVEL_LABELS } from './exam.entity';
import type { ExamRow, ExamService } from './exam.service';
import { ExamType, ExamUnitType } from './exam.types';

@Resolver(() => ExamType)
export class ExamResolver {
  constructor(private readonly examService: ExamService) {}

  @Public('published exam information')
  @Query(() => [ExamType], { description: '选择考试: every exam, newest year first' })
  exams(@Ctx() ctx: RequestContext): Promise<ExamRow[]> {
    return this.examService.listExams(ctx);
  }

  @Public('published exam information')
  @Query(() => ExamType, { nullable: true })
  exam(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ExamRow | null> {
    return this.examService.findExam(ctx, id);
  }

  @FieldResolver(() => String, { description: '初级 / 中级 / 高级' })
  levelLabel(@Root() exam: ExamRow): string {
    return EXAM_LEVEL_LABELS[exam.level];
  }

  @FieldResolver(() => [ExamUnitType], { description: '省份选择: the units taking part, in the official order' })
  async units(@Ctx() ctx: RequestContext, @Root() exam: ExamRow): Promise<ExamUnitType[]> {
    const rows = await this.examService.unitsOfExam(ctx, exam.id);
    return rows.map((row) => ({
      id: row.id,
      unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
      registrationStartsAt: row.registrationStartsAt,
      registrationEndsAt: row.registrationEndsAt,
      paymentStartsAt: row.paymentStartsAt,
      paymentEndsAt: row.paymentEndsAt,
      registrationOpen: this.examService.isRegistrationOpen(ctx, row),
      consultPhones: row.consultPhones,
      noticeUrl: row.noticeUrl,
    }));
  }
}
