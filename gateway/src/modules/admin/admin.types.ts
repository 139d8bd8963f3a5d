import { Field, ID, Int, ObjectType } from 'type-graphql';
import '../exam/exam.types';
import '../registration/registration.types';
import { ExamLevel } from '../exam/exam.entity';
import { ApplicationStatus } from '../registration/application.entity';
import { OpsRoleEnum } from '../ops/ops.types';
import type { OpsRole } from '../ops/ops-principal';
import { AdminErrorCode } from './admin.errors';

@ObjectType('AdminResult', { description: 'Result of an admin change: check `ok`; otherwise show `message`' })
export class AdminResultType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => AdminErrorCode, { nullable: true }) errorCode!: AdminErrorCode | null;
  @Field(() => String, { description: 'Chinese text for the staff member, on success too' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The input field at fault' }) field!: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of what was created or changed' }) id!: string | null;
}

@ObjectType('OpsAccountCreatedResult')
export class OpsAccountCreatedResultType extends AdminResultType {
  @Field(() => String, { nullable: true }) username!: string | null;
  @Field(() => String, { nullable: true, description: 'Base32 TOTP secret: shown once, only its ciphertext is stored' })
  totpSecret!: string | null;
  @Field(() => String, { nullable: true, description: 'otpauth:// URL of the secret for an authenticator app (shown once)' })
  otpauthUrl!: string | null;
}

@ObjectType('ApplicationStatisticsRow', { description: 'Applications of one unit, level and status' })
export class ApplicationStatisticsRowType {
  @Field(() => String) unitCode!: string;
  @Field(() => String) unitName!: string;
  @Field(() => ExamLevel) level!: ExamLevel;
  @Field(() => ApplicationStatus) status!: ApplicationStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('OpsAccountSummary', { description: 'An ops account as admins see it: never its password hash or TOTP secret' })
export class OpsAccountSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => [OpsRoleEnum]) roles!: OpsRole[];
  @Field(() => [String], { description: 'Units a reviewer acts for; empty for admins' }) unitCodes!: string[];
  @Field(() => Boolean) disabled!: boolean;
  @Field(() => Date, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => Int, { description: 'Sessions neither ended nor expired' }) activeSessions!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('OpsAccountPage')
export class OpsAccountPageType {
  @Field(() => [OpsAccountSummaryType]) items!: OpsAccountSummaryType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}
