import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OneToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { ExamUnit } from '../exam/exam.entity';

/**
 * What one unit shows for one exam before the form: 阅读须知 (the agreement the candidate accepts
 * with 完全同意 + 已阅读并知晓) and the 审核告知 texts (受理部门, 办理提示).
 */
@Entity({ tableName: 'exam_unit_guide' })
export class ExamUnitGuide {
  @OneToOne({ entity: () => ExamUnit, ref: true, primary: true, deleteRule: 'cascade', owner: true })
  examUnit!: Ref<ExamUnit>;

  @Property({ type: 'text' })
  agreementText!: string;

  /** 受理部门 on the 审核告知 page. */
  @Property({ type: 'string', length: 100 })
  acceptingOffice!: string;

  /** 办理提示 on the 审核告知 page. */
  @Property({ type: 'text' })
  reviewHint!: string;
}

export enum NoticeKind {
  /** 报考人员必读事项: always listed first. */
  MUST_READ = 'MUST_READ',
  UNIT = 'UNIT',
  CITY = 'CITY',
}

/** 通知公告 of one unit for one exam. */
@Entity({ tableName: 'exam_unit_notice' })
export class ExamUnitNotice {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExamUnit, ref: true, deleteRule: 'cascade' })
  @Index()
  examUnit!: Ref<ExamUnit>;

  @Enum({ items: () => NoticeKind, type: 'string' })
  kind!: NoticeKind;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  /** For CITY notices: which 报考地市 published it. */
  @Property({ type: 'string', length: 50, nullable: true })
  publisher: string | null = null;

  @Property({ type: 'datetime' })
  publishedAt!: Date;

  @Property({ type: 'integer' })
  sortOrder!: number;
}

/** A 证明材料 a unit asks for (units differ: 各省报名流程及证明材料略有差异). */
@Entity({ tableName: 'material_requirement' })
@Unique({ properties: ['examUnit', 'code'] })
export class MaterialRequirement {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExamUnit, ref: true, deleteRule: 'cascade' })
  examUnit!: Ref<ExamUnit>;

  /** Stable key the client sends with an upload, e.g. EDUCATION_CERTIFICATE. */
  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'boolean' })
  required!: boolean;

  @Property({ type: 'integer' })
  sortOrder!: number;
}

/** Fees of one unit for one exam, in fen (分): amount = perPerson + perSubject × subjects. */
@Entity({ tableName: 'fee_rule' })
export class FeeRule {
  @OneToOne({ entity: () => ExamUnit, ref: true, primary: true, deleteRule: 'cascade', owner: true })
  examUnit!: Ref<ExamUnit>;

  @Property({ type: 'integer' })
  perSubjectFen!: number;

  @Property({ type: 'integer', default: 0 })
  perPersonFen: number = 0;
}

/** A group a unit exempts from the fee (e.g. 城乡低保); the payment module applies it. */
@Entity({ tableName: 'fee_waiver_category' })
@Unique({ properties: ['examUnit', 'code'] })
export class FeeWaiverCategory {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExamUnit, ref: true, deleteRule: 'cascade' })
  examUnit!: Ref<ExamUnit>;

  @Property({ type: 'string', length: 40 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** What proves it, shown to the candidate (the proof is uploaded as a material). */
  @Property({ type: 'text' })
  description!: string;
}
