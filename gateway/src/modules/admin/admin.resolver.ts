import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { PaymentChannelCode } from '../payment/payment-channel.entity';
import { OpsRoleEnum } from '../ops/ops.types';
import type { OpsRole } from '../ops/ops-principal';
import type { AdminOutcome } from './admin.errors';
import {
  ExamInput,
  ExamUnitGuideInput,
  ExamUnitNoticeInput,
  ExamUnitWindowsInput,
  FeeRuleInput,
  FeeWaiverCategoryInput,
  MaterialRequirementInput,
  NewOpsAccountInput,
  RegistrationCityInput,
  RegistrationPointInput,
} from './admin.inputs';
import type { AdminService } from './admin.service';
import type { ApplicationReportService } from './application-report.service';
import { AdminResultType, ApplicationStatisticsRowType, OpsAccountCreatedResultType, OpsAccountPageType } from './admin.types';
import type { OpsAccountAdminService, OpsAccountSecretOutcome } from './ops-account-admin.service';
import '../payment/payment.resolver';

function view(outcome: AdminOutcome): AdminResultType {
  if (outcome.ok) return { ok: true, errorCode: null, message: outcome.message, field: null, id: outcome.id };
  return { ok: false, errorCode: outcome.errorCode, message: outcome.message, field: outcome.field ?? null, id: null };
}

function secretView(outcome: OpsAccountSecretOutcome): OpsAccountCreatedResultType {
  if (!outcome.ok) return { ...view(outcome), username: null, totpSecret: null, otpauthUrl: null };
  return { ...view(outcome), username: outcome.username, totpSecret: outcome.totpSecret, otpauthUrl: outcome.otpauthUrl };
}

/** 管理员 operations (exam set-up, payment channels, ops accounts) and ops statistics. */
@Resolver()
export class AdminResolver {
  constructor(
    private readonly admin: AdminService,
    private readonly opsAccountAdmin: OpsAccountAdminService,
    private readonly reports: ApplicationReportService,
  ) {}

  @Allow('REVIEWER')
  @Query(() => [ApplicationStatisticsRowType], { description: 'Applications per unit × level × status (reviewers: their units)' })
  applicationStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('examId', () => ID, { nullable: true }) examId: string | null,
    @Arg('unitCode', () => String, { nullable: true }) unitCode: string | null,
  ): Promise<ApplicationStatisticsRowType[]> {
    return this.reports.statistics(ctx, { examId, unitCode });
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Creates an exam' })
  async createExam(@Ctx() ctx: RequestContext, @Arg('input', () => ExamInput) input: ExamInput): Promise<AdminResultType> {
    return view(await this.admin.saveExam(ctx, null, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Changes an exam’s year, level or name' })
  async updateExam(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => ExamInput) input: ExamInput): Promise<AdminResultType> {
    return view(await this.admin.saveExam(ctx, id, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: "Opens a unit for an exam or changes its windows, consult phones and notice URL (returns the exam unit id)" })
  async setExamUnitWindows(@Ctx() ctx: RequestContext, @Arg('input', () => ExamUnitWindowsInput) input: ExamUnitWindowsInput): Promise<AdminResultType> {
    return view(await this.admin.setExamUnitWindows(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Creates (no id) or changes a 报考地市' })
  async saveRegistrationCity(@Ctx() ctx: RequestContext, @Arg('input', () => RegistrationCityInput) input: RegistrationCityInput): Promise<AdminResultType> {
    return view(await this.admin.saveRegistrationCity(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Creates (no id) or changes a 报名点; capacity never below the places taken' })
  async saveRegistrationPoint(@Ctx() ctx: RequestContext, @Arg('input', () => RegistrationPointInput) input: RegistrationPointInput): Promise<AdminResultType> {
    return view(await this.admin.saveRegistrationPoint(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Changes a 报名点’s capacity (null: no limit); refused below the places taken' })
  async setRegistrationPointCapacity(
    @Ctx() ctx: RequestContext,
    @Arg('pointId', () => ID) pointId: string,
    @Arg('capacity', () => Int, { nullable: true }) capacity: number | null,
  ): Promise<AdminResultType> {
    return view(await this.admin.setRegistrationPointCapacity(ctx, pointId, capacity ?? null));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: '阅读须知 and 审核告知 texts of an exam unit' })
  async setExamUnitGuide(@Ctx() ctx: RequestContext, @Arg('input', () => ExamUnitGuideInput) input: ExamUnitGuideInput): Promise<AdminResultType> {
    return view(await this.admin.setExamUnitGuide(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Publishes (no id) or changes a 通知公告' })
  async saveExamUnitNotice(@Ctx() ctx: RequestContext, @Arg('input', () => ExamUnitNoticeInput) input: ExamUnitNoticeInput): Promise<AdminResultType> {
    return view(await this.admin.saveExamUnitNotice(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Adds or changes a 证明材料 requirement (by code)' })
  async saveMaterialRequirement(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => MaterialRequirementInput) input: MaterialRequirementInput,
  ): Promise<AdminResultType> {
    return view(await this.admin.saveMaterialRequirement(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Fee rule of an exam unit' })
  async setFeeRule(@Ctx() ctx: RequestContext, @Arg('input', () => FeeRuleInput) input: FeeRuleInput): Promise<AdminResultType> {
    return view(await this.admin.setFeeRule(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Adds or changes a fee waiver category (by code)' })
  async saveFeeWaiverCategory(@Ctx() ctx: RequestContext, @Arg('input', () => FeeWaiverCategoryInput) input: FeeWaiverCategoryInput): Promise<AdminResultType> {
    return view(await this.admin.saveFeeWaiverCategory(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Enables or disables a payment platform' })
  async setPaymentChannelEnabled(
    @Ctx() ctx: RequestContext,
    @Arg('code', () => PaymentChannelCode) code: PaymentChannelCode,
    @Arg('enabled', () => Boolean) enabled: boolean,
  ): Promise<AdminResultType> {
    return view(await this.admin.setPaymentChannelEnabled(ctx, code, enabled));
  }

  @Allow('ADMIN')
  @Query(() => OpsAccountPageType, { description: 'Ops accounts in username order (never their password hash or TOTP secret)' })
  opsAccounts(
    @Ctx() ctx: RequestContext,
    @Arg('role', () => OpsRoleEnum, { nullable: true }) role: OpsRole | null,
    @Arg('unitCode', () => String, { nullable: true, description: 'Reviewers acting for this unit' }) unitCode: string | null,
    @Arg('disabled', () => Boolean, { nullable: true }) disabled: boolean | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 200' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<OpsAccountPageType> {
    return this.opsAccountAdmin.list(ctx, { role, unitCode, disabled }, first, after);
  }

  @Allow('ADMIN')
  @Mutation(() => OpsAccountCreatedResultType, { description: 'Creates an ops account; the TOTP secret is returned once' })
  async createOpsAccount(@Ctx() ctx: RequestContext, @Arg('input', () => NewOpsAccountInput) input: NewOpsAccountInput): Promise<OpsAccountCreatedResultType> {
    return secretView(await this.opsAccountAdmin.create(ctx, input));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Disables (ending its sessions) or re-enables an ops account' })
  async setOpsAccountDisabled(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('disabled', () => Boolean) disabled: boolean,
  ): Promise<AdminResultType> {
    return view(await this.opsAccountAdmin.setDisabled(ctx, id, disabled));
  }

  @Allow('ADMIN')
  @Mutation(() => OpsAccountCreatedResultType, { description: 'Replaces an ops account’s TOTP secret (returned once) and ends its sessions' })
  async resetOpsAccountTotp(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<OpsAccountCreatedResultType> {
    return secretView(await this.opsAccountAdmin.resetTotp(ctx, id));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Changes an ops account’s role and units (reviewers: at least one unit; admins: none)' })
  async setOpsAccountRoles(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('role', () => OpsRoleEnum) role: OpsRole,
    @Arg('unitCodes', () => [String], { defaultValue: [] }) unitCodes: string[],
  ): Promise<AdminResultType> {
    return view(await this.opsAccountAdmin.setRoles(ctx, id, role, unitCodes));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Deletes a 报考地市 without 报名点 that no application chose (IN_USE otherwise)' })
  async deleteRegistrationCity(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AdminResultType> {
    return view(await this.admin.deleteRegistrationCity(ctx, id));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Deletes a 报名点 no application has chosen and with no place taken (IN_USE otherwise)' })
  async deleteRegistrationPoint(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AdminResultType> {
    return view(await this.admin.deleteRegistrationPoint(ctx, id));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Deletes a 通知公告 (its text stays in the audit record)' })
  async deleteExamUnitNotice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<AdminResultType> {
    return view(await this.admin.deleteExamUnitNotice(ctx, id));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Deletes a 证明材料 requirement (by code) no kept upload refers to (IN_USE otherwise)' })
  async deleteMaterialRequirement(
    @Ctx() ctx: RequestContext,
    @Arg('examUnitId', () => ID) examUnitId: string,
    @Arg('code', () => String) code: string,
  ): Promise<AdminResultType> {
    return view(await this.admin.deleteMaterialRequirement(ctx, examUnitId, code));
  }

  @Allow('ADMIN')
  @Mutation(() => AdminResultType, { description: 'Deletes a fee waiver category (by code); its text stays in the audit record' })
  async deleteFeeWaiverCategory(
    @Ctx() ctx: RequestContext,
    @Arg('examUnitId', () => ID) examUnitId: string,
    @Arg('code', () => String) code: string,
  ): Promise<AdminResultType> {
    return view(await this.admin.deleteFeeWaiverCategory(ctx, examUnitId, code));
  }
}
