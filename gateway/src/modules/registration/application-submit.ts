import type { RequestContext } from '../../graphql/context';
import { AppError, ErrorCode } from '../../common/errors';
import { GroupRunner, type GroupLimits } from '../../common/group-runner';
import { UUID_PATTERN } from '../exam/exam.service';
import { arrayLiteral, GROUP_LOCK_TIMEOUT, prepared, rawTransaction } from '../../orm/raw-transaction';
import { APPLICATION_COLUMNS, APPLICATION_FROM, applicationRowOf } from './application-read.service';
import { ApplicationActorKind, ApplicationStatus, ApplicationStep } from './application.entity';
import {
  APPLICATION_NOT_FOUND,
  FACT_COLUMNS,
  HELD_POINT_COLUMN,
  ownApplication,
  requireViewer,
  submitRefusal,
  toLockedApplication,
  toSubmissionFacts,
  TRANSITION_INSERT,
  type ApplicationOutcome,
} from './application.service';
import { REGISTRATION_MESSAGES, RegistrationErrorCode, registrationFailure, type RegistrationFailure } from './registration.errors';

// The statements take arrays ($1 the applications, as a text[] literal).
const GROUP_LOCK = prepared('ccap_submit_group_lock', `select 1 from application where id = any($1::uuid[]) order by id for update`);
/**
 * What the checks need, and the application as the answer shows it (after the lock: its latest version).
 * APPLICATION_COLUMNS with HELD_POINT_COLUMN are a LockedApplication's columns too (toLockedApplication), each read once.
 */
const GROUP_FACTS = prepared(
  'ccap_submit_group_facts',
  `select ${APPLICATION_COLUMNS}, ${HELD_POINT_COLUMN}, ${FACT_COLUMNS} ${APPLICATION_FROM} where a.id = any($1::uuid[])`,
);
/** The 报名点 the group's applications choose or hold, locked in id order (every group locks in the same order: no deadlock). */
const GROUP_POINTS = prepared(
  'ccap_submit_group_points',
  `select id, capacity, taken from registration_point
    where id in (select point_id from application where id = any($1::uuid[])
                 union select held_point_id from application where id = any($1::uuid[]))
    order by id for update`,
);
/** $1 points, $2 change of `taken` each (the points are locked, and the changes were decided against their locked counts). */
const GROUP_POINT_CHANGES = prepared(
  'ccap_submit_group_point_changes',
  `update registration_point p set taken = p.taken + c.change
     from unnest($1::uuid[], $2::int[]) as c(id, change) where p.id = c.id`,
);
/** $1 applications placed, $2 when each was submitted, $3 its status before, $4 its candidate. */
const GROUP_WRITES = prepared(
  'ccap_submit_group_writes',
  `with s as (select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[]) as s(id, at, from_status, actor_id)),
   submitted as (
     update application a set status = '${ApplicationStatus.SUBMITTED}', current_step = '${ApplicationStep.REVIEW}', held_point_id = a.point_id,
            submitted_at = s.at, reviewed_at = null, reviewed_by = null, review_reason = null, updated_at = s.at
       from s where a.id = s.id returning a.id)
   ${TRANSITION_INSERT}
   select s.id, s.from_status, '${ApplicationStatus.SUBMITTED}', '${ApplicationActorKind.CANDIDATE}', s.actor_id, s.at, null
     from s join submitted on submitted.id = s.id`,
);

interface PendingSubmit {
  ctx: RequestContext;
  viewerId: string;
  applicationId: string;
  now: Date;
}

interface PointCount {
  capacity: number | null;
  taken: number;
  change: number;
}

function pointFull(): RegistrationFailure {
  return registrationFailure(RegistrationErrorCode.REGISTRATION_POINT_FULL, REGISTRATION_MESSAGES.REGISTRATION_POINT_FULL, { field: 'pointId' });
}

/**
 * 信息确认 → 提交 (and resubmission after 审核不通过). Everything is checked again (the data may have
 * changed since each step), then the 报名点 place is taken: under the point's row lock, so the point
 * never overbooks.
 *
 * The hottest write of the first hours, so submits go in groups (GroupRunner: one that arrives while
 * none is in flight goes at once, those arriving meanwhile wait and go together, at most `maxGroup`):
 * one transaction in two round trips whatever the group's size. (1) begin, lock the applications in
 * id order, read each with every fact the checks need and as its answer shows it, lock the 报名点 they
 * choose or hold in id order (every group locks in the same order: no deadlock); (2) one UPDATE per
 * 报名点, the applications and their history in one statement, commit. Each answer is the application
 * as read under its lock with the changes written (no read after the writes). The places are given in
 * arrival order against the locked counts, exactly as if the submits had run one after another; a
 * refused submit (checks, point full) writes nothing and does not hold back the others. If the group's
 * transaction fails as a whole (or waits too long for a lock), every submit in it runs again in a
 * transaction of its own (`submitAlone`, waiting for locks), so one candidate's fault cannot fail another's.
 */
export class ApplicationSubmitter {
  private readonly groups: GroupRunner<PendingSubmit, ApplicationOutcome>;

  /** `maxGroup` 1: every submit is its own transaction. */
  constructor(limits: GroupLimits) {
    this.groups = new GroupRunner({
      ...limits,
      busy: () => new AppError(ErrorCode.SERVICE_BUSY, SUBMIT_BUSY),
      alone: submitAlone,
      together: submitTogether,
      key: (pending) => pending.applicationId,
      onGroupFailure: (err, group) => group[0]!.ctx.logger.warn({ err, submits: group.length }, 'grouped 提交 failed; each submit runs alone'),
    });
  }

  submit(ctx: RequestContext, applicationId: string): Promise<ApplicationOutcome> {
    const viewer = requireViewer(ctx);
    if (!UUID_PATTERN.test(applicationId)) throw new AppError(ErrorCode.NOT_FOUND, APPLICATION_NOT_FOUND);
    return this.groups.run({ ctx, viewerId: viewer.id, applicationId, now: ctx.clock.now() });
  }
}

/** The draft and its 信息确认 are saved already: only the 提交 itself is to be repeated. */
export const SUBMIT_BUSY = '当前提交报名的人数较多,请稍后再点击提交(已填写的信息不会丢失)';

/** One submit in a transaction of its own, waiting for locks as long as they are held: a failed group's fallback. */
async function submitAlone(pending: PendingSubmit): Promise<ApplicationOutcome> {
  const [outcome] = await submitTogether([pending], { waitForLocks: true });
  if (outcome instanceof Error) throw outcome;
  return outcome!;
}

/** One transaction for the group (distinct applications); each one's outcome, or the error a lone submit would have thrown. */
async function submitTogether(group: PendingSubmit[], { waitForLocks = false } = {}): Promise<Array<ApplicationOutcome | Error>> {
  const ids = arrayLiteral(group.map((p) => p.applicationId));
  return rawTransaction(group[0]!.ctx.db, async (tx) => {
    const [rows, pointRows] = (
      await tx.batch([
        'begin',
        ...(waitForLocks ? [] : [GROUP_LOCK_TIMEOUT]),
        { statement: GROUP_LOCK, args: [ids] },
        { statement: GROUP_FACTS, args: [ids] },
        { statement: GROUP_POINTS, args: [ids] },
      ])
    ).slice(-2);
    const rowById = new Map(rows!.map((row) => [row.id as string, row]));
    const points = new Map<string, PointCount>(
      pointRows!.map((p) => [p.id as string, { capacity: p.capacity === null ? null : Number(p.capacity), taken: Number(p.taken), change: 0 }]),
    );
    const outcomes: Array<ApplicationOutcome | Error> = [];
    const placed: Array<{ id: string; at: Date; fromStatus: string; accountId: string }> = [];
    group.forEach((pending, index) => {
      const row = rowById.get(pending.applicationId);
      let app;
      try {
        app = ownApplication(row ? toLockedApplication(row) : null, pending.viewerId);
      } catch (err) {
        outcomes.push(err as Error);
        return;
      }
      const problem = submitRefusal(app, toSubmissionFacts(row!), pending.now);
      if (problem) {
        outcomes.push(problem);
        return;
      }
      if (app.heldPointId !== app.pointId) {
        const point = points.get(app.pointId!)!;
        if (point.capacity !== null && point.taken >= point.capacity) {
          outcomes.push(pointFull());
          return;
        }
        point.taken++;
        point.change++;
        const held = app.heldPointId ? points.get(app.heldPointId) : undefined;
        if (held && held.taken > 0) {
          held.taken--;
          held.change--;
        }
      }
      outcomes.push({ ok: true, applicationId: app.id });
      placed.push({ id: app.id, at: pending.now, fromStatus: app.status, accountId: app.accountId });
    });
    if (placed.length > 0) {
      const changed = [...points].filter(([, p]) => p.change !== 0);
      await tx.batch([
        { statement: GROUP_POINT_CHANGES, args: [arrayLiteral(changed.map(([id]) => id)), arrayLiteral(changed.map(([, p]) => p.change))] },
        {
          statement: GROUP_WRITES,
          args: [arrayLiteral(placed.map((p) => p.id)), arrayLiteral(placed.map((p) => p.at.toISOString())), arrayLiteral(placed.map((p) => p.fromStatus)), arrayLiteral(placed.map((p) => p.accountId))],
        },
        'commit',
      ]);
    }
    // Nothing placed: rawTransaction rolls back. Each answer is the application as read under its lock,
    // with GROUP_WRITES' changes when placed: what a read after the commit sees.
    return outcomes.map((outcome, i) => {
      if (outcome instanceof Error) return outcome;
      const row = rowById.get(group[i]!.applicationId)!;
      const at = group[i]!.now;
      const changes = outcome.ok
        ? { status: ApplicationStatus.SUBMITTED, currentStep: ApplicationStep.REVIEW, submittedAt: at, reviewedAt: null, reviewedBy: null, reviewReason: null, updatedAt: at }
        : {};
      return { ...outcome, application: applicationRowOf(row, changes) };
    });
  });
}
