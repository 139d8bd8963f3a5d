import type { UploadPurpose } from './upload.entity';
import { type RequestContext, withEntityManager } from '../../graphql/context';
import { AppError, ErrorCode } from '../../common/errors';
import { checkEligibility, ELIGIBILITY_ROUTES } from '../account/eligibility';
import { ExamLevel, isWithinWindow } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { ApplicationActorKind, ApplicationStatus, ApplicationStep } from './application.entity';
import {
  applicationDateBounds,
  checkSubjects,
  EMPTY_PERSONAL_INFO,
  earlierStep,
  hasReached,
  isEditable,
  isWithdrawable,
  laterStep,
  missingPersonalInfo,
  toEligibilityInput,
  validatePersonalInfoFormat,
  type PersonalInfo,
} from './application-rules';
import { isRealNameVerified } from './real-name-check';
import { arrayLiteral } from '../../orm/raw-transaction';
import { applicationColumns, type ApplicationRow } from './application-read.service';
import type { ApplicationSubmitter } from './application-submit';
import { REGISTRATION_MESSAGES, RegistrationErrorCode, registrationFailure, type RegistrationFailure } from './registration.errors';

/** The application row as transitions see it, locked FOR UPDATE, with its exam unit's window. */
export interface LockedApplication {
  id: string;
  accountId: string;
  examId: string;
  examUnitId: string;
  examYear: number;
  level: ExamLevel;
  status: ApplicationStatus;
  currentStep: ApplicationStep;
  conditionRoute: string | null;
  cityId: string | null;
  pointId: string | null;
  heldPointId: string | null;
  subjectCodes: string[];
  personalInfo: PersonalInfo | null;
  unitId: string;
  unitCode: string;
  registrationStartsAt: Date;
  registrationEndsAt: Date;
}

/** `application`: the row as committed (or, after a refusal, as it stays), when the transition read it anyway (saves the caller a query). */
export type ApplicationOutcome = { ok: true; applicationId: string; application?: ApplicationRow } | (RegistrationFailure & { application?: ApplicationRow });

export interface DetailsDraft {
  /** undefined: keep what was saved; null: clear it. */
  cityId?: string | null;
  pointId?: string | null;
  subjectCodes?: string[] | null;
  personalInfo?: PersonalInfo | null;
}

/** Thrown inside a transaction to roll back every write of a failed transition. */
class RollbackWith extends Error {
  constructor(readonly failure: RegistrationFailure) {
    super(failure.errorCode);
  }
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function windowClosedFailure(now: Date, startsAt: Date, endsAt: Date): RegistrationFailure {
  const when = now < startsAt ? '报名尚未开始' : '报名已结束';
  return registrationFailure(
    RegistrationErrorCode.REGISTRATION_CLOSED,
    `${when},报名时间为${chinaDateTime(startsAt)}至${chinaDateTime(endsAt)}`,
  );
}

export function requireViewer(ctx: RequestContext) {
  if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
  return ctx.viewer;
}

export const APPLICATION_NOT_FOUND = '报名信息不存在';

/** The one LockedApplication field that is not an ApplicationRow field. */
export const HELD_POINT_COLUMN = `a.held_point_id as "heldPointId"`;
/**
 * A LockedApplication's columns, named as its fields: all but `heldPointId` are ApplicationRow fields
 * under the same names, so a row read with APPLICATION_COLUMNS plus HELD_POINT_COLUMN serves both.
 */
const LOCKED_COLUMNS = `${applicationColumns([
  'id',
  'accountId',
  'examId',
  'examUnitId',
  'examYear',
  'level',
  'status',
  'currentStep',
  'conditionRoute',
  'cityId',
  'pointId',
  'subjectCodes',
  'personalInfo',
  'unitId',
  'unitCode',
  'registrationStartsAt',
  'registrationEndsAt',
])}, ${HELD_POINT_COLUMN}`;
const LOCKED_FROM = `from application a
       join exam e on e.id = a.exam_id
       join exam_unit eu on eu.id = a.exam_unit_id
       join registration_unit u on u.id = eu.unit_id`;

/** Locks the application for the rest of the transaction; another candidate's application does not exist for the caller. */
export async function lockApplication(tx: RequestContext, applicationId: string): Promise<LockedApplication | null> {
  if (!UUID_PATTERN.test(applicationId)) return null;
  const [row] = await tx.em.execute<Array<Record<string, any>>>(`select ${LOCKED_COLUMNS} ${LOCKED_FROM} where a.id = ? for update of a`, [applicationId]);
  return row ? toLockedApplication(row) : null;
}

export function toLockedApplication(row: Record<string, any>): LockedApplication {
  return {
    id: row.id,
    accountId: row.accountId,
    examId: row.examId,
    examUnitId: row.examUnitId,
    examYear: row.examYear,
    level: row.level,
    status: row.status,
    currentStep: row.currentStep,
    conditionRoute: row.conditionRoute,
    cityId: row.cityId,
    pointId: row.pointId,
    heldPointId: row.heldPointId,
    subjectCodes: row.subjectCodes ?? [],
    personalInfo: row.personalInfo,
    unitId: row.unitId,
    unitCode: row.unitCode,
    registrationStartsAt: new Date(row.registrationStartsAt),
    registrationEndsAt: new Date(row.registrationEndsAt),
  };
}

/** The columns of a history row, for statements that write it together with other rows. */
export const TRANSITION_INSERT = 'insert into application_history (application_id, from_status, to_status, actor_kind, actor_id, at, reason)';

/** What 确认无误, 证明材料 → 下一步 and 提交 check besides the row itself, read in one statement (`a` and `e` in scope). */
export interface SubmissionFacts {
  realNameVerified: boolean;
  levelSubjects: Array<{ code: string; name: string }>;
  /** 中级 subjects passed in the previous exam year, by code → year (they roll over). */
  rolledOverPasses: Map<string, number>;
  hasPhoto: boolean;
  /** Names of required 证明材料 not uploaded, in the unit's order. */
  missingMaterials: string[];
}

export const FACT_COLUMNS = `
  (select ca.real_name_verified_at is not null from candidate_account ca where ca.id = a.account_id) as real_name_verified,
  (select coalesce(json_agg(json_build_object('code', s.code, 'name', s.name) order by s.sort_order), '[]')
     from exam_subject s where s.level = a.level) as level_subjects,
  (select coalesce(json_agg(json_build_object('code', sp.subject_code, 'year', sp.exam_year)), '[]')
     from subject_pass sp join exam_subject s on s.code = sp.subject_code
    where a.level = '${ExamLevel.INTERMEDIATE}' and sp.account_id = a.account_id and s.level = a.level and sp.exam_year = e.year - 1) as passes,
  exists (select 1 from application_upload up
           where up.application_id = a.id and up.purpose = 'PHOTO' and up.deleted_at is null) as has_photo,
  (select coalesce(json_agg(m.name order by m.sort_order), '[]') from material_requirement m
    where m.exam_unit_id = a.exam_unit_id and m.required
      and not exists (select 1 from application_upload up
                       where up.application_id = a.id and up.purpose = 'MATERIAL' and up.material_code = m.code and up.deleted_at is null)
  ) as missing_materials`;

export function toSubmissionFacts(row: Record<string, any>): SubmissionFacts {
  return {
    realNameVerified: row.real_name_verified === true,
    levelSubjects: row.level_subjects,
    rolledOverPasses: new Map((row.passes as Array<{ code: string; year: number }>).map((p) => [p.code, p.year])),
    hasPhoto: row.has_photo === true,
    missingMaterials: row.missing_materials,
  };
}

async function submissionFacts(tx: RequestContext, app: LockedApplication): Promise<SubmissionFacts> {
  const [row] = await tx.em.execute<Array<Record<string, any>>>(
    `select ${FACT_COLUMNS} from application a join exam e on e.id = a.exam_id where a.id = ?`,
    [app.id],
  );
  return toSubmissionFacts(row!);
}

/** Everything 报名信息填写 needs, in the order of the form; the first problem wins. */
function detailsProblem(app: LockedApplication, facts: SubmissionFacts): RegistrationFailure | null {
  if (!app.cityId) return registrationFailure(RegistrationErrorCode.DETAILS_INCOMPLETE, '请选择报考地市', { field: 'cityId' });
  if (!app.pointId) return registrationFailure(RegistrationErrorCode.DETAILS_INCOMPLETE, '请选择报名点', { field: 'pointId' });
  const subjects = checkSubjects(app.level, app.subjectCodes, facts.levelSubjects, facts.rolledOverPasses);
  if (subjects) return subjects;
  if (!facts.hasPhoto) return registrationFailure(RegistrationErrorCode.PHOTO_MISSING, REGISTRATION_MESSAGES.PHOTO_MISSING, { field: 'photo' });
  const info = app.personalInfo ?? EMPTY_PERSONAL_INFO;
  const missing = missingPersonalInfo(info, app.level);
  if (missing) return missing;
  if (!app.conditionRoute) {
    return registrationFailure(RegistrationErrorCode.STEP_OUT_OF_ORDER, REGISTRATION_MESSAGES.STEP_OUT_OF_ORDER);
  }
  const eligibility = checkEligibility(toEligibilityInput(app.level, app.conditionRoute, info, app.examYear));
  if (!eligibility.ok) {
    return registrationFailure(RegistrationErrorCode.ELIGIBILITY_NOT_MET, eligibility.unmet.map((u) => u.message).join(';'), {
      unmet: eligibility.unmet,
    });
  }
  return null;
}

function materialsProblem(facts: SubmissionFacts): RegistrationFailure | null {
  if (facts.missingMaterials.length === 0) return null;
  return registrationFailure(RegistrationErrorCode.MATERIALS_MISSING, `请上传以下证明材料:${facts.missingMaterials.join('、')}`, {
    field: 'materials',
  });
}

/**
 * Why 提交 is refused for this locked application (its own candidate's) with these facts at `now`:
 * window, status, step, real name, 报名信息, 证明材料 — checked again on every submit, since the data may
 * have changed since each step (a pass recorded, a material deleted).
 */
export function submitRefusal(app: LockedApplication, facts: SubmissionFacts, now: Date): RegistrationFailure | null {
  return (
    transitionRefusal(app, now, { step: ApplicationStep.CONFIRM, editable: true }) ??
    (facts.realNameVerified
      ? null
      : registrationFailure(RegistrationErrorCode.REAL_NAME_NOT_VERIFIED, REGISTRATION_MESSAGES.REAL_NAME_NOT_VERIFIED)) ??
    detailsProblem(app, facts) ??
    materialsProblem(facts)
  );
}

export async function recordTransition(
  tx: RequestContext,
  applicationId: string,
  from: ApplicationStatus | null,
  to: ApplicationStatus,
  actor: { kind: ApplicationActorKind; id: string },
  reason: string | null = null,
): Promise<void> {
  await tx.em.execute(
    `${TRANSITION_INSERT} values (?, ?, ?, ?, ?, ?, ?)`,
    [applicationId, from, to, actor.kind, actor.id, tx.clock.now(), reason],
  );
}

/** Gives back the place an application holds at its 报名点 (withdrawal, or moving away after rejection). */
export async function releaseHeldPlace(tx: RequestContext, app: { id: string; heldPointId: string | null }): Promise<void> {
  if (!app.heldPointId) return;
  await tx.em.execute(`update registration_point set taken = taken - 1 where id = ? and taken > 0`, [app.heldPointId]);
  await tx.em.execute(`update application set held_point_id = null where id = ?`, [app.id]);
  app.heldPointId = null;
}

/**
 * The candidate side of registration: 报名导览 from 阅读须知 to 提交, and 重新报名. Every transition
 * locks the application row, re-checks window, ownership, status and step order on the server,
 * and either commits entirely or not at all.
 *
 * Capacity: a 报名点 place is taken on 提交 (not when the point is chosen): drafts are abandoned
 * in large numbers and must not hold places. It is held while the application is submitted,
 * approved, rejected (the candidate usually fixes and resubmits) or paid, and given back on 重新报名
 * or when a rejected application moves to another point.
 */
/**
 * Runs a candidate transition on their own application: locks the row, checks ownership (another
 * candidate's application does not exist for the caller), the registration window, whether the
 * status allows changes and whether the step has been reached; `body` does the rest. A failure
 * from any of them rolls back every write.
 */
export async function candidateTransition(
  ctx: RequestContext,
  applicationId: string,
  guards: { step?: ApplicationStep; editable?: boolean },
  body: (tx: RequestContext, app: LockedApplication) => Promise<RegistrationFailure | void>,
): Promise<ApplicationOutcome> {
  const viewer = requireViewer(ctx);
  try {
    await ctx.em.transactional(async (em) => {
      const tx: RequestContext = withEntityManager(ctx, em);
      const app = ownApplication(await lockApplication(tx, applicationId), viewer.id);
      const now = ctx.clock.now();
      const refused = transitionRefusal(app, now, guards);
      if (refused) throw new RollbackWith(refused);
      const failure = await body(tx, app);
      if (failure) throw new RollbackWith(failure);
      await em.execute(`update application set updated_at = ? where id = ?`, [now, app.id]);
    });
  } catch (err) {
    if (err instanceof RollbackWith) return err.failure;
    throw err;
  }
  return { ok: true, applicationId };
}

/** Another candidate's application does not exist for the caller. */
export function ownApplication(app: LockedApplication | null, viewerId: string): LockedApplication {
  if (!app || app.accountId !== viewerId) throw new AppError(ErrorCode.NOT_FOUND, APPLICATION_NOT_FOUND);
  return app;
}

/** Why a candidate may not run a transition on their locked application now: window closed, status allows no changes, step not reached. */
function transitionRefusal(app: LockedApplication, now: Date, guards: { step?: ApplicationStep; editable?: boolean }): RegistrationFailure | null {
  if (!isWithinWindow(now, app.registrationStartsAt, app.registrationEndsAt)) {
    return windowClosedFailure(now, app.registrationStartsAt, app.registrationEndsAt);
  }
  if (guards.editable && !isEditable(app.status)) {
    return registrationFailure(RegistrationErrorCode.NOT_EDITABLE, REGISTRATION_MESSAGES.NOT_EDITABLE);
  }
  if (guards.step && !hasReached(app.currentStep, guards.step)) {
    return registrationFailure(RegistrationErrorCode.STEP_OUT_OF_ORDER, REGISTRATION_MESSAGES.STEP_OUT_OF_ORDER);
  }
  return null;
}

/**
 * What withdrawal needs of 网上缴费 (implemented by PaymentService; an interface here so registration
 * does not import the payment module, which imports registration).
 */
export interface LiveOrderCloser {
  /** Inside the withdrawal's transaction, the application locked: NONE (no live order), CLOSED, PAID (paid at the channel), UNAVAILABLE (channel unreachable). */
  closeLiveOrderForWithdrawal(tx: RequestContext, applicationId: string): Promise<'NONE' | 'CLOSED' | 'PAID' | 'UNAVAILABLE'>;
}

export class ApplicationService {
  constructor(
    private readonly submits: ApplicationSubmitter,
    private readonly paymentOrders: LiveOrderCloser | null = null,
  ) {}

  /** 点击进入: opens (or finds) the candidate's application for this exam in this unit. */
  async start(ctx: RequestContext, examUnitId: string): Promise<ApplicationOutcome> {
    const viewer = requireViewer(ctx);
    const [unit] = UUID_PATTERN.test(examUnitId)
      ? await ctx.em.execute<Array<Record<string, any>>>(
          `select eu.id, eu.exam_id, e.level, eu.registration_starts_at, eu.registration_ends_at
             from exam_unit eu join exam e on e.id = eu.exam_id where eu.id = ?`,
          [examUnitId],
        )
      : [];
    if (!unit) throw new AppError(ErrorCode.NOT_FOUND, '该省份的考试不存在');
    const now = ctx.clock.now();
    const startsAt = new Date(unit.registration_starts_at);
    const endsAt = new Date(unit.registration_ends_at);
    if (!isWithinWindow(now, startsAt, endsAt)) return windowClosedFailure(now, startsAt, endsAt);
    if (!(await isRealNameVerified(ctx, viewer.id))) {
      return registrationFailure(RegistrationErrorCode.REAL_NAME_NOT_VERIFIED, REGISTRATION_MESSAGES.REAL_NAME_NOT_VERIFIED);
    }
    return ctx.em.transactional(async (em): Promise<ApplicationOutcome> => {
      const tx: RequestContext = withEntityManager(ctx, em);
      // The partial unique index makes a concurrent second start wait here and then do nothing.
      const inserted = await em.execute<Array<{ id: string }>>(
        `insert into application (id, account_id, exam_id, exam_unit_id, level, status, current_step, subject_codes, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 'DRAFT', 'AGREEMENT', '{}', ?, ?)
         on conflict (account_id, exam_id) where status <> 'WITHDRAWN' do nothing
         returning id`,
        [viewer.id, unit.exam_id, unit.id, unit.level, now, now],
      );
      if (inserted[0]) {
        await recordTransition(tx, inserted[0].id, null, ApplicationStatus.DRAFT, { kind: ApplicationActorKind.CANDIDATE, id: viewer.id });
        ctx.logger.info({ applicationId: inserted[0].id }, 'application started');
        return { ok: true, applicationId: inserted[0].id };
      }
      const [live] = await em.execute<Array<{ id: string; exam_unit_id: string; unit_name: string }>>(
        `select a.id, a.exam_unit_id, u.name as unit_name
           from application a join exam_unit eu on eu.id = a.exam_unit_id join registration_unit u on u.id = eu.unit_id
          where a.account_id = ? and a.exam_id = ? and a.status <> 'WITHDRAWN'`,
        [viewer.id, unit.exam_id],
      );
      if (!live) throw new Error('application insert conflicted but no live application was found');
      // Clicking 点击进入 again continues the same application.
      if (live.exam_unit_id === unit.id) return { ok: true, applicationId: live.id };
      return registrationFailure(
        RegistrationErrorCode.APPLICATION_EXISTS,
        `您已在${live.unit_name}报名本次考试;如需更换报考省份,请先点击“重新报名”`,
      );
    });
  }

  /** 阅读须知: 完全同意 + 已阅读并知晓. */
  acceptAgreement(ctx: RequestContext, applicationId: string, agreed: boolean): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, { step: ApplicationStep.AGREEMENT, editable: true }, async (tx, app) => {
      if (!agreed) return registrationFailure(RegistrationErrorCode.AGREEMENT_NOT_ACCEPTED, REGISTRATION_MESSAGES.AGREEMENT_NOT_ACCEPTED);
      await tx.em.execute(
        `update application set agreement_accepted_at = coalesce(agreement_accepted_at, ?), current_step = ? where id = ?`,
        [tx.clock.now(), laterStep(app.currentStep, ApplicationStep.NOTICES), app.id],
      );
    });
  }

  /** 通知公告: 已阅读并知晓. */
  acknowledgeNotices(ctx: RequestContext, applicationId: string): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, { step: ApplicationStep.NOTICES, editable: true }, async (tx, app) => {
      await tx.em.execute(
        `update application set notices_acknowledged_at = coalesce(notices_acknowledged_at, ?), current_step = ? where id = ?`,
        [tx.clock.now(), laterStep(app.currentStep, ApplicationStep.CONDITIONS), app.id],
      );
    });
  }

  /** 选择报考条件 → 下一步. A different route invalidates the confirmed details. */
  chooseConditions(ctx: RequestContext, applicationId: string, route: string): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, { step: ApplicationStep.CONDITIONS, editable: true }, async (tx, app) => {
      if (!ELIGIBILITY_ROUTES.some((r) => r.id === route && r.level === app.level)) {
        return registrationFailure(RegistrationErrorCode.CONDITION_NOT_AVAILABLE, '所选报考条件不适用于本级别考试,请重新选择', {
          field: 'route',
        });
      }
      const next = route === app.conditionRoute ? laterStep(app.currentStep, ApplicationStep.DETAILS) : ApplicationStep.DETAILS;
      await tx.em.execute(`update application set condition_route = ?, current_step = ? where id = ?`, [route, next, app.id]);
    });
  }

  /**
   * 报名信息填写, saved as a draft at any time during the step (and when coming back to it, which
   * asks for 确认无误 again). Formats are checked now, completeness on confirmation.
   */
  saveDetails(ctx: RequestContext, applicationId: string, draft: DetailsDraft): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, { step: ApplicationStep.DETAILS, editable: true }, async (tx, app) => {
      const cityId = draft.cityId === undefined ? app.cityId : draft.cityId;
      let pointId = draft.pointId === undefined ? app.pointId : draft.pointId;
      // A new city without a new point drops the old point (it belongs to the old city).
      if (draft.cityId !== undefined && draft.pointId === undefined && cityId !== app.cityId) pointId = null;
      const subjectCodes = draft.subjectCodes === undefined ? app.subjectCodes : (draft.subjectCodes ?? []);
      const personalInfo = draft.personalInfo === undefined ? app.personalInfo : draft.personalInfo;

      if (cityId !== null) {
        if (!UUID_PATTERN.test(cityId)) return cityNotAvailable();
        const [city] = await tx.em.execute(`select 1 from registration_city where id = ? and unit_id = ?`, [cityId, app.unitId]);
        if (!city) return cityNotAvailable();
      }
      if (pointId !== null) {
        const problem = await this.checkPointChoice(tx, app, cityId, pointId);
        if (problem) return problem;
      }
      if (subjectCodes.length > 0) {
        const levelCodes = new Set((await this.subjectsOfLevel(tx, app.level)).map((s) => s.code));
        if (subjectCodes.some((code) => !levelCodes.has(code)) || new Set(subjectCodes).size !== subjectCodes.length) {
          return registrationFailure(RegistrationErrorCode.SUBJECTS_INVALID, '所选科目不属于本级别考试或有重复', { field: 'subjectCodes' });
        }
      }
      if (personalInfo) {
        const problem = validatePersonalInfoFormat(personalInfo, applicationDateBounds(chinaDate(tx.clock.now()), app.examYear));
        if (problem) return problem;
      }
      // A rejected application that moves away from its point gives the place back now.
      if (app.heldPointId && app.heldPointId !== pointId) await releaseHeldPlace(tx, app);
      await tx.em.execute(
        `update application set city_id = ?, point_id = ?, subject_codes = ?::text[], personal_info = ?::jsonb,
                current_step = ?, details_confirmed_at = null
          where id = ?`,
        [cityId, pointId, arrayLiteral(subjectCodes), personalInfo ? JSON.stringify(personalInfo) : null, ApplicationStep.DETAILS, app.id],
      );
    });
  }

  private async checkPointChoice(
    tx: RequestContext,
    app: LockedApplication,
    cityId: string | null,
    pointId: string,
  ): Promise<RegistrationFailure | null> {
    const notAvailable = registrationFailure(
      RegistrationErrorCode.REGISTRATION_POINT_NOT_AVAILABLE,
      REGISTRATION_MESSAGES.REGISTRATION_POINT_NOT_AVAILABLE,
      { field: 'pointId' },
    );
    if (!UUID_PATTERN.test(pointId) || cityId === null) return notAvailable;
    const [point] = await tx.em.execute<Array<{ capacity: number | null; taken: number }>>(
      `select capacity, taken from registration_point where id = ? and exam_unit_id = ? and city_id = ?`,
      [pointId, app.examUnitId, cityId],
    );
    if (!point) return notAvailable;
    // A courtesy when choosing; the place itself is taken (or refused) on 提交.
    if (point.capacity !== null && point.taken >= point.capacity && app.heldPointId !== pointId) {
      return registrationFailure(RegistrationErrorCode.REGISTRATION_POINT_FULL, REGISTRATION_MESSAGES.REGISTRATION_POINT_FULL, {
        field: 'pointId',
      });
    }
    return null;
  }

  private subjectsOfLevel(tx: RequestContext, level: ExamLevel): Promise<Array<{ code: string; name: string }>> {
    return tx.em.execute(`select code, name from exam_subject where level = ? order by sort_order`, [level]);
  }

  /** 中级 subjects passed in the previous exam year, by code → year: they roll over and cannot be taken again. */
  async rolledOverPasses(tx: RequestContext, accountId: string, level: ExamLevel, examYear: number): Promise<Map<string, number>> {
    if (level !== ExamLevel.INTERMEDIATE) return new Map();
    const rows = await tx.em.execute<Array<{ subject_code: string; exam_year: number }>>(
      `select sp.subject_code, sp.exam_year from subject_pass sp join exam_subject s on s.code = sp.subject_code
        where sp.account_id = ? and s.level = ? and sp.exam_year = ?`,
      [accountId, level, examYear - 1],
    );
    return new Map(rows.map((r) => [r.subject_code, r.exam_year]));
  }

  /** 确认无误,下一步: the form is complete and the 报考条件 pre-check passes. */
  confirmDetails(ctx: RequestContext, applicationId: string): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, { step: ApplicationStep.DETAILS, editable: true }, async (tx, app) => {
      const problem = detailsProblem(app, await submissionFacts(tx, app));
      if (problem) return problem;
      await tx.em.execute(`update application set details_confirmed_at = ?, current_step = ? where id = ?`, [
        tx.clock.now(),
        laterStep(app.currentStep, ApplicationStep.MATERIALS),
        app.id,
      ]);
    });
  }

  /** 证明材料上传 → 下一步: every required material is there. */
  confirmMaterials(ctx: RequestContext, applicationId: string): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, { step: ApplicationStep.MATERIALS, editable: true }, async (tx, app) => {
      const problem = materialsProblem(await submissionFacts(tx, app));
      if (problem) return problem;
      await tx.em.execute(`update application set current_step = ? where id = ?`, [laterStep(app.currentStep, ApplicationStep.CONFIRM), app.id]);
    });
  }

  /** 信息确认 → 提交 (and resubmission after 审核不通过): see ApplicationSubmitter. */
  submit(ctx: RequestContext, applicationId: string): Promise<ApplicationOutcome> {
    return this.submits.submit(ctx, applicationId);
  }

  /** 重新报名: until the fee is paid; gives the 报名点 place back. Only inside the registration window. */
  withdraw(ctx: RequestContext, applicationId: string): Promise<ApplicationOutcome> {
    return candidateTransition(ctx, applicationId, {}, async (tx, app) => {
      if (!isWithdrawable(app.status)) {
        return registrationFailure(
          RegistrationErrorCode.INVALID_TRANSITION,
          app.status === ApplicationStatus.PAID ? '已缴费的报名信息不能修改,也不能重新报名' : '该报名已重新报名',
        );
      }
      // The manual allows 重新报名 until payment, so a live (unpaid) order does not block it: the order is
      // closed with the withdrawal, otherwise the candidate could still pay it and be charged for nothing.
      const order = this.paymentOrders ? await this.paymentOrders.closeLiveOrderForWithdrawal(tx, app.id) : 'NONE';
      if (order === 'PAID') {
        return registrationFailure(RegistrationErrorCode.INVALID_TRANSITION, '该报名的订单已支付成功,不能重新报名,缴费结果稍后显示');
      }
      if (order === 'UNAVAILABLE') {
        return registrationFailure(RegistrationErrorCode.INVALID_TRANSITION, '暂时无法关闭未支付的订单,请稍后再试');
      }
      await releaseHeldPlace(tx, app);
      await tx.em.execute(`update application set status = 'WITHDRAWN', withdrawn_at = ? where id = ?`, [tx.clock.now(), app.id]);
      await recordTransition(tx, app.id, app.status, ApplicationStatus.WITHDRAWN, { kind: ApplicationActorKind.CANDIDATE, id: app.accountId });
    });
  }

  /**
   * After a photo or material changed: the candidate is sent back to the step that shows it, so
   * 确认无误 / 下一步 (which check it) happen again. Inside the upload's transaction.
   */
  static async stepBackAfterFileChange(tx: RequestContext, app: LockedApplication, purpose: `${UploadPurpose}`): Promise<void> {
    const step = earlierStep(app.currentStep, purpose === 'PHOTO' ? ApplicationStep.DETAILS : ApplicationStep.MATERIALS);
    const unconfirm = purpose === 'PHOTO' ? ', details_confirmed_at = null' : '';
    await tx.em.execute(`update application set current_step = ?${unconfirm} where id = ?`, [step, app.id]);
  }
}

function cityNotAvailable(): RegistrationFailure {
  return registrationFailure(RegistrationErrorCode.CITY_NOT_AVAILABLE, REGISTRATION_MESSAGES.CITY_NOT_AVAILABLE, { field: 'cityId' });
}
