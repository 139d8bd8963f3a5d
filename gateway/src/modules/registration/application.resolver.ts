import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { ELIGIBILITY_ROUTES } from '../account/eligibility';
import { isWithinWindow } from '../exam/exam.entity';
import type { ExamRow } from '../exam/exam.service';
import { ExamType, RegistrationUnitType } from '../exam/exam.types';
import { UploadPurpose } from './upload.entity';
import { feeFen, hasReached, STATUS_LABELS, STEP_LABELS, STEP_ORDER } from './application-rules';
import type { ApplicationReadService, ApplicationRow } from './application-read.service';
import { requireViewer, type ApplicationOutcome, type ApplicationService } from './application.service';
import { ApplicationDetailsInput, toPersonalInfo, UploadTokenInput } from './registration.inputs';
import {
  ApplicationCityType,
  ApplicationHistoryEntryType,
  ApplicationPointType,
  ApplicationResultType,
  ApplicationStepStateType,
  ApplicationUploadType,
  EligibilityRouteOptionType,
  ExamApplicationType,
  ExamSubjectType,
  UploadTokenResultType,
} from './registration.types';
import { UPLOAD_PATH, type UploadService } from './upload.service';

/** Success messages, as the pages word them. */
const DONE = {
  start: '已进入报名',
  agreement: '已阅读并知晓阅读须知',
  notices: '已阅读并知晓通知公告',
  conditions: '报考条件已保存',
  saved: '报名信息已暂存',
  confirmed: '报名信息已确认',
  materials: '证明材料已确认',
  submitted: '报名信息已提交,请等待审核',
  withdrawn: '已重新报名,请重新选择考试和省份',
  deleted: '文件已删除',
} as const;

export function uploadView(row: { id: string } & Omit<ApplicationUploadType, 'url'>): ApplicationUploadType {
  return { ...row, url: `${UPLOAD_PATH}/${row.id}` };
}

@Resolver(() => ExamApplicationType)
export class ApplicationResolver {
  constructor(
    private readonly applications: ApplicationService,
    private readonly reads: ApplicationReadService,
    private readonly uploads: UploadService,
  ) {}

  /** The result of a candidate mutation, with the application as it is now (the caller's own only). */
  private async result(ctx: RequestContext, outcome: ApplicationOutcome, applicationId: string | null, message: string): Promise<ApplicationResultType> {
    const id = outcome.ok ? outcome.applicationId : applicationId;
    const row = outcome.application ?? (id ? await this.reads.byId(ctx, id) : null);
    const application = row && row.accountId === ctx.viewer?.id ? row : null;
    if (outcome.ok) return { ok: true, errorCode: null, message, field: null, unmet: null, application };
    return { ok: false, errorCode: outcome.errorCode, message: outcome.message, field: outcome.field ?? null, unmet: outcome.unmet ?? null, application };
  }

  @Query(() => ExamApplicationType, { nullable: true, description: "The signed-in candidate's live (not withdrawn) application for an exam" })
  @Allow('CANDIDATE')
  myApplication(@Ctx() ctx: RequestContext, @Arg('examId', () => ID) examId: string): Promise<ApplicationRow | null> {
    return this.reads.liveOfAccount(ctx, requireViewer(ctx).id, examId);
  }

  @Mutation(() => ApplicationResultType, { description: '点击进入: starts the application for this exam unit, or continues the live one' })
  @Allow('CANDIDATE')
  async startApplication(@Ctx() ctx: RequestContext, @Arg('examUnitId', () => ID) examUnitId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.start(ctx, examUnitId), null, DONE.start);
  }

  @Mutation(() => ApplicationResultType, { description: '阅读须知: 完全同意 (agreed) + 已阅读并知晓' })
  @Allow('CANDIDATE')
  async acceptAgreement(
    @Ctx() ctx: RequestContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('agreed', () => Boolean, { description: '完全同意 is selected' }) agreed: boolean,
  ): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.acceptAgreement(ctx, applicationId, agreed), applicationId, DONE.agreement);
  }

  @Mutation(() => ApplicationResultType, { description: '通知公告: 已阅读并知晓' })
  @Allow('CANDIDATE')
  async acknowledgeNotices(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.acknowledgeNotices(ctx, applicationId), applicationId, DONE.notices);
  }

  @Mutation(() => ApplicationResultType, { description: '选择报考条件 → 下一步' })
  @Allow('CANDIDATE')
  async chooseConditions(
    @Ctx() ctx: RequestContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('route', () => String, { description: 'EligibilityRouteOption.id' }) route: string,
  ): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.chooseConditions(ctx, applicationId, route), applicationId, DONE.conditions);
  }

  @Mutation(() => ApplicationResultType, { description: '报名信息填写: saves the draft (any time during the step)' })
  @Allow('CANDIDATE')
  async saveApplicationDetails(
    @Ctx() ctx: RequestContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('input', () => ApplicationDetailsInput) input: ApplicationDetailsInput,
  ): Promise<ApplicationResultType> {
    const outcome = await this.applications.saveDetails(ctx, applicationId, {
      cityId: input.cityId,
      pointId: input.pointId,
      subjectCodes: input.subjectCodes,
      personalInfo: input.personalInfo === undefined ? undefined : input.personalInfo && toPersonalInfo(input.personalInfo),
    });
    return this.result(ctx, outcome, applicationId, DONE.saved);
  }

  @Mutation(() => ApplicationResultType, { description: '确认无误,下一步: checks the form, the subjects and the 报考条件' })
  @Allow('CANDIDATE')
  async confirmDetails(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.confirmDetails(ctx, applicationId), applicationId, DONE.confirmed);
  }

  @Mutation(() => UploadTokenResultType, { description: 'Permission to POST one photo or 证明材料 to uploadUrl (single use, short-lived)' })
  @Allow('CANDIDATE')
  async requestUploadToken(@Ctx() ctx: RequestContext, @Arg('input', () => UploadTokenInput) input: UploadTokenInput): Promise<UploadTokenResultType> {
    const outcome = await this.uploads.issueToken(ctx, input);
    if (!outcome.ok) {
      return { ok: false, errorCode: outcome.errorCode, message: outcome.message, field: outcome.field ?? null, token: null, uploadUrl: null, expiresAt: null, maxBytes: null };
    }
    return { errorCode: null, message: '请上传文件', field: null, ...outcome };
  }

  @Mutation(() => ApplicationResultType, { description: '删除 a photo or 证明材料' })
  @Allow('CANDIDATE')
  async deleteApplicationUpload(@Ctx() ctx: RequestContext, @Arg('uploadId', () => ID) uploadId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.uploads.delete(ctx, uploadId), null, DONE.deleted);
  }

  @Mutation(() => ApplicationResultType, { description: '证明材料上传 → 下一步: every required material is uploaded' })
  @Allow('CANDIDATE')
  async confirmMaterials(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.confirmMaterials(ctx, applicationId), applicationId, DONE.materials);
  }

  @Mutation(() => ApplicationResultType, { description: '信息确认 → 提交 (also resubmits after 审核不通过); takes a 报名点 place' })
  @Allow('CANDIDATE')
  async submitApplication(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.submit(ctx, applicationId), applicationId, DONE.submitted);
  }

  @Mutation(() => ApplicationResultType, { description: '重新报名: withdraws the application (until paid) and gives its 报名点 place back' })
  @Allow('CANDIDATE')
  async withdrawApplication(@Ctx() ctx: RequestContext, @Arg('applicationId', () => ID) applicationId: string): Promise<ApplicationResultType> {
    return this.result(ctx, await this.applications.withdraw(ctx, applicationId), applicationId, DONE.withdrawn);
  }

  // ------------------------------------------------------------------ fields of ExamApplication

  @FieldResolver(() => String)
  statusLabel(@Root() app: ApplicationRow): string {
    return STATUS_LABELS[app.status];
  }

  @FieldResolver(() => [ApplicationStepStateType], { description: '报名导览, every step in order' })
  steps(@Root() app: ApplicationRow): ApplicationStepStateType[] {
    return STEP_ORDER.map((step) => ({ step, label: STEP_LABELS[step], reached: hasReached(app.currentStep, step), current: step === app.currentStep }));
  }

  @FieldResolver(() => ExamType)
  exam(@Root() app: ApplicationRow): ExamRow {
    return { id: app.examId, name: app.examName, year: app.examYear, level: app.level };
  }

  @FieldResolver(() => RegistrationUnitType, { description: '报考省份' })
  unit(@Root() app: ApplicationRow): RegistrationUnitType {
    return { id: app.unitId, code: app.unitCode, name: app.unitName };
  }

  @FieldResolver(() => Date)
  registrationEndsAt(@Root() app: ApplicationRow): Date {
    return app.registrationEndsAt;
  }

  @FieldResolver(() => Date)
  paymentEndsAt(@Root() app: ApplicationRow): Date {
    return app.paymentEndsAt;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the registration window is open now (server clock)' })
  registrationOpen(@Ctx() ctx: RequestContext, @Root() app: ApplicationRow): boolean {
    const now = ctx.clock.now();
    // A cached whole answer (ViewerResponseCache) holds only between the window edges around now.
    ctx.responseMark?.dependsOnWindow(now.getTime(), app.registrationStartsAt.getTime(), app.registrationEndsAt.getTime());
    return isWithinWindow(now, app.registrationStartsAt, app.registrationEndsAt);
  }

  @FieldResolver(() => EligibilityRouteOptionType, { nullable: true, description: 'Chosen 报考条件' })
  condition(@Root() app: ApplicationRow): EligibilityRouteOptionType | null {
    const route = ELIGIBILITY_ROUTES.find((r) => r.id === app.conditionRoute);
    return route ? { id: route.id, label: route.label } : null;
  }

  @FieldResolver(() => ApplicationCityType, { nullable: true, description: '报考地市' })
  city(@Root() app: ApplicationRow): ApplicationCityType | null {
    return app.cityId ? { id: app.cityId, code: app.cityCode!, name: app.cityName! } : null;
  }

  @FieldResolver(() => ApplicationPointType, { nullable: true, description: '报名点' })
  point(@Root() app: ApplicationRow): ApplicationPointType | null {
    return app.pointId ? { id: app.pointId, name: app.pointName!, address: app.pointAddress!, phone: app.pointPhone! } : null;
  }

  @FieldResolver(() => [ExamSubjectType], { description: 'Chosen 报名科目' })
  async subjects(@Ctx() ctx: RequestContext, @Root() app: ApplicationRow): Promise<ExamSubjectType[]> {
    const subjects = await ctx.loaders.examSubjectByCode.loadMany(app.subjectCodes);
    return subjects.flatMap((s) => (s && !(s instanceof Error) ? [{ ...s, rolledOverPassYear: null }] : []));
  }

  @FieldResolver(() => ApplicationUploadType, { nullable: true, description: '个人照片' })
  async photo(@Ctx() ctx: RequestContext, @Root() app: ApplicationRow): Promise<ApplicationUploadType | null> {
    const photo = (await ctx.loaders.applicationUploads.load(app.id)).find((u) => u.purpose === UploadPurpose.PHOTO);
    return photo ? uploadView(photo) : null;
  }

  @FieldResolver(() => [ApplicationUploadType], { description: '证明材料 uploaded (several per material allowed)' })
  async materials(@Ctx() ctx: RequestContext, @Root() app: ApplicationRow): Promise<ApplicationUploadType[]> {
    return (await ctx.loaders.applicationUploads.load(app.id)).filter((u) => u.purpose === UploadPurpose.MATERIAL).map(uploadView);
  }

  @FieldResolver(() => [ApplicationHistoryEntryType], { description: 'Status changes, oldest first' })
  async history(@Ctx() ctx: RequestContext, @Root() app: ApplicationRow): Promise<ApplicationHistoryEntryType[]> {
    const rows = await ctx.loaders.applicationHistory.load(app.id);
    // Candidates see that a reviewer decided, not which one.
    return rows.map((r) => ({ ...r, actorId: ctx.ops ? r.actorId : null }));
  }

  @FieldResolver(() => Int, { nullable: true, description: '考试费 in fen for the chosen subjects (before any waiver)' })
  feeFen(@Root() app: ApplicationRow): number | null {
    if (app.perSubjectFen === null || app.subjectCodes.length === 0) return null;
    return feeFen({ perSubjectFen: app.perSubjectFen, perPersonFen: app.perPersonFen ?? 0 }, app.subjectCodes.length);
  }
}
