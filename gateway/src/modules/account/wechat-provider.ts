import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../graphql/context';
import { readBody, sendJson, type RouteHandler } from '../../http/server';

/** What the phone reports about a ticket: 已扫码, 确认登录 (with the user's openid), 取消. */
export type WeChatEvent = 'SCANNED' | 'CONFIRMED' | 'CANCELLED';

export interface WeChatCallback {
  ticketId: string;
  event: WeChatEvent;
  /** With CONFIRMED: the WeChat user's openid for this application. */
  openid: string | null;
  /** Milliseconds since the epoch, when the provider sent it. */
  timestamp: number;
}

/** POST /api/wechat/callback: where the provider reports scans and confirmations, signed. */
export const WECHAT_CALLBACK_PATH = '/api/wechat/callback';
export const WECHAT_SIGNATURE_HEADER = 'x-wechat-signature';
/** Older (or newer) callbacks are refused: a captured one cannot be replayed later. */
export const WECHAT_CALLBACK_MAX_SKEW_MS = 5 * 60_000;
const OPENID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * 微信扫码登录 as the gateway needs it from WeChat (or the local simulator): what the QR code holds
 * for a ticket, and the check of a callback's signature.
 */
export interface WeChatLoginProvider {
  /** True for the local simulator: the login page labels the code 模拟器. */
  readonly simulated: boolean;
  /** The content of the QR code for a ticket: the URL the phone opens. */
  qrContent(ticketId: string): string;
  /** The callback when its body is well formed, its HMAC checks out and it is fresh; null otherwise. */
  verifyCallback(body: Buffer, signature: string | undefined, now: Date): WeChatCallback | null;
}

export function signCallback(key: Buffer, body: Buffer | string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

/** Verifies the HMAC-SHA256 of the raw body (constant time) and the callback's shape and age. */
export function verifySignedCallback(key: Buffer, body: Buffer, signature: string | undefined, now: Date): WeChatCallback | null {
  if (!signature) return null;
  const expected = Buffer.from(signCallback(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { ticketId, event, openid, timestamp } = parsed as Record<string, unknown>;
  if (typeof ticketId !== 'string' || !UUID_PATTERN.test(ticketId)) return null;
  if (event !== 'SCANNED' && event !== 'CONFIRMED' && event !== 'CANCELLED') return null;
  if (typeof timestamp !== 'number' || Math.abs(now.getTime() - timestamp) > WECHAT_CALLBACK_MAX_SKEW_MS) return null;
  if (event === 'CONFIRMED' && (typeof openid !== 'string' || !OPENID_PATTERN.test(openid))) return null;
  return { ticketId, event, openid: event === 'CONFIRMED' ? (openid as string) : null, timestamp };
}

// ── Local simulator ─────────────────────────────────────────────────────────────────────────────

export const WECHAT_SIM_PREFIX = '/api/wechat-sim/t/';

/** Demo WeChat users the simulator offers; any other openid is a new WeChat user. */
export const DEMO_WECHAT_USERS: ReadonlyArray<{ openid: string; nickname: string }> = [
  { openid: 'o_demo_zhangsan_wx01', nickname: '张三的微信' },
  { openid: 'o_demo_lisi_wx02', nickname: '李四的微信' },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Plays the phone outside production: GET /api/wechat-sim/t/<ticket> is what scanning the code
 * opens (it reports 已扫码), its 确认登录 / 取消 buttons POST back here, and every event reaches the
 * gateway as a signed callback over HTTP, as WeChat's would.
 */
export class SimulatedWeChatLoginProvider implements WeChatLoginProvider {
  readonly simulated = true;
  private callbackBaseUrl = '';

  constructor(
    private readonly deps: { key: Buffer; clock: Clock },
  ) {}

  /** The gateway's own URL, known once it listens. */
  setCallbackBaseUrl(url: string): void {
    this.callbackBaseUrl = url.replace(/\/$/, '');
  }

  qrContent(ticketId: string): string {
    return `${WECHAT_SIM_PREFIX}${ticketId}`;
  }

  verifyCallback(body: Buffer, signature: string | undefined, now: Date): WeChatCallback | null {
    return verifySignedCallback(this.deps.key, body, signature, now);
  }

  /** Sends one signed callback; the gateway's answer (ok + Chinese message) comes back. */
  async send(ticketId: string, event: WeChatEvent, openid: string | null): Promise<{ ok: boolean; message: string }> {
    const body = JSON.stringify({ ticketId, event, openid, timestamp: this.deps.clock.now().getTime(), nonce: randomBytes(8).toString('hex') });
    const res = await fetch(`${this.callbackBaseUrl}${WECHAT_CALLBACK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WECHAT_SIGNATURE_HEADER]: signCallback(this.deps.key, body) },
      body,
    });
    const reply = (await res.json().catch(() => null)) as { ok?: boolean; message?: string } | null;
    return { ok: res.status === 200 && reply?.ok === true, message: reply?.message ?? '微信服务暂时不可用' };
  }

  /** GET (scan) and POST (确认登录 / 取消) of the simulated phone page. */
  route(): RouteHandler {
    return async (req: IncomingMessage, res: ServerResponse) => {
      const ticketId = (req.url ?? '').split('?')[0]!.slice(WECHAT_SIM_PREFIX.length).toLowerCase();
      if (!UUID_PATTERN.test(ticketId)) return sendJson(res, 404, { error: 'NOT_FOUND', message: '二维码无效' });
      if (req.method === 'GET') {
        const scanned = await this.send(ticketId, 'SCANNED', null);
        return this.page(res, ticketId, scanned.ok ? null : scanned.message);
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' }, { allow: 'GET, POST' });
      const form = new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
      const action = form.get('action');
      if (action === 'cancel') {
        const sent = await this.send(ticketId, 'CANCELLED', null);
        return this.done(res, sent.ok ? '已取消登录' : sent.message);
      }
      const openid = (form.get('openid') ?? '').trim();
      if (!OPENID_PATTERN.test(openid)) return this.page(res, ticketId, 'openid 须为 6–64 位字母、数字、_ 或 -');
      const sent = await this.send(ticketId, 'CONFIRMED', openid);
      return this.done(res, sent.ok ? '已确认登录,请在电脑上继续操作' : sent.message);
    };
  }

  private html(res: ServerResponse, body: string): void {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信登录确认(模拟器)</title><style>
body{margin:0;font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#ededed;color:#191919}
.phone{max-width:380px;margin:24px auto;background:#fff;border-radius:18px;padding:32px 24px;text-align:center;box-shadow:0 2px 12px rgba(0,0,0,.08)}
.sim{display:inline-block;font-size:12px;color:#fa5151;border:1px solid #fa5151;border-radius:4px;padding:1px 6px;margin-bottom:12px}
h1{font-size:18px;font-weight:600;margin:8px 0 4px}.hint{color:#888;font-size:13px;margin:0 0 20px}
label{display:block;text-align:left;font-size:13px;color:#555;margin-bottom:6px}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #ddd;border-radius:6px;font-size:14px;margin-bottom:18px}
button{display:block;width:100%;padding:12px;border:0;border-radius:6px;font-size:16px;margin-top:10px;cursor:pointer}
.confirm{background:#07c160;color:#fff}.cancel{background:#f2f2f2;color:#07c160}.error{color:#fa5151;font-size:13px}
</style></head><body><main class="phone"><span class="sim">模拟器</span>${body}</main></body></html>`);
  }

  private page(res: ServerResponse, ticketId: string, error: string | null): void {
    const fresh = `o_sim_${randomBytes(6).toString('hex')}`;
    const options = DEMO_WECHAT_USERS.map((u) => `<option value="${u.openid}">${escapeHtml(u.nickname)}</option>`).join('');
    this.html(
      res,
      `<h1>全国会计人员统一服务管理平台</h1><p class="hint">将在电脑上登录,请确认是本人操作</p>
${error ? `<p class="error" data-test="sim-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${WECHAT_SIM_PREFIX}${ticketId}">
<label for="openid">模拟的微信用户(openid,可选演示用户或填写新的)</label>
<input id="openid" name="openid" list="demo-users" value="${fresh}" autocomplete="off">
<datalist id="demo-users">${options}</datalist>
<button class="confirm" type="submit" name="action" value="confirm">确认登录</button>
<button class="cancel" type="submit" name="action" value="cancel">取消</button>
</form>`,
    );
  }

  private done(res: ServerResponse, message: string): void {
    this.html(res, `<h1 data-test="sim-result">${escapeHtml(message)}</h1><p class="hint">可以关闭此页面</p>`);
  }
}
