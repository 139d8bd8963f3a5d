import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../graphql/context';
import type { Logger } from '../../logger';
import { readBody, type RouteHandler } from '../../http/server';
import type { ChannelOrder, NotificationCheck, PaymentChannelProvider, StatementLine, TradeQuery } from './channel-provider';
import { PaymentChannelCode } from './payment-channel.entity';

export const SIM_CHECKOUT_PATH = '/api/pay-sim/checkout';
export const SIM_SIGNATURE_HEADER = 'x-ccap-sim-signature';
export const NOTIFY_PATH_PREFIX = '/api/payments/notify/';

const CHANNEL_LABELS: Record<PaymentChannelCode, string> = {
  ALIPAY: '支付宝',
  WECHAT_PAY: '微信支付',
  UNIONPAY: '银联',
};

export function notifyPathOf(channel: PaymentChannelCode): string {
  return `${NOTIFY_PATH_PREFIX}${channel.toLowerCase().replace('_', '-')}`;
}

export function channelOfNotifyPath(path: string): PaymentChannelCode | null {
  const slug = path.slice(NOTIFY_PATH_PREFIX.length);
  return Object.values(PaymentChannelCode).find((c) => notifyPathOf(c) === `${NOTIFY_PATH_PREFIX}${slug}`) ?? null;
}

/** A portal path the browser may be sent back to: relative, same origin, nothing odd. */
export function isSafeReturnPath(path: string): boolean {
  return /^\/[A-Za-z0-9/_\-.?=&%]*$/.test(path) && !path.startsWith('//') && !path.includes('/..') && path.length <= 200;
}

export interface SimulatorOptions {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  merchantId: string;
  privateKeyPem: string | null;
  notifyScheduleMs: number[];
}

/**
 * The local payment platform: a key pair, a ledger (payment_sim_trade), a checkout page and
 * signed, repeated notifications. One instance serves every channel code (each channel gets a
 * provider view of it via `provider(channel)`).
 */
export class PaymentSimulator {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  private readonly urlKey: Buffer;
  private readonly timers = new Set<NodeJS.Timeout>();
  private notifyBaseUrl = '';
  private stopped = false;

  constructor(private readonly options: SimulatorOptions) {
    if (options.privateKeyPem) {
      this.privateKey = createPrivateKey(options.privateKeyPem);
    } else {
      this.privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    }
    this.publicKey = createPublicKey(this.privateKey);
    this.urlKey = createHash('sha256').update('pay-sim-url').update(this.privateKey.export({ type: 'pkcs8', format: 'der' })).digest();
  }

  get merchantId(): string {
    return this.options.merchantId;
  }

  /** The gateway's own URL, known once it listens. */
  setNotifyBaseUrl(url: string): void {
    this.notifyBaseUrl = url.replace(/\/$/, '');
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  provider(channel: PaymentChannelCode): PaymentChannelProvider {
    return new SimulatedChannelProvider(this, channel);
  }

  signBody(body: string): string {
    return sign('sha256', Buffer.from(body, 'utf8'), this.privateKey).toString('base64');
  }

  private urlSignature(params: Record<string, string>): string {
    const canonical = Object.keys(params)
      .filter((k) => k !== 'sig')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    return createHmac('sha256', this.urlKey).update(canonical).digest('base64url');
  }

  checkoutUrl(channel: PaymentChannelCode, order: ChannelOrder): string {
    const params: Record<string, string> = {
      channel,
      order: order.orderNo,
      amount: String(order.amountFen),
      exp: String(order.expiresAt.getTime()),
      subject: order.subject,
      return: order.returnPath,
    };
    params.sig = this.urlSignature(params);
    return `${SIM_CHECKOUT_PATH}?${new URLSearchParams(params).toString()}`;
  }

  private verifiedParams(search: URLSearchParams): Record<string, string> | null {
    const params: Record<string, string> = {};
    for (const key of ['channel', 'order', 'amount', 'exp', 'subject', 'return', 'sig']) {
      const value = search.get(key);
      if (value === null) return null;
      params[key] = value;
    }
    const expected = Buffer.from(this.urlSignature(params));
    const given = Buffer.from(params.sig!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (!isSafeReturnPath(params.return!)) return null;
    if (!Object.values(PaymentChannelCode).includes(params.channel as PaymentChannelCode)) return null;
    return params;
  }

  private db() {
    return this.options.orm.em.fork().getConnection();
  }

  async tradeOf(orderNo: string): Promise<{ trade_no: string; status: string; amount_fen: number; paid_at: Date | null; channel: string } | undefined> {
    const [row] = await this.db().execute(`select trade_no, status, amount_fen, paid_at, channel from payment_sim_trade where order_no = ?`, [orderNo]);
    return row as any;
  }

  /** 确认支付: records the trade (once) and starts notifying. */
  async pay(channel: PaymentChannelCode, orderNo: string, amountFen: number, expiresAt: Date, notify: boolean): Promise<'PAID' | 'CLOSED' | 'EXPIRED'> {
    const now = this.options.clock.now();
    const existing = await this.tradeOf(orderNo);
    if (existing?.status === 'CLOSED') return 'CLOSED';
    if (!existing) {
      if (now.getTime() >= expiresAt.getTime()) return 'EXPIRED';
      const tradeNo = `${channel.slice(0, 2)}${chinaStamp(now)}${randomBytes(6).toString('hex').toUpperCase()}`;
      await this.db().execute(
        `insert into payment_sim_trade (trade_no, order_no, channel, amount_fen, status, paid_at, notify_attempts)
         values (?, ?, ?, ?, 'SUCCESS', ?, 0) on conflict (order_no) do nothing`,
        [tradeNo, orderNo, channel, amountFen, now],
      );
    }
    const trade = await this.tradeOf(orderNo);
    if (trade?.status !== 'SUCCESS') return 'CLOSED';
    if (notify) this.scheduleNotification(orderNo, 0);
    return 'PAID';
  }

  notificationBody(trade: { trade_no: string; amount_fen: number; paid_at: Date | null }, orderNo: string): string {
    return JSON.stringify({
      merchantId: this.options.merchantId,
      orderNo,
      tradeNo: trade.trade_no,
      amountFen: trade.amount_fen,
      tradeStatus: 'SUCCESS',
      paidAt: new Date(trade.paid_at!).toISOString(),
      notifyId: randomBytes(8).toString('hex'),
    });
  }

  private scheduleNotification(orderNo: string, attempt: number): void {
    const schedule = this.options.notifyScheduleMs;
    if (this.stopped || attempt >= schedule.length) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.sendNotification(orderNo).then(
        (ok) => {
          if (!ok) this.scheduleNotification(orderNo, attempt + 1);
        },
        (err) => {
          this.options.logger.warn({ err, orderNo, attempt }, 'pay-sim: notification attempt failed');
          this.scheduleNotification(orderNo, attempt + 1);
        },
      );
    }, schedule[attempt]);
    timer.unref?.();
    this.timers.add(timer);
  }

  /** One delivery attempt; true when the merchant answered success. */
  async sendNotification(orderNo: string): Promise<boolean> {
    if (this.stopped) return true;
    const trade = await this.tradeOf(orderNo);
    if (!trade || trade.status !== 'SUCCESS') return true;
    const body = this.notificationBody(trade, orderNo);
    await this.db().execute(`update payment_sim_trade set notify_attempts = notify_attempts + 1 where trade_no = ?`, [trade.trade_no]);
    const res = await fetch(`${this.notifyBaseUrl}${notifyPathOf(trade.channel as PaymentChannelCode)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIM_SIGNATURE_HEADER]: this.signBody(body) },
      body,
    });
    const reply = await res.text();
    const ok = res.status === 200 && reply.includes('"SUCCESS"');
    if (ok) await this.db().execute(`update payment_sim_trade set notified_at = ? where trade_no = ?`, [this.options.clock.now(), trade.trade_no]);
    return ok;
  }

  async close(orderNo: string, channel: PaymentChannelCode): Promise<'CLOSED' | 'PAID'> {
    await this.db().execute(
      `insert into payment_sim_trade (trade_no, order_no, channel, amount_fen, status) values (?, ?, ?, 0, 'CLOSED') on conflict (order_no) do nothing`,
      [`CLOSED-${orderNo}`, orderNo, channel],
    );
    const trade = await this.tradeOf(orderNo);
    return trade?.status === 'SUCCESS' ? 'PAID' : 'CLOSED';
  }

  async statement(channel: PaymentChannelCode, day: string): Promise<StatementLine[]> {
    const from = new Date(`${day}T00:00:00+08:00`);
    const to = new Date(from.getTime() + 24 * 3600_000);
    const rows = await this.db().execute<Array<{ order_no: string; trade_no: string; amount_fen: number; paid_at: Date }>>(
      `select order_no, trade_no, amount_fen, paid_at from payment_sim_trade
        where channel = ? and status = 'SUCCESS' and paid_at >= ? and paid_at < ? order by paid_at`,
      [channel, from, to],
    );
    return rows.map((r) => ({ orderNo: r.order_no, tradeNo: r.trade_no, amountFen: r.amount_fen, paidAt: new Date(r.paid_at) }));
  }

  /** GET shows the cashier page; POST takes the button (pay / pay-silent / cancel / fail). */
  checkoutRoute(maxBodyBytes: number): RouteHandler {
    return async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://sim');
      let search = url.searchParams;
      let action = '';
      if (req.method === 'POST') {
        search = new URLSearchParams((await readBody(req, maxBodyBytes)).toString('utf8'));
        action = search.get('action') ?? '';
      } else if (req.method !== 'GET') {
        return sendHtml(res, 405, page('请求方式不支持', '<p>请求方式不支持</p>'));
      }
      const params = this.verifiedParams(search);
      if (!params) return sendHtml(res, 400, page('支付请求无效', '<p class="err">支付请求无效或已被篡改,请返回报名网站重新发起支付。</p>'));
      const channel = params.channel as PaymentChannelCode;
      const back = params.return!;
      if (action === 'pay' || action === 'pay-silent') {
        const result = await this.pay(channel, params.order!, Number(params.amount), new Date(Number(params.exp)), action === 'pay');
        if (result !== 'PAID') {
          const why = result === 'EXPIRED' ? '订单已超过支付时限,无法支付' : '订单已关闭,无法支付';
          return sendHtml(res, 409, page('无法支付', `<p class="err">${why}。</p><p><a href="${escapeHtml(back)}">返回报名网站</a></p>`));
        }
        return redirect(res, back);
      }
      if (action === 'cancel') return redirect(res, back);
      if (action === 'fail') {
        return sendHtml(
          res,
          200,
          page('支付失败', `<p class="err">支付失败(模拟):银行卡余额不足。未扣款,可返回后重新支付。</p><p><a id="back" href="${escapeHtml(back)}">返回报名网站</a></p>`),
        );
      }
      const trade = await this.tradeOf(params.order!);
      const hidden = Object.entries(params)
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
        .join('');
      const state =
        trade?.status === 'SUCCESS'
          ? `<p class="ok">该订单已支付成功。</p><p><a href="${escapeHtml(back)}">返回报名网站</a></p>`
          : trade?.status === 'CLOSED'
            ? `<p class="err">该订单已关闭。</p><p><a href="${escapeHtml(back)}">返回报名网站</a></p>`
            : `<form method="post" action="${SIM_CHECKOUT_PATH}">${hidden}
                 <button name="action" value="pay" class="primary">确认支付</button>
                 <button name="action" value="cancel">取消支付</button>
                 <button name="action" value="fail">模拟失败</button>
                 <button name="action" value="pay-silent" class="small" title="支付成功,但不发送支付结果通知(测试主动查询)">模拟通知丢失</button>
               </form>`;
      const body = `
        <h1>${CHANNEL_LABELS[channel]} · 收银台 <span class="tag">模拟</span></h1>
        <dl>
          <dt>商户</dt><dd>全国会计人员统一服务管理平台(${escapeHtml(this.options.merchantId)})</dd>
          <dt>商品</dt><dd>${escapeHtml(params.subject!)}</dd>
          <dt>订单号码</dt><dd id="order-no">${escapeHtml(params.order!)}</dd>
          <dt>支付金额</dt><dd id="amount">¥${(Number(params.amount) / 100).toFixed(2)}</dd>
          <dt>支付时限</dt><dd>${chinaTime(new Date(Number(params.exp)))}</dd>
        </dl>
        ${state}`;
      return sendHtml(res, 200, page(`${CHANNEL_LABELS[channel]}收银台(模拟)`, body));
    };
  }
}

class SimulatedChannelProvider implements PaymentChannelProvider {
  constructor(
    private readonly sim: PaymentSimulator,
    readonly channel: PaymentChannelCode,
  ) {}

  get merchantId(): string {
    return this.sim.merchantId;
  }

  async createPayment(order: ChannelOrder): Promise<{ payUrl: string }> {
    return { payUrl: this.sim.checkoutUrl(this.channel, order) };
  }

  verifyNotification(rawBody: Buffer, headers: IncomingHttpHeaders): NotificationCheck {
    const signature = headers[SIM_SIGNATURE_HEADER];
    if (typeof signature !== 'string' || !signature) return { valid: false, reason: 'SIGNATURE_MISSING' };
    let ok = false;
    try {
      ok = verify('sha256', rawBody, this.sim.publicKey, Buffer.from(signature, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) return { valid: false, reason: 'SIGNATURE_INVALID' };
    let parsed: any;
    try {
      parsed = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { valid: false, reason: 'BODY_INVALID' };
    }
    const paidAt = new Date(parsed?.paidAt);
    if (
      typeof parsed?.merchantId !== 'string' ||
      typeof parsed.orderNo !== 'string' ||
      typeof parsed.tradeNo !== 'string' ||
      !Number.isInteger(parsed.amountFen) ||
      typeof parsed.tradeStatus !== 'string' ||
      Number.isNaN(paidAt.getTime())
    ) {
      return { valid: false, reason: 'BODY_INVALID' };
    }
    return {
      valid: true,
      notification: { merchantId: parsed.merchantId, orderNo: parsed.orderNo, tradeNo: parsed.tradeNo, amountFen: parsed.amountFen, tradeStatus: parsed.tradeStatus, paidAt },
    };
  }

  notificationReply(ok: boolean) {
    return ok
      ? { status: 200, contentType: 'application/json', body: JSON.stringify({ code: 'SUCCESS', message: '成功' }) }
      : { status: 400, contentType: 'application/json', body: JSON.stringify({ code: 'FAIL', message: '失败' }) };
  }

  async queryTrade(orderNo: string): Promise<TradeQuery> {
    const trade = await this.sim.tradeOf(orderNo);
    if (!trade || trade.channel !== this.channel) return { status: 'NOT_FOUND' };
    if (trade.status === 'CLOSED') return { status: 'CLOSED' };
    if (trade.status === 'SUCCESS') {
      return { status: 'PAID', tradeNo: trade.trade_no, amountFen: trade.amount_fen, paidAt: new Date(trade.paid_at!), merchantId: this.sim.merchantId };
    }
    return { status: 'NOT_PAID' };
  }

  closeTrade(orderNo: string): Promise<'CLOSED' | 'PAID'> {
    return this.sim.close(orderNo, this.channel);
  }

  statement(day: string): Promise<StatementLine[]> {
    return this.sim.statement(this.channel, day);
  }
}

function chinaStamp(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/\D/g, '');
}

function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:520px;margin:40px auto;padding:0 16px;color:#222}
h1{font-size:20px}.tag{font-size:12px;background:#fdf6ec;color:#e6a23c;padding:2px 6px;border-radius:4px}
dl{display:grid;grid-template-columns:6em 1fr;gap:8px}dt{color:#888}dd{margin:0}#amount{color:#f56c6c;font-size:20px}
button{padding:8px 16px;margin:16px 8px 0 0;border:1px solid #dcdfe6;border-radius:4px;background:#fff;cursor:pointer}
.primary{background:#1677ff;color:#fff;border-color:#1677ff}.small{font-size:12px;color:#888}.err{color:#f56c6c}.ok{color:#67c23a}</style>
</head><body>${body}</body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'x-frame-options': 'DENY',
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}
