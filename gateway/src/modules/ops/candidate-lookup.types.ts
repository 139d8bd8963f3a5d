import { Field, ID, ObjectType } from 'type-graphql';
import { DocumentTypeEnum } from '../account/account.types';
import type { DocumentType } from '../account/identity-document';
import { OpsResultFields } from './ops.types';

@ObjectType('OpsCandidateSummary', { description: 'A candidate account as search results show it: masked' })
export class CandidateSummaryType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '张*, 欧阳**' }) maskedName!: string;
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String, { description: '1101**********1234' }) maskedDocumentNumber!: string;
  @Field(() => String, { description: '138****1234' }) maskedPhone!: string;
  @Field(() => Date) registeredAt!: Date;
}

@ObjectType('OpsCandidateDetail', { description: 'A candidate account unmasked: every read is audited with its reason' })
export class CandidateDetailType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => DocumentTypeEnum) documentType!: DocumentType;
  @Field(() => String) documentNumber!: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-3, for 护照(外国)' }) nationality!: string | null;
  @Field(() => String) phone!: string;
  @Field(() => Date) registeredAt!: Date;
}

@ObjectType('OpsCandidateSearchResult')
export class CandidateSearchResultType extends OpsResultFields {
  @Field(() => [CandidateSummaryType]) candidates!: CandidateSummaryType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page (name searches); null on the last' })
  nextCursor!: string | null;
}

@ObjectType('OpsCandidateDetailResult')
export class CandidateDetailResultType extends OpsResultFields {
  @Field(() => CandidateDetailType, { nullable: true }) candidate!: CandidateDetailType | null;
}
