import { Field, InputType } from 'type-graphql';
import type { CandidateSearchCriteria } from './candidate-lookup.service';

@InputType({ description: 'Exactly one of: the start of the name, the exact 证件号码, a masked 证件号码, the exact 手机号' })
export class CandidateSearchInput implements CandidateSearchCriteria {
  @Field(() => String, { nullable: true, description: 'Start of the name as registered, e.g. 张 or 欧阳' }) namePrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'Exact 证件号码 of any document type' }) documentNumber?: string | null;
  @Field(() => String, {
    nullable: true,
    description: '证件号码 as shown masked, e.g. 1101**********1234 (first and last 4; 2 for numbers under 12 characters); one * stands for any number of hidden characters',
  })
  maskedDocumentNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Exact 手机号' }) phone?: string | null;
}
