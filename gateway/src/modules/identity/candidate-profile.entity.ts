import { Entity, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';
import type { PersonalInfo } from '../registration/application-rules';

/**
 * 信息采集: what a candidate recorded about themselves once, reused to prefill 报名信息填写. The
 * personal information has exactly the shape of `application.personal_info`, so the exam flow can
 * copy it as it is. One row per account, written only after 实名认证.
 */
@Entity({ tableName: 'candidate_profile' })
export class CandidateProfile {
  @OneToOne({ entity: () => CandidateAccount, ref: true, primary: true, deleteRule: 'cascade' })
  account!: Ref<CandidateAccount>;

  @Property({ type: 'json' })
  personalInfo!: PersonalInfo;

  /** 管理部门: registration_unit.code of the 会计管理机构's region. */
  @Property({ type: 'string', length: 12, nullable: true })
  managementUnitCode: string | null = null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
