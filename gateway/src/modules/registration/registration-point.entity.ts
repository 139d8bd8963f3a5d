import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { ExamUnit, RegistrationUnit } from '../exam/exam.entity';

/** 报考地市: a city (or prefecture) of a registration unit; the same for every exam. */
@Entity({ tableName: 'registration_city' })
@Unique({ properties: ['unit', 'code'] })
export class RegistrationCity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => RegistrationUnit, ref: true })
  unit!: Ref<RegistrationUnit>;

  /** GB/T 2260 code of the city. */
  @Property({ type: 'string', length: 12 })
  code!: string;

  @Property({ type: 'string', length: 50 })
  name!: string;

  @Property({ type: 'integer' })
  sortOrder!: number;
}

/**
 * 报名点 of one exam in one city. `taken` counts the places held by submitted applications; it only
 * ever moves through one conditional UPDATE (see ApplicationService), and the check constraint is
 * the last line of defence against overbooking.
 */
@Entity({ tableName: 'registration_point' })
@Check({ name: 'registration_point_taken_within_capacity', expression: 'taken >= 0 and (capacity is null or taken <= capacity)' })
export class RegistrationPoint {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => ExamUnit, ref: true, deleteRule: 'cascade' })
  @Index()
  examUnit!: Ref<ExamUnit>;

  @ManyToOne({ entity: () => RegistrationCity, ref: true })
  @Index()
  city!: Ref<RegistrationCity>;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'string', length: 200 })
  address!: string;

  @Property({ type: 'string', length: 30 })
  phone!: string;

  /** null: no limit. */
  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property({ type: 'integer', default: 0 })
  taken: number = 0;

  @Property({ type: 'integer' })
  sortOrder!: number;
}
