import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { CandidateAccount } from '../account/candidate-account.entity';
import { Exam, ExamLevel, ExamUnit } from '../exam/exam.entity';
import { RegistrationCity, RegistrationPoint } from './registration-point.entity';

/**
 * DRAFT → SUBMITTED → APPROVED | REJECTED (→ resubmit → SUBMITTED) → PAID (payment module);
 * WITHDRAWN (重新报名) from any state before PAID.
 */
export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
  WITHDRAWN = 'WITHDRAWN',
}

/** 报名导览, in order. `Application.currentStep` is the furthest step the candidate may work on. */
export enum ApplicationStep {
  AGREEMENT = 'AGREEMENT',
  NOTICES = 'NOTICES',
  CONDITIONS = 'CONDITIONS',
  DETAILS = 'DETAILS',
  MATERIALS = 'MATERIALS',
  CONFIRM = 'CONFIRM',
  REVIEW = 'REVIEW',
  PAYMENT = 'PAYMENT',
}

/** One candidate's registration for one exam in one unit. */
@Entity({ tableName: 'application' })
// One live application per candidate and exam; withdrawn ones stay as history.
@Index({
  name: 'application_live_per_exam_unique',
  expression: `create unique index "application_live_per_exam_unique" on "application" ("account_id", "exam_id") where "status" <> 'WITHDRAWN'`,
})
// The reviewer queue: one unit, one status, oldest submission first (keyset on submitted_at, id).
@Index({ name: 'application_review_queue_index', properties: ['examUnit', 'status', 'submittedAt', 'id'] })
export class Application {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => CandidateAccount, ref: true })
  @Index()
  account!: Ref<CandidateAccount>;

  @ManyToOne({ entity: () => Exam, ref: true })
  @Index()
  exam!: Ref<Exam>;

  @ManyToOne({ entity: () => ExamUnit, ref: true })
  examUnit!: Ref<ExamUnit>;

  /** The exam's level, copied so the reviewer filter needs no join. */
  @Enum({ items: () => ExamLevel, type: 'string' })
  level!: ExamLevel;

  @Enum({ items: () => ApplicationStatus, type: 'string' })
  status: ApplicationStatus = ApplicationStatus.DRAFT;

  @Enum({ items: () => ApplicationStep, type: 'string' })
  currentStep: ApplicationStep = ApplicationStep.AGREEMENT;

  /** 选择报考条件: an eligibility route id (eligibility.ts). */
  @Property({ type: 'string', length: 60, nullable: true })
  conditionRoute: string | null = null;

  @ManyToOne({ entity: () => RegistrationCity, ref: true, nullable: true })
  @Index()
  city: Ref<RegistrationCity> | null = null;

  @ManyToOne({ entity: () => RegistrationPoint, ref: true, nullable: true })
  @Index()
  point: Ref<RegistrationPoint> | null = null;

  /**
   * The point whose place this application holds (taken on submission, released on withdrawal or
   * when a rejected application moves to another point). null: holds none.
   */
  @ManyToOne({ entity: () => RegistrationPoint, ref: true, nullable: true })
  @Index()
  heldPoint: Ref<RegistrationPoint> | null = null;

  @Property({ type: 'text[]', default: '{}' })
  subjectCodes: string[] = [];

  /** Draft of 报名信息填写 personal information (basic, education, degree, work), as last saved. */
  @Property({ type: 'json', nullable: true })
  personalInfo: Record<string, unknown> | null = null;

  @Property({ type: 'datetime', nullable: true })
  agreementAcceptedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  noticesAcknowledgedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  detailsConfirmedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;

  /** Ops account id of the reviewer who decided last. */
  @Property({ type: 'string', length: 64, nullable: true })
  reviewedBy: string | null = null;

  /** Why it was rejected, shown to the candidate on 审核告知. */
  @Property({ type: 'text', nullable: true })
  reviewReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

export enum ApplicationActorKind {
  CANDIDATE = 'CANDIDATE',
  OPS = 'OPS',
  SYSTEM = 'SYSTEM',
}

/** Every status change of an application; append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ tableName: 'application_history' })
export class ApplicationHistory {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne({ entity: () => Application, ref: true })
  @Index()
  application!: Ref<Application>;

  /** null for the creation of the application. */
  @Enum({ items: () => ApplicationStatus, type: 'string', nullable: true })
  fromStatus: ApplicationStatus | null = null;

  @Enum({ items: () => ApplicationStatus, type: 'string' })
  toStatus!: ApplicationStatus;

  @Enum({ items: () => ApplicationActorKind, type: 'string' })
  actorKind!: ApplicationActorKind;

  /** candidate_account.id or the ops account id. */
  @Property({ type: 'string', length: 64 })
  actorId!: string;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;
}
