import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('AuditRecord', { description: 'One entry of the append-only audit trail' })
export class AuditRecordType {
  @Field(() => ID) id!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: 'OPS, CANDIDATE, ANONYMOUS or SYSTEM' }) actorType!: string;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) actorUsername!: string | null;
  @Field(() => String, { nullable: true, description: 'ADMIN, REVIEWER or CANDIDATE' }) actorRole!: string | null;
  @Field(() => String, { description: 'e.g. OPS_LOGIN, OPS_LOGIN_FAILED, PERSONAL_DATA_UNMASKED' }) action!: string;
  @Field(() => String, { nullable: true }) targetType!: string | null;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field(() => String) ip!: string;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, { nullable: true, description: 'Matches the gateway log lines of the same request' }) requestId!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'Ids, codes and masked values; never plaintext personal data' })
  details!: Record<string, unknown>;
}

@ObjectType('AuditRecordPage', { description: 'Newest first; pass nextCursor as `after` for the next page' })
export class AuditRecordPageType {
  @Field(() => [AuditRecordType]) records!: AuditRecordType[];
  @Field(() => String, { nullable: true, description: 'null on the last page' }) nextCursor!: string | null;
}
