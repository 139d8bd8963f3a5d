import { Field, ID, InputType } from 'type-graphql';
import type { AuditRecordFilter } from './audit.service';

@InputType({ description: 'Every given field must match (AND); dates are instants (ISO 8601)' })
export class AuditRecordFilterInput implements AuditRecordFilter {
  @Field(() => String, { nullable: true }) action?: string | null;
  @Field(() => String, { nullable: true }) actorUsername?: string | null;
  @Field(() => ID, { nullable: true }) actorId?: string | null;
  @Field(() => String, { nullable: true }) targetType?: string | null;
  @Field(() => String, { nullable: true }) targetId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Inclusive' }) occurredFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Exclusive' }) occurredBefore?: Date | null;
}
