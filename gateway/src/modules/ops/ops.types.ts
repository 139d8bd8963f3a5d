import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OpsErrorCode } from './ops.errors';
import type { OpsRole } from './ops-principal';

export const OpsRoleEnum = { REVIEWER: 'REVIEWER', ADMIN: 'ADMIN' } as const satisfies { [K in OpsRole]: K };
registerEnumType(OpsRoleEnum, {
  name: 'OpsRole',
  description: 'REVIEWER: 审核人员 of the units listed on the account; ADMIN: 管理员 of every unit (holds every role)',
});

@ObjectType('OpsPrincipal', { description: 'The signed-in ops staff member' })
export class OpsPrincipalType {
  @Field(() => ID) id!: string;
  @Field(() => String) username!: string;
  @Field(() => [OpsRoleEnum]) roles!: OpsRole[];
  @Field(() => [String], { description: 'Registration unit codes (e.g. 110000 北京市) a reviewer acts for; empty for admins' })
  unitCodes!: string[];
}

/** Fields every ops result shares: check `ok`; otherwise show `message`. */
@ObjectType()
export abstract class OpsResultFields {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => OpsErrorCode, { nullable: true }) errorCode!: OpsErrorCode | null;
  @Field(() => String, { description: 'Chinese text for the staff member, on success too' }) message!: string;
}

@ObjectType('OpsLoginResult')
export class OpsLoginResultType extends OpsResultFields {
  @Field(() => Date, { nullable: true, description: 'With ACCOUNT_LOCKED / CLIENT_LOCKED: when signing in is possible again' })
  lockedUntil!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Attempts left before the account locks' })
  remainingAttempts!: number | null;
  @Field(() => OpsPrincipalType, { nullable: true }) principal!: OpsPrincipalType | null;
}
