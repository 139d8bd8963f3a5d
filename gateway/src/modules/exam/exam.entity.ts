import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';

export enum ExamLevel {
  JUNIOR = 'JUNIOR',
  INTERMEDIATE = 'INTERMEDIATE',
  SENIOR = 'SENIOR',
}

export const EXAM_LEVEL_LABELS: Record<ExamLevel, string> = {
  JUNIOR: '初级',
  INTERMEDIATE: '中级',
  SENIOR: '高级',
};

export enum RegistrationUnitKind {
  PROVINCE = 'PROVINCE',
  CORPS = 'CORPS',
  PLAN_CITY = 'PLAN_CITY',
}

/** A registration unit (报名单位): a province-level region, 新疆生产建设兵团, or a 计划单列市. */
@Entity({ tableName: 'registration_unit' })
export class RegistrationUnit {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 12 })
  @Unique()
  code!: string;

  @Property({ type: 'string', length: 50 })
  name!: string;

  @Enum({ items: () => RegistrationUnitKind, type: 'string' })
  kind!: RegistrationUnitKind;

  @Property({ type: 'integer' })
  sortOrder!: number;
}

@Entity({ tableName: 'exam' })
@Unique({ properties: ['year', 'level'] })
export class Exam {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => ExamLevel, type: 'string' })
  level!: ExamLevel;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** One unit's participation in one exam: its windows and contact data, which differ per unit. */
@Entity({ tableName: 'exam_unit' })
@Unique({ properties: ['exam', 'unit'] })
export class ExamUnit {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Exam, ref: true, deleteRule: 'cascade' })
  @Index()
  exam!: Ref<Exam>;

  @ManyToOne({ entity: () => RegistrationUnit, ref: true })
  @Index()
  unit!: Ref<RegistrationUnit>;

  @Property({ type: 'datetime' })
  registrationStartsAt!: Date;

  @Property({ type: 'datetime' })
  registrationEndsAt!: Date;

  @Property({ type: 'datetime' })
  paymentStartsAt!: Date;

  @Property({ type: 'datetime' })
  paymentEndsAt!: Date;

  @Property({ type: 'text[]', default: '{}' })
  consultPhones: string[] = [];

  @Property({ type: 'string', length: 500 })
  noticeUrl!: string;
}

/** Windows are half-open: open from the first second of `startsAt` until just before `endsAt`. */
export function isWithinWindow(now: Date, startsAt: Date, endsAt: Date): boolean {
  return now.getTime() >= startsAt.getTime() && now.getTime() < endsAt.getTime();
}
