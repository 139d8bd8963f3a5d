import { Field, ID, InputType } from 'type-graphql';
import { RealNameStatus } from './real-name-verification.entity';

@InputType({ description: '线上实名认证: the three uploaded 证件 images and 所在省市' })
export class OnlineRealNameInput {
  @Field(() => ID, { description: '证件人像面 (an upload of side PORTRAIT)' }) portraitUploadId!: string;
  @Field(() => ID, { description: '证件国徽面/非人像面 (side EMBLEM)' }) emblemUploadId!: string;
  @Field(() => ID, { description: '手持证件人像面 (side HANDHELD)' }) handheldUploadId!: string;
  @Field(() => String, { description: '所在省 (GB/T 2260, from realNameRegions)' }) provinceCode!: string;
  @Field(() => String, { description: '所在市 (GB/T 2260, one of the province\'s cities)' }) cityCode!: string;
  @Field(() => Boolean, { description: 'Separate consent to have reviewers examine the images (must be true)' }) consent!: boolean;
}

@InputType({ description: 'Which 线上实名认证 submissions to list' })
export class RealNameReviewFilter {
  @Field(() => String, { nullable: true, description: 'One of your units; absent: all of them' }) unitCode?: string | null;
  @Field(() => RealNameStatus, { nullable: true, description: 'Default PENDING (待审核)' }) status?: RealNameStatus | null;
}
