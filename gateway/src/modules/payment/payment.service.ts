import type { IncomingHttpHeaders } from 'node:http';
import { type RequestContext, withEntityManager } from '../../graphql/context';
import { AppError, ErrorCode } from '../../common/errors';
import { maskName } from '../account/person-name';
import { isWithinWindow } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { ApplicationActorKind, ApplicationStatus } from '../registration/application.entity';
import { STATUS_LABELS } from '../registration/application-rules';
import { TRANSITION_INSERT } from '../registration/application.service';
import { requireOpsRole } from '../ops/ops-principal';
import type { PaymentChannelProvider, StatementLine, VerifiedNotification } from './channel-provider';
import { PaymentChannelCode } from './payment-channel.entity';
import { PaymentCloseReason, PaymentNotificationOutcome, PaymentOrderStatus } from './payment-order.entity';
import { PAYMENT_MESSAGES, PaymentErrorCode, paymentFailure, type PaymentFailure } from './payment.errors';
import { orderNumber } from './order-number';
import { GroupRunner, type GroupLimits } from '../../common/group-runner';
import { arrayLiteral, executeCall, GROUP_LOCK_TIMEOUT, prepared, preparedQuery, rawTransaction, type PreparedCall } from '../../orm/raw-transaction';

export interface PaymentServiceOptions {
  /** The provider of a channel, or null when the channel has none in this deployment. */
  providerOf: (channel: PaymentChannelCode) => PaymentChannelProvider | null;
  orderTtlMs: number;
  queryAfterMs: number;
  /** 生成订单 and notifications grouped per transaction (maxGroup 1: each its own) and how many may wait. */
  groups: GroupLimits;
}

export interface OrderRow {
  id: string;
  orderNo: string;
  applicationId: string;
  examUnitId: string;
  channel: PaymentChannelCode;
  amountFen: number;
  status: PaymentOrderStatus;
  closeReason: PaymentCloseReason | null;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
  closedAt: Date | null;
  channelTradeNo: string | null;
}

const ORDER_COLUMNS = `o.id, o.order_no as "orderNo", o.application_id as "applicationId", o.exam_unit_id as "examUnitId", o.channel,
  o.amount_fen as "amountFen", o.status, o.close_reason as "closeReason", o.created_at as "createdAt", o.expires_at as "expiresAt",
  o.paid_at as "paidAt", o.closed_at as "closedAt", o.channel_trade_no as "channelTradeNo"`;

const d = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/** Raw rows carry timestamps as strings: make them Dates. */
export function toOrder<T extends OrderRow>(row: T): T;
export function toOrder<T extends OrderRow>(row: T | undefined): T | undefined;
export function toOrder<T extends OrderRow>(row: T | undefined): T | undefined {
  if (!row) return row;
  return { ...row, createdAt: d(row.createdAt)!, expiresAt: d(row.expiresAt)!, paidAt: d(row.paidAt), closedAt: d(row.closedAt) };
}

/** What the candidate sees for one application (网上缴费 page). */
export interface PaymentView {
  applicationId: string;
  maskedName: string;
  examName: string;
  unitCode: string;
  unitName: string;
  subjects: Array<{ code: string; name: string }>;
  applicationStatus: ApplicationStatus;
  applicationStatusLabel: string;
  feeFen: number | null;
  paymentStartsAt: Date;
  paymentEndsAt: Date;
  paymentOpen: boolean;
  order: OrderRow | null;
  channels: Array<{ code: PaymentChannelCode; name: string }>;
}

/** `view`: 网上缴费 as committed, when 生成订单 read it anyway (undefined: not read; null: not the caller's). */
export type CreateOrderOutcome = ({ ok: true; order: OrderRow; created: boolean } | PaymentFailure) & { view?: PaymentView | null };

interface AppForPayment {
  id: string;
  account_id: string;
  status: ApplicationStatus;
  exam_unit_id: string;
  subject_codes: string[];
  per_person_fen: number | null;
  per_subject_fen: number | null;
  channel_enabled: boolean;
  /** As of the statement's snapshot: see createOrder. */
  live_order: OrderRow | null;
  payment_starts_at: Date;
  payment_ends_at: Date;
  exam_name: string;
  unit_code: string;
}

class Rollback extends Error {
  constructor(readonly failure: PaymentFailure) {
    super(failure.errorCode);
  }
}

/** INVALID: refused for good (signature, channel); BUSY: not looked at, the channel is to deliver it again. */
export type NotifyResult = { accepted: boolean; outcome: PaymentNotificationOutcome | 'INVALID' | 'BUSY'; reason: string | null };

/** 生成订单 refused for a full queue: nothing was created. */
export const ORDER_BUSY = '当前缴费人数较多,请稍后再点击生成订单';

/** A notification refused for a full queue (never seen by a caller: handleNotification answers BUSY). */
class NotificationsBusy extends Error {}

export interface ReconcileReport {
  queried: number;
  paid: number;
  closed: number;
}

function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Fee in fen: per person + per subject × subjects (null when the unit has no fee rule, read with a left join). See README: waivers. */
function feeFen(rule: { per_person_fen: number | null; per_subject_fen: number | null }, subjectCount: number): number | null {
  if (rule.per_person_fen === null || rule.per_subject_fen === null) return null;
  return rule.per_person_fen + rule.per_subject_fen * subjectCount;
}

/** The order and its application's status, both locked: what a payment is checked against. */
type LockedOrder = OrderRow & { applicationStatus: ApplicationStatus };

/** Refusals that need no database: the channel's merchant and the trade's state. */
function notificationRefusal(provider: PaymentChannelProvider | null, n: VerifiedNotification): string | null {
  if (!provider || n.merchantId !== provider.merchantId) return 'MERCHANT_MISMATCH';
  if (n.tradeStatus !== 'SUCCESS') return 'TRADE_NOT_SUCCESS';
  return null;
}

/** What a vouched-for payment does to its locked order: PAY it, a DUPLICATE of the trade that paid it, or the reason it is rejected. */
function paymentVerdict(channel: PaymentChannelCode, n: VerifiedNotification, order: LockedOrder | undefined): 'PAY' | 'DUPLICATE' | string {
  if (!order || order.channel !== channel) return 'ORDER_NOT_FOUND';
  if (order.amountFen !== n.amountFen) return 'AMOUNT_MISMATCH';
  if (order.status === PaymentOrderStatus.PAID) return order.channelTradeNo === n.tradeNo ? 'DUPLICATE' : 'PAID_BY_OTHER_TRADE';
  if (order.status === PaymentOrderStatus.CLOSED) return 'ORDER_CLOSED';
  if (n.paidAt.getTime() > new Date(order.expiresAt).getTime()) return 'PAID_AFTER_EXPIRY';
  if (order.status !== PaymentOrderStatus.PENDING) return 'ORDER_NOT_PENDING';
  if (order.applicationStatus !== ApplicationStatus.APPROVED) return 'APPLICATION_NOT_APPROVED';
  return 'PAY';
}

const paymentActor = (channel: PaymentChannelCode) => `payment:${channel}`;
const paidReason = (orderNo: string) => `缴费成功,订单号码 ${orderNo}`;

/** 网上缴费's own columns besides the application's and the order shown (`a` and `c`, `e`, `eu`, `u`, `fr` in scope). */
const PAYMENT_VIEW_COLUMNS = `c.name as candidate_name, e.name as exam_name, u.code as unit_code, u.name as unit_name,
          eu.payment_starts_at, eu.payment_ends_at, fr.per_person_fen, fr.per_subject_fen,
          coalesce((select json_agg(json_build_object('code', s.code, 'name', s.name) order by s.sort_order) from exam_subject s where s.code = any(a.subject_codes)), '[]') as subjects,
          coalesce((select json_agg(json_build_object('code', pc.code, 'name', pc.name) order by pc.sort_order) from payment_channel pc where pc.enabled), '[]') as channels`;
const PAYMENT_VIEW_FROM = `from application a join candidate_account c on c.id = a.account_id join exam e on e.id = a.exam_id
     join exam_unit eu on eu.id = a.exam_unit_id join registration_unit u on u.id = eu.unit_id
     left join fee_rule fr on fr.exam_unit_id = a.exam_unit_id`;

/** 网上缴费 of applications ($1) in one round trip each: the application, its subjects, fee rule, the order to show and the channels. */
const PAYMENT_VIEWS = prepared(
  'ccap_payment_views',
  `select a.id, a.account_id, a.status, a.subject_codes, a.exam_unit_id, ${PAYMENT_VIEW_COLUMNS},
          -- the paid order, else the live one, else the latest closed one
          (select row_to_json(shown) from (select ${ORDER_COLUMNS} from payment_order o where o.application_id = a.id
              order by case o.status when 'PAID' then 0 when 'PENDING' then 1 else 2 end, o.created_at desc limit 1) shown) as "order"
     ${PAYMENT_VIEW_FROM}
    where a.id = any($1::uuid[])`,
);

/**
 * What 生成订单 decides on, for applications ($1) locked in id order: the live order, fee rule and the
 * channels enabled now, with the rest of 网上缴费 (answered with the order without reading it again).
 */
const LOCK_FOR_ORDERS = prepared(
  'ccap_order_group_lock',
  `select a.id, a.account_id, a.status, a.exam_unit_id, a.subject_codes, ${PAYMENT_VIEW_COLUMNS},
          (select row_to_json(live) from (select ${ORDER_COLUMNS} from payment_order o where o.application_id = a.id and o.status = 'PENDING') live) as live_order
     ${PAYMENT_VIEW_FROM}
    where a.id = any($1::uuid[]) order by a.id for update of a`,
);
type LockedForOrder = Omit<AppForPayment, 'channel_enabled'> & { candidate_name: string; unit_name: string; subjects: unknown; channels: Array<{ code: string }> };
const forChannel = (app: LockedForOrder, channel: PaymentChannelCode): AppForPayment => ({
  ...app,
  channel_enabled: app.channels.some((c) => c.code === channel),
});
/** The caller's live order when it has expired: asked at the channel (settleExpired) before 生成订单 decides. */
function expiredLiveOrder(app: AppForPayment | undefined, viewerId: string, now: Date): OrderRow | null {
  if (!app || app.account_id !== viewerId || app.status !== ApplicationStatus.APPROVED) return null;
  const live = toOrder(app.live_order ?? undefined);
  return live && live.expiresAt.getTime() <= now.getTime() ? live : null;
}
/**
 * The group's new orders ($1 numbers, $2 applications, $3 exam units, $4 channels, $5 amounts, $6 created,
 * $7 expiry, $8 how many). The applications are locked and have no live order, so every row goes in;
 * if one did not (an order-number collision), the division by zero fails the transaction and the
 * group is run one by one, each drawing its numbers again.
 */
const GROUP_INSERT_ORDERS = prepared(
  'ccap_order_group_insert',
  `with inserted as (
     insert into payment_order as o (id, order_no, application_id, exam_unit_id, channel, amount_fen, status, created_at, expires_at)
     select gen_random_uuid(), order_no, application_id, exam_unit_id, channel, amount_fen, 'PENDING', created_at, expires_at
       from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[])
            as n(order_no, application_id, exam_unit_id, channel, amount_fen, created_at, expires_at)
     on conflict do nothing
     returning ${ORDER_COLUMNS})
   select *, 1 / ((select count(*) from inserted) = $8)::int as ok from inserted`,
);

interface PendingOrder {
  ctx: RequestContext;
  viewerId: string;
  applicationId: string;
  channel: PaymentChannelCode;
}

// Statements of vouched-for payments (PaymentService.payOrders), alone or grouped; arrays per column.
const GROUP_LOCK_ORDERS = prepared(
  'ccap_pay_group_lock',
  `select ${ORDER_COLUMNS}, a.status as "applicationStatus" from payment_order o join application a on a.id = o.application_id
    where o.order_no = any($1::text[]) order by o.id for update of o, a`,
);
/**
 * Orders and applications to PAID with their history ($1 orders, $2 paid at, $3 trade numbers,
 * $4 actors, $5 history reasons, $6 received at, $7 how many). The conditions repeat the checks,
 * which the locks make hold; if they did not all match, the division by zero fails the transaction
 * (the group is then run one by one, each with its own check). An order still open is written as
 * "neither PAID nor CLOSED", not as "PENDING": PostgreSQL would otherwise be free to find the orders
 * by reading the whole partial index of live orders, a plan it picks while it thinks few are live
 * (statistics of the last window, or none yet) and then keeps for the connection.
 */
export const GROUP_PAY = prepared(
  'ccap_pay_group_writes',
  `with p as (select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) as p(order_id, paid_at, trade_no, actor_id, reason, at)),
   paid_order as (
     update payment_order o set status = '${PaymentOrderStatus.PAID}', paid_at = p.paid_at, channel_trade_no = p.trade_no
       from p where o.id = p.order_id and o.status not in ('${PaymentOrderStatus.PAID}', '${PaymentOrderStatus.CLOSED}')
       returning o.application_id, p.actor_id, p.reason, p.at),
   paid_application as (
     update application a set status = '${ApplicationStatus.PAID}', current_step = 'PAYMENT', updated_at = po.at
       from paid_order po where a.id = po.application_id and a.status = '${ApplicationStatus.APPROVED}' returning a.id, po.actor_id, po.reason, po.at),
   history as (
     ${TRANSITION_INSERT}
     select id, '${ApplicationStatus.APPROVED}', '${ApplicationStatus.PAID}', '${ApplicationActorKind.SYSTEM}', actor_id, at, reason from paid_application)
   select 1 / (((select count(*) from paid_order) = $7 and (select count(*) from paid_application) = $7)::int) as ok`,
);
/**
 * Every notification of the group, accepted, duplicate or rejected, all from one source ($9); a repeated
 * delivery of an accepted trade counts on its first row (rejected ones are outside the unique index, so
 * never conflict).
 */
const GROUP_NOTIFICATIONS = prepared(
  'ccap_pay_group_notifications',
  `insert into payment_notification (channel, channel_trade_no, order_no, amount_fen, source, outcome, reason, raw_body, delivery_count, received_at, last_received_at)
   select channel, trade_no, order_no, amount_fen, $9::text, outcome, reason, raw_body, 1, at, at
     from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
          as n(channel, trade_no, order_no, amount_fen, outcome, reason, raw_body, at)
   on conflict (channel, channel_trade_no) where outcome <> 'REJECTED'
   do update set delivery_count = payment_notification.delivery_count + 1, last_received_at = excluded.last_received_at`,
);

interface PendingNotification {
  ctx: RequestContext;
  channel: PaymentChannelCode;
  notification: VerifiedNotification;
  rawBody: string | null;
}

/** How `payOrders` reaches the transaction it runs in: the locking read, then the writes (with the commit, for a group). */
interface PaymentStatements {
  lock(call: PreparedCall): Promise<Array<Record<string, any>>>;
  write(calls: PreparedCall[]): Promise<void>;
}

type PaymentDecision = { pending: PendingNotification; verdict: 'PAY' | 'DUPLICATE' | string };

const notificationOutcome = (verdict: string) =>
  verdict === 'PAY' ? PaymentNotificationOutcome.ACCEPTED : verdict === 'DUPLICATE' ? PaymentNotificationOutcome.DUPLICATE : PaymentNotificationOutcome.REJECTED;

export function paymentReturnPath(applicationId: string): string {
  return `/payment/${applicationId}`;
}

export class PaymentService {
  /** Verified notifications that arrive while another is being applied go together (group commit, see GroupRunner). */
  private readonly notifications: GroupRunner<PendingNotification, NotifyResult>;
  /** 生成订单 likewise. */
  private readonly orders: GroupRunner<PendingOrder, CreateOrderOutcome>;

  constructor(private readonly options: PaymentServiceOptions) {
    this.orders = new GroupRunner({
      ...options.groups,
      busy: () => new AppError(ErrorCode.SERVICE_BUSY, ORDER_BUSY),
      alone: (pending) => this.createOrderAlone(pending),
      together: (group) => this.createOrdersTogether(group),
      key: (pending) => pending.applicationId,
      onGroupFailure: (err, group) => group[0]!.ctx.logger.warn({ err, orders: group.length }, 'grouped 生成订单 failed; each runs alone'),
    });
    this.notifications = new GroupRunner({
      ...options.groups,
      busy: () => new NotificationsBusy(),
      alone: ({ ctx, channel, notification, rawBody }) => ctx.em.transactional((em) => this.applyPayment(withEntityManager(ctx, em), channel, notification, 'NOTIFY', rawBody)),
      together: (pending) => this.applyPaymentsTogether(pending),
      key: (pending) => pending.notification.orderNo,
      onGroupFailure: (err, group) => group[0]!.ctx.logger.warn({ err, notifications: group.length }, 'grouped payment notifications failed; each runs alone'),
    });
  }

  async listEnabledChannels(ctx: RequestContext): Promise<Array<{ code: PaymentChannelCode; name: string }>> {
    const rows = await ctx.em
      .getConnection()
      .execute<Array<{ code: PaymentChannelCode; name: string }>>(`select code, name from payment_channel where enabled order by sort_order`);
    return this.withProvider(rows);
  }

  /** Enabled channels that have a provider in this deployment. */
  private withProvider(rows: Array<{ code: PaymentChannelCode; name: string }>): Array<{ code: PaymentChannelCode; name: string }> {
    return rows.filter((r) => this.options.providerOf(r.code) !== null);
  }

  providerOf(channel: PaymentChannelCode): PaymentChannelProvider | null {
    return this.options.providerOf(channel);
  }

  /** The application locked, with what 生成订单 decides on (fee rule, live order, channels) in the same round trip. */
  private async lockApplication(tx: RequestContext, applicationId: string, channel: PaymentChannelCode): Promise<AppForPayment | null> {
    const [row] = await executeCall<LockedForOrder>(tx.em, { statement: LOCK_FOR_ORDERS, args: [arrayLiteral([applicationId])] });
    return row ? forChannel(row, channel) : null;
  }

  private async liveOrder(tx: RequestContext, applicationId: string): Promise<OrderRow | null> {
    const [row] = await tx.em.execute<OrderRow[]>(`select ${ORDER_COLUMNS} from payment_order o where o.application_id = ? and o.status = 'PENDING'`, [
      applicationId,
    ]);
    return toOrder(row) ?? null;
  }

  /**
   * 生成订单. The application row is locked for the transaction, so two tabs or devices queue up and
   * the second finds the first one's live order; the partial unique index on live orders backs it up.
   * An order past its expiry is settled first (asked at the channel, then paid or closed).
   *
   * The locking read also brings the live order, fee rule and channel (one round trip instead of four).
   * The application's columns are its latest version once the lock is granted, but the live order is as
   * of the statement's start: one created by the transaction we waited for is missed there, and then the
   * insert below conflicts on the live-order index and the order is read again, so the answer is the same.
   */
  createOrder(ctx: RequestContext, applicationId: string, channel: PaymentChannelCode): Promise<CreateOrderOutcome> {
    const viewer = ctx.viewer;
    if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
    if (!UUID_PATTERN.test(applicationId)) return Promise.resolve(paymentFailure(PaymentErrorCode.APPLICATION_NOT_FOUND));
    return this.orders.run({ ctx, viewerId: viewer.id, applicationId, channel });
  }

  private async createOrderAlone({ ctx, viewerId, applicationId, channel }: PendingOrder): Promise<CreateOrderOutcome> {
    try {
      return await ctx.em.transactional(async (em) => {
        const tx: RequestContext = withEntityManager(ctx, em);
        const app = await this.lockApplication(tx, applicationId, channel);
        const now = tx.clock.now();
        const expired = expiredLiveOrder(app ?? undefined, viewerId, now);
        if (expired) {
          const settled = await this.settleExpired(tx, expired);
          if (settled === 'PAID') throw new Rollback(paymentFailure(PaymentErrorCode.ALREADY_PAID));
          app!.live_order = null;
        }
        const decision = this.orderDecision(app ?? undefined, viewerId, channel, now);
        if ('errorCode' in decision) throw new Rollback(decision);
        if ('live' in decision) return { ok: true as const, order: decision.live, created: false };
        const { amount, expiresAt } = decision;
        const target = app!;
        for (let attempt = 0; attempt < 5; attempt++) {
          const inserted = await em.execute<OrderRow[]>(
            `insert into payment_order as o (id, order_no, application_id, exam_unit_id, channel, amount_fen, status, created_at, expires_at)
             values (gen_random_uuid(), ?, ?, ?, ?, ?, 'PENDING', ?, ?)
             on conflict do nothing
             returning ${ORDER_COLUMNS}`,
            [orderNumber(now), target.id, target.exam_unit_id, channel, amount, now, expiresAt],
          );
          if (inserted[0]) {
            tx.logger.info({ orderNo: inserted[0].orderNo, applicationId: target.id, amountFen: amount }, 'payment order created');
            return { ok: true as const, order: toOrder(inserted[0]), created: true };
          }
          const other = await this.liveOrder(tx, target.id);
          if (other) return { ok: true as const, order: other, created: false };
          // else: an order number collision; draw another
        }
        throw new Error('could not allocate an order number');
      });
    } catch (err) {
      if (err instanceof Rollback) return err.failure;
      throw err;
    }
  }

  /**
   * What 生成订单 does for a locked application (its live order already settled when it had expired):
   * refuse, answer the live order, or create one of this amount and expiry.
   */
  private orderDecision(
    app: AppForPayment | undefined,
    viewerId: string,
    channel: PaymentChannelCode,
    now: Date,
  ): PaymentFailure | { live: OrderRow } | { amount: number; expiresAt: Date } {
    if (!app || app.account_id !== viewerId) return paymentFailure(PaymentErrorCode.APPLICATION_NOT_FOUND);
    if (app.status === ApplicationStatus.PAID) return paymentFailure(PaymentErrorCode.ALREADY_PAID);
    if (app.status !== ApplicationStatus.APPROVED) return paymentFailure(PaymentErrorCode.NOT_APPROVED);
    const live = toOrder(app.live_order ?? undefined);
    if (live) return { live };
    const startsAt = new Date(app.payment_starts_at);
    const endsAt = new Date(app.payment_ends_at);
    if (!isWithinWindow(now, startsAt, endsAt)) {
      const when = now < startsAt ? '缴费尚未开始' : '缴费已结束';
      return paymentFailure(PaymentErrorCode.PAYMENT_WINDOW_CLOSED, `${when},缴费时间为${chinaDateTime(startsAt)}至${chinaDateTime(endsAt)}`);
    }
    if (!app.channel_enabled || !this.options.providerOf(channel)) return paymentFailure(PaymentErrorCode.CHANNEL_NOT_AVAILABLE);
    const amount = feeFen(app, app.subject_codes?.length ?? 0);
    if (amount === null) return paymentFailure(PaymentErrorCode.FEE_RULE_MISSING);
    return { amount, expiresAt: new Date(Math.min(now.getTime() + this.options.orderTtlMs, endsAt.getTime())) };
  }

  /**
   * 生成订单 for a group (distinct applications) in one transaction and two round trips: lock the
   * applications (with what 网上缴费 shows), decide each as `createOrderAlone` does, insert the new
   * orders (and read 网上缴费 again for refused ones only), commit. An application whose live order
   * has expired needs the channel asked first (settleExpired): it is left out and run alone after the group.
   */
  private async createOrdersTogether(group: PendingOrder[]): Promise<CreateOrderOutcome[]> {
    const settleFirst: number[] = [];
    const outcomes = await rawTransaction(group[0]!.ctx.db, async (tx) => {
      const [, , rows] = await tx.batch([
        'begin',
        GROUP_LOCK_TIMEOUT,
        { statement: LOCK_FOR_ORDERS, args: [arrayLiteral(group.map((p) => p.applicationId))] },
      ]);
      const appById = new Map(rows!.map((row) => [row.id as string, row as LockedForOrder]));
      const inserts: Array<{ orderNo: string; app: AppForPayment; channel: PaymentChannelCode; amount: number; now: Date; expiresAt: Date }> = [];
      const decided = group.map((pending, index): CreateOrderOutcome | null => {
        const now = pending.ctx.clock.now();
        const found = appById.get(pending.applicationId);
        const app = found && forChannel(found, pending.channel);
        if (expiredLiveOrder(app, pending.viewerId, now)) {
          settleFirst.push(index);
          return null;
        }
        const decision = this.orderDecision(app, pending.viewerId, pending.channel, now);
        if ('errorCode' in decision) return decision;
        if ('live' in decision) return { ok: true, order: decision.live, created: false };
        inserts.push({ orderNo: orderNumber(now), app: app!, channel: pending.channel, amount: decision.amount, now, expiresAt: decision.expiresAt });
        return null;
      });
      // 网上缴费 with a created or live order is the locked row with that order; a refused one is read as committed.
      const refused = group.filter((p, i) => decided[i]?.ok === false && appById.get(p.applicationId)?.account_id === p.viewerId);
      const insertOrders: PreparedCall[] = inserts.length
        ? [
            {
              statement: GROUP_INSERT_ORDERS,
              args: [
                arrayLiteral(inserts.map((i) => i.orderNo)),
                arrayLiteral(inserts.map((i) => i.app.id)),
                arrayLiteral(inserts.map((i) => i.app.exam_unit_id)),
                arrayLiteral(inserts.map((i) => i.channel)),
                arrayLiteral(inserts.map((i) => i.amount)),
                arrayLiteral(inserts.map((i) => i.now)),
                arrayLiteral(inserts.map((i) => i.expiresAt)),
                inserts.length,
              ],
            },
          ]
        : [];
      const readViews: PreparedCall[] = refused.length ? [{ statement: PAYMENT_VIEWS, args: [arrayLiteral(refused.map((p) => p.applicationId))] }] : [];
      const results = await tx.batch([...insertOrders, ...readViews, 'commit']);
      const inserted = inserts.length ? results[0]! : [];
      const viewRows = refused.length ? results[insertOrders.length]! : [];
      const insertedByApp = new Map(inserted.map(({ ok: _ok, ...row }) => [row.applicationId as string, toOrder(row as OrderRow)]));
      const refusedViewByApp = new Map(viewRows.map((row) => [row.id as string, row]));
      const viewOf = (pending: PendingOrder, outcome: CreateOrderOutcome): PaymentView | null => {
        const locked = appById.get(pending.applicationId);
        if (!locked || locked.account_id !== pending.viewerId) return null;
        const row = outcome.ok ? { ...locked, order: outcome.order } : refusedViewByApp.get(pending.applicationId);
        return row ? this.toView(row, pending.ctx.clock.now()) : null;
      };
      return decided.map((outcome, index): CreateOrderOutcome | null => {
        const pending = group[index]!;
        if (outcome) return { ...outcome, view: viewOf(pending, outcome) };
        if (settleFirst.includes(index)) return null;
        const order = insertedByApp.get(pending.applicationId)!;
        pending.ctx.logger.info({ orderNo: order.orderNo, applicationId: pending.applicationId, amountFen: order.amountFen }, 'payment order created');
        const created = { ok: true as const, order, created: true };
        return { ...created, view: viewOf(pending, created) };
      });
    });
    for (const index of settleFirst) outcomes[index] = await this.createOrderAlone(group[index]!);
    return outcomes as CreateOrderOutcome[];
  }

  /**
   * 重新报名 with a live order: runs inside the withdrawal's transaction, the application row locked.
   *
   * The channel is closed first, inside the transaction (as settleExpired does for 生成订单), and the
   * order only afterwards: the opposite order (close here, let the reconciler close at the channel
   * later) leaves a window in which the candidate can still pay a withdrawn application at the channel,
   * and that payment is then rejected and must be refunded. Closing at the channel is idempotent, so a
   * rollback after it only leaves a PENDING order that can no longer be paid; the reconciler closes it
   * here at expiry. When the channel says the trade was paid meanwhile, the withdrawal is refused and the
   * notification (or the reconciler's query) settles the payment. The order is marked CANCELLED (the
   * candidate gave it up), which needs no new close reason in the schema.
   */
  async closeLiveOrderForWithdrawal(tx: RequestContext, applicationId: string): Promise<'NONE' | 'CLOSED' | 'PAID' | 'UNAVAILABLE'> {
    const live = await this.liveOrder(tx, applicationId);
    if (!live) return 'NONE';
    const provider = this.options.providerOf(live.channel);
    if (!provider) return 'UNAVAILABLE';
    let atChannel: 'CLOSED' | 'PAID';
    try {
      atChannel = await provider.closeTrade(live.orderNo);
    } catch (err) {
      tx.logger.warn({ err, orderNo: live.orderNo }, 'payment: closing the trade for a withdrawal failed');
      return 'UNAVAILABLE';
    }
    if (atChannel === 'PAID') return 'PAID';
    await tx.em.execute(`update payment_order set status = 'CLOSED', close_reason = ?, closed_at = ? where id = ? and status = 'PENDING'`, [
      PaymentCloseReason.CANCELLED,
      tx.clock.now(),
      live.id,
    ]);
    tx.logger.info({ orderNo: live.orderNo, applicationId }, 'payment order closed: application withdrawn');
    return 'CLOSED';
  }

  /** An expired PENDING order: paid at the channel after all (→ PAID), or closed there and here. */
  private async settleExpired(tx: RequestContext, order: OrderRow): Promise<'PAID' | 'CLOSED' | 'PENDING'> {
    const provider = this.options.providerOf(order.channel);
    if (!provider) return 'PENDING';
    const trade = await provider.queryTrade(order.orderNo);
    if (trade.status === 'PAID') {
      const result = await this.applyPayment(tx, order.channel, { merchantId: trade.merchantId, orderNo: order.orderNo, tradeNo: trade.tradeNo, amountFen: trade.amountFen, tradeStatus: 'SUCCESS', paidAt: trade.paidAt }, 'QUERY', null);
      if (result.accepted) return 'PAID';
    }
    const closed = await provider.closeTrade(order.orderNo);
    if (closed === 'PAID') {
      // Paid between the query and the close: the next query (or the notification) settles it.
      return 'PENDING';
    }
    const endsAt = await tx.em.execute<Array<{ payment_ends_at: Date }>>(`select payment_ends_at from exam_unit where id = ?`, [order.examUnitId]);
    const reason = endsAt[0] && new Date(endsAt[0].payment_ends_at).getTime() <= order.expiresAt.getTime() ? PaymentCloseReason.WINDOW_ENDED : PaymentCloseReason.EXPIRED;
    await tx.em.execute(`update payment_order set status = 'CLOSED', close_reason = ?, closed_at = ? where id = ? and status = 'PENDING'`, [
      reason,
      tx.clock.now(),
      order.id,
    ]);
    return 'CLOSED';
  }

  /**
   * A payment the channel vouches for (verified notification or active query), inside `tx`: the
   * statements of a group (payOrders) for one, a round trip each. Records the notification either way.
   *
   * Rule for late payments: a payment is honoured when the channel says it was made before the
   * order expired (paidAt ≤ expiresAt) while the order is still PENDING here, even if it arrives after
   * the order's expiry or the window's end. Orders are never created after the window ends, expire
   * at the latest at its end, and an order closed here was first closed at the channel (so it can no
   * longer be paid there); a payment for a CLOSED order, or one made after expiry, is recorded as
   * rejected for ops (refund) and changes nothing.
   */
  async applyPayment(
    tx: RequestContext,
    channel: PaymentChannelCode,
    notification: VerifiedNotification,
    source: 'NOTIFY' | 'QUERY',
    rawBody: string | null,
  ): Promise<NotifyResult> {
    const decided = await this.payOrders([{ ctx: tx, channel, notification, rawBody }], source, {
      lock: (call) => executeCall(tx.em, call),
      write: async (calls) => {
        for (const call of calls) await executeCall(tx.em, call);
      },
    });
    return this.notifyResult(decided[0]!, source);
  }

  /** POST /api/payments/notify/<channel>: signature on the raw body first, then everything else. */
  async handleNotification(ctx: RequestContext, channel: PaymentChannelCode, rawBody: Buffer, headers: IncomingHttpHeaders): Promise<NotifyResult> {
    const provider = this.options.providerOf(channel);
    if (!provider) return { accepted: false, outcome: 'INVALID', reason: 'CHANNEL_NOT_CONFIGURED' };
    const check = provider.verifyNotification(rawBody, headers);
    const raw = rawBody.toString('utf8').slice(0, 4000);
    if (!check.valid) {
      ctx.logger.warn({ channel, reason: check.reason, ip: ctx.ip }, 'payment notification refused');
      await ctx.em.execute(
        `insert into payment_notification (channel, source, outcome, reason, raw_body, delivery_count, received_at, last_received_at)
         values (?, 'NOTIFY', 'REJECTED', ?, ?, 1, ?, ?)`,
        [channel, check.reason, raw, ctx.clock.now(), ctx.clock.now()],
      );
      return { accepted: false, outcome: 'INVALID', reason: check.reason };
    }
    try {
      return await this.notifications.run({ ctx, channel, notification: check.notification, rawBody: raw });
    } catch (err) {
      if (!(err instanceof NotificationsBusy)) throw err;
      ctx.logger.warn({ channel, orderNo: check.notification.orderNo }, 'payment notification put off: too many waiting');
      return { accepted: false, outcome: 'BUSY', reason: 'SERVICE_BUSY' };
    }
  }

  /** `applyPayment` for a group of verified notifications (distinct orders) in one transaction and two round trips. */
  private async applyPaymentsTogether(group: PendingNotification[]): Promise<NotifyResult[]> {
    const decided = await rawTransaction(group[0]!.ctx.db, (tx) =>
      this.payOrders(group, 'NOTIFY', {
        lock: async (call) => (await tx.batch(['begin', GROUP_LOCK_TIMEOUT, call]))[2]!,
        write: async (calls) => {
          await tx.batch([...calls, 'commit']);
        },
      }),
    );
    return decided.map((d) => this.notifyResult(d, 'NOTIFY'));
  }

  /**
   * Payments the channel vouches for (distinct orders), alone or as a group: lock every order with its
   * application, decide each (merchant, order, amount, state: see `paymentVerdict`), then move the
   * paid orders and their applications to PAID with their history and record every notification.
   * The statements are the same for one and for many; `statements` sends them in the caller's transaction.
   */
  private async payOrders(items: PendingNotification[], source: 'NOTIFY' | 'QUERY', statements: PaymentStatements): Promise<PaymentDecision[]> {
    const lockedRows = await statements.lock({ statement: GROUP_LOCK_ORDERS, args: [arrayLiteral(items.map((p) => p.notification.orderNo))] });
    const lockedByNo = new Map(lockedRows.map((row) => [row.orderNo as string, toOrder(row as LockedOrder)]));
    const decided = items.map((pending) => {
      const { channel, notification: n } = pending;
      const order = lockedByNo.get(n.orderNo);
      const verdict = notificationRefusal(this.options.providerOf(channel), n) ?? paymentVerdict(channel, n, order);
      return { pending, order, verdict, now: pending.ctx.clock.now() };
    });
    const paying = decided.filter((d) => d.verdict === 'PAY');
    const column = <T,>(pick: (d: (typeof decided)[number]) => T) => decided.map(pick);
    await statements.write([
      ...(paying.length
        ? [
            {
              statement: GROUP_PAY,
              args: [
                arrayLiteral(paying.map((d) => d.order!.id)),
                arrayLiteral(paying.map((d) => d.pending.notification.paidAt)),
                arrayLiteral(paying.map((d) => d.pending.notification.tradeNo)),
                arrayLiteral(paying.map((d) => paymentActor(d.pending.channel))),
                arrayLiteral(paying.map((d) => paidReason(d.order!.orderNo))),
                arrayLiteral(paying.map((d) => d.now)),
                paying.length,
              ],
            },
          ]
        : []),
      {
        statement: GROUP_NOTIFICATIONS,
        args: [
          arrayLiteral(column((d) => d.pending.channel)),
          arrayLiteral(column((d) => d.pending.notification.tradeNo ?? null)),
          arrayLiteral(column((d) => d.pending.notification.orderNo ?? null)),
          arrayLiteral(column((d) => d.pending.notification.amountFen ?? null)),
          arrayLiteral(column((d) => notificationOutcome(d.verdict))),
          arrayLiteral(column((d) => (notificationOutcome(d.verdict) === PaymentNotificationOutcome.REJECTED ? d.verdict : null))),
          arrayLiteral(column((d) => d.pending.rawBody)),
          arrayLiteral(column((d) => d.now)),
          source,
        ],
      },
    ]);
    return decided;
  }

  private notifyResult({ pending: { ctx, channel, notification: n }, verdict }: PaymentDecision, source: 'NOTIFY' | 'QUERY'): NotifyResult {
    if (verdict === 'PAY') {
      ctx.logger.info({ channel, orderNo: n.orderNo, tradeNo: n.tradeNo, source }, 'payment order paid');
      return { accepted: true, outcome: PaymentNotificationOutcome.ACCEPTED, reason: null };
    }
    if (verdict === 'DUPLICATE') return { accepted: true, outcome: PaymentNotificationOutcome.DUPLICATE, reason: null };
    ctx.logger.warn({ channel, orderNo: n.orderNo, tradeNo: n.tradeNo, amountFen: n.amountFen, reason: verdict, source }, 'payment notification rejected');
    return { accepted: false, outcome: PaymentNotificationOutcome.REJECTED, reason: verdict };
  }

  /**
   * One reconciler pass: PENDING orders without a notification for `queryAfterMs`, and expired ones,
   * in batches locked FOR UPDATE SKIP LOCKED (several gateway processes never work on the same order).
   */
  async reconcileOnce(ctx: RequestContext, batchSize = 50): Promise<ReconcileReport> {
    const report: ReconcileReport = { queried: 0, paid: 0, closed: 0 };
    for (let round = 0; round < 20; round++) {
      const done = await ctx.em.transactional(async (em) => {
        const tx: RequestContext = withEntityManager(ctx, em);
        const now = tx.clock.now();
        const dueBefore = new Date(now.getTime() - this.options.queryAfterMs);
        const orders = (await em.execute<OrderRow[]>(
          `select ${ORDER_COLUMNS} from payment_order o
            where o.status = 'PENDING'
              and (o.expires_at <= ? or (o.created_at <= ? and (o.last_queried_at is null or o.last_queried_at <= ?)))
            order by o.created_at
            limit ? for update skip locked`,
          [now, dueBefore, dueBefore, batchSize],
        )).map((o) => toOrder(o));
        for (const order of orders) {
          report.queried += 1;
          const provider = this.options.providerOf(order.channel);
          if (!provider) continue;
          if (new Date(order.expiresAt).getTime() <= now.getTime()) {
            const settled = await this.settleExpired(tx, order);
            if (settled === 'PAID') report.paid += 1;
            if (settled === 'CLOSED') report.closed += 1;
            continue;
          }
          const trade = await provider.queryTrade(order.orderNo);
          if (trade.status === 'PAID') {
            const r = await this.applyPayment(
              tx,
              order.channel,
              { merchantId: trade.merchantId, orderNo: order.orderNo, tradeNo: trade.tradeNo, amountFen: trade.amountFen, tradeStatus: 'SUCCESS', paidAt: trade.paidAt },
              'QUERY',
              null,
            );
            if (r.accepted) report.paid += 1;
          }
          await em.execute(`update payment_order set last_queried_at = ? where id = ?`, [now, order.id]);
        }
        return orders.length < batchSize;
      });
      if (done) break;
    }
    if (report.queried > 0) ctx.logger.info(report, 'payment reconciler pass');
    return report;
  }

  // ------------------------------------------------------------------ candidate reads

  async myPayment(ctx: RequestContext, applicationId: string): Promise<PaymentView | null> {
    const viewer = ctx.viewer;
    if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
    if (!UUID_PATTERN.test(applicationId)) return null;
    const [row] = await preparedQuery(ctx.db, PAYMENT_VIEWS, [arrayLiteral([applicationId])]);
    return row && row.account_id === viewer.id ? this.toView(row, ctx.clock.now()) : null;
  }

  private toView(app: Record<string, any>, now: Date): PaymentView {
    const subjects = app.subjects as Array<{ code: string; name: string }>;
    return {
      applicationId: app.id,
      maskedName: maskName(app.candidate_name),
      examName: app.exam_name,
      unitCode: app.unit_code,
      unitName: app.unit_name,
      subjects,
      applicationStatus: app.status,
      applicationStatusLabel: STATUS_LABELS[app.status as ApplicationStatus],
      feeFen: feeFen(app as { per_person_fen: number | null; per_subject_fen: number | null }, subjects.length),
      paymentStartsAt: new Date(app.payment_starts_at),
      paymentEndsAt: new Date(app.payment_ends_at),
      paymentOpen: isWithinWindow(now, new Date(app.payment_starts_at), new Date(app.payment_ends_at)),
      order: toOrder(app.order ?? undefined) ?? null,
      channels: this.withProvider(app.channels),
    };
  }

  /** Applications of the candidate that reached 审核通过 (to pay) or 已缴费. */
  async myPayableApplications(ctx: RequestContext): Promise<Array<{ applicationId: string; examName: string; unitName: string; status: ApplicationStatus; statusLabel: string }>> {
    const viewer = ctx.viewer;
    if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
    const rows = await ctx.em.execute<Array<{ id: string; exam_name: string; unit_name: string; status: ApplicationStatus }>>(
      `select a.id, e.name as exam_name, u.name as unit_name, a.status from application a join exam e on e.id = a.exam_id
         join exam_unit eu on eu.id = a.exam_unit_id join registration_unit u on u.id = eu.unit_id
        where a.account_id = ? and a.status in ('APPROVED', 'PAID') order by a.created_at`,
      [viewer.id],
    );
    return rows.map((r) => ({ applicationId: r.id, examName: r.exam_name, unitName: r.unit_name, status: r.status, statusLabel: STATUS_LABELS[r.status] }));
  }

  /** 支付: where the browser goes for a live order (null when there is none, or it expired). */
  async payUrlOf(ctx: RequestContext, order: OrderRow, examName: string): Promise<string | null> {
    if (order.status !== PaymentOrderStatus.PENDING || new Date(order.expiresAt).getTime() <= ctx.clock.now().getTime()) return null;
    const provider = this.options.providerOf(order.channel);
    if (!provider) return null;
    const { payUrl } = await provider.createPayment({
      orderNo: order.orderNo,
      amountFen: order.amountFen,
      expiresAt: new Date(order.expiresAt),
      subject: `${examName} 考试费`,
      returnPath: paymentReturnPath(order.applicationId),
    });
    return payUrl;
  }

  // ------------------------------------------------------------------ ops

  async opsOrders(
    ctx: RequestContext,
    filter: { unitCode?: string | null; status?: PaymentOrderStatus | null; orderNo?: string | null; applicationId?: string | null; limit?: number | null },
  ): Promise<Array<OrderRow & { unitCode: string; notifications: NotificationRow[] }>> {
    const ops = requireOpsRole(ctx, 'REVIEWER', filter.unitCode ?? undefined);
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.unitCode) {
      where.push('u.code = ?');
      params.push(filter.unitCode);
    } else if (!ops.roles.includes('ADMIN')) {
      where.push('u.code = any(?::text[])');
      params.push(`{${ops.unitCodes.join(',')}}`);
    }
    if (filter.status) {
      where.push('o.status = ?');
      params.push(filter.status);
    }
    if (filter.orderNo) {
      where.push('o.order_no = ?');
      params.push(filter.orderNo.trim().toUpperCase());
    }
    if (filter.applicationId) {
      if (!UUID_PATTERN.test(filter.applicationId)) return [];
      where.push('o.application_id = ?');
      params.push(filter.applicationId);
    }
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const orders = await ctx.em.execute<Array<OrderRow & { unitCode: string }>>(
      `select ${ORDER_COLUMNS}, u.code as "unitCode" from payment_order o join exam_unit eu on eu.id = o.exam_unit_id join registration_unit u on u.id = eu.unit_id
        ${where.length ? `where ${where.join(' and ')}` : ''} order by o.created_at desc limit ${limit}`,
      params,
    );
    const notes = orders.length
      ? await ctx.em.execute<NotificationRow[]>(
          `select id, channel, channel_trade_no as "channelTradeNo", order_no as "orderNo", amount_fen as "amountFen", source, outcome, reason,
                  delivery_count as "deliveryCount", received_at as "receivedAt", last_received_at as "lastReceivedAt"
             from payment_notification where order_no = any(?::text[]) order by id`,
          [`{${orders.map((o) => o.orderNo).join(',')}}`],
        )
      : [];
    return orders.map((o) => ({ ...toOrder(o), notifications: notes.filter((n) => n.orderNo === o.orderNo) }));
  }

  /**
   * Orders against the channels' statements for one China day: paid here but not there, paid there
   * but not here (closed order, withdrawn application, late payment → refund), amounts that differ.
   */
  async reconciliation(ctx: RequestContext, day: string): Promise<ReconciliationRow[]> {
    requireOpsRole(ctx, 'ADMIN');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(new Date(`${day}T00:00:00+08:00`).getTime())) {
      throw new AppError(ErrorCode.BAD_USER_INPUT, '日期格式应为 yyyy-mm-dd');
    }
    const from = new Date(`${day}T00:00:00+08:00`);
    const to = new Date(from.getTime() + 24 * 3600_000);
    const rows: ReconciliationRow[] = [];
    const paidHere = (
      await ctx.em.execute<OrderRow[]>(`select ${ORDER_COLUMNS} from payment_order o where o.status = 'PAID' and o.paid_at >= ? and o.paid_at < ?`, [from, to])
    ).map((o) => toOrder(o));
    const statement = new Map<string, StatementLine & { channel: PaymentChannelCode }>();
    for (const channel of Object.values(PaymentChannelCode)) {
      const provider = this.options.providerOf(channel);
      if (!provider) continue;
      for (const line of await provider.statement(day)) statement.set(line.orderNo, { ...line, channel });
    }
    for (const o of paidHere) {
      const line = statement.get(o.orderNo);
      if (!line) rows.push({ kind: 'PAID_WITHOUT_CHANNEL_TRADE', orderNo: o.orderNo, channel: o.channel, orderStatus: o.status, orderAmountFen: o.amountFen, channelAmountFen: null, channelTradeNo: o.channelTradeNo });
      else if (line.amountFen !== o.amountFen || line.tradeNo !== o.channelTradeNo)
        rows.push({ kind: 'AMOUNT_OR_TRADE_MISMATCH', orderNo: o.orderNo, channel: o.channel, orderStatus: o.status, orderAmountFen: o.amountFen, channelAmountFen: line.amountFen, channelTradeNo: line.tradeNo });
      statement.delete(o.orderNo);
    }
    if (statement.size) {
      const others = await ctx.em.execute<OrderRow[]>(`select ${ORDER_COLUMNS} from payment_order o where o.order_no = any(?::text[])`, [
        `{${[...statement.keys()].join(',')}}`,
      ]);
      for (const line of statement.values()) {
        const o = others.find((x) => x.orderNo === line.orderNo);
        if (o?.status === PaymentOrderStatus.PAID && o.channelTradeNo === line.tradeNo && o.amountFen === line.amountFen) continue; // paid here on another day (late)
        rows.push({
          kind: o ? 'CHANNEL_PAID_ORDER_NOT_PAID' : 'CHANNEL_TRADE_WITHOUT_ORDER',
          orderNo: line.orderNo,
          channel: line.channel,
          orderStatus: o?.status ?? null,
          orderAmountFen: o?.amountFen ?? null,
          channelAmountFen: line.amountFen,
          channelTradeNo: line.tradeNo,
        });
      }
    }
    return rows;
  }
}

export interface NotificationRow {
  id: string;
  channel: PaymentChannelCode;
  channelTradeNo: string | null;
  orderNo: string | null;
  amountFen: number | null;
  source: string;
  outcome: PaymentNotificationOutcome;
  reason: string | null;
  deliveryCount: number;
  receivedAt: Date;
  lastReceivedAt: Date;
}

export interface ReconciliationRow {
  kind: string;
  orderNo: string;
  channel: PaymentChannelCode;
  orderStatus: PaymentOrderStatus | null;
  orderAmountFen: number | null;
  channelAmountFen: number | null;
  channelTradeNo: string | null;
}

export { PAYMENT_MESSAGES };
