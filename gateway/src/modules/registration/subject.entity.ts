import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';
import { ExamLevel } from '../exam/exam.entity';

/** 报名科目 of a level (初级: 初级会计实务, 经济法基础; 中级: 中级会计实务, 财务管理, 经济法; 高级: 高级会计实务). */
@Entity({ tableName: 'exam_subject' })
export class ExamSubject {
  @PrimaryKey({ type: 'string', length: 40 })
  code!: string;

  @Enum({ items: () => ExamLevel, type: 'string' })
  @Index()
  level!: ExamLevel;

  @Property({ type: 'string', length: 50 })
  name!: string;

  @Property({ type: 'integer' })
  sortOrder!: number;
}

/**
 * A subject a candidate has passed, by exam year. 中级 passes roll over: a pass of the previous exam
 * year still counts this year, is shown and cannot be registered again.
 */
@Entity({ tableName: 'subject_pass' })
@Unique({ properties: ['account', 'subject', 'examYear'] })
export class SubjectPass {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CandidateAccount, ref: true, deleteRule: 'cascade' })
  account!: Ref<CandidateAccount>;

  @ManyToOne({ entity: () => ExamSubject, ref: true })
  @Index()
  subject!: Ref<ExamSubject>;

  @Property({ type: 'integer' })
  examYear!: number;
}
