import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type RouteHandler } from '../../http/server';
import { maskDocumentNumber, maskName } from '../account/person-name';
import {
  checkIdentityCallback,
  IDENTITY_CALLBACK_PATH,
  IDENTITY_SIGNATURE_HEADER,
  IDENTITY_SIM_PATH,
  signIdentityCallback,
  type CertificationRequest,
  type CertificationResult,
  type IdentityVerificationProvider,
} from './identity-provider';

/**
 * The local stand-in for 支付宝身份验证: a confirmation page at /api/identity-sim/certify (what the
 * candidate would see in the Alipay app after scanning) whose buttons make the "provider" POST an
 * HMAC-signed result to the gateway's callback, exactly as the real one would. The page URL is signed
 * too, so the masked name and number it shows are those the platform sent.
 */
export class IdentitySimulator implements IdentityVerificationProvider {
  private readonly urlKey: Buffer;
  private callbackBaseUrl = '';

  constructor(private readonly callbackKey: Buffer) {
    this.urlKey = createHmac('sha256', callbackKey).update('identity-sim-url').digest();
  }

  /** The gateway's own URL, known once it listens. */
  setCallbackBaseUrl(url: string): void {
    this.callbackBaseUrl = url.replace(/\/$/, '');
  }

  async start(request: CertificationRequest): Promise<{ certifyUrl: string; providerReference: string }> {
    const params: Record<string, string> = {
      id: request.verificationId,
      name: maskName(request.name),
      doc: maskDocumentNumber(request.documentNumber),
      exp: String(request.expiresAt.getTime()),
    };
    params.sig = this.urlSignature(params);
    return { certifyUrl: `${IDENTITY_SIM_PATH}?${new URLSearchParams(params).toString()}`, providerReference: `SIM-${request.verificationId}` };
  }

  verifyCallback(rawBody: Buffer, headers: IncomingHttpHeaders): CertificationResult | null {
    return checkIdentityCallback(this.callbackKey, rawBody, headers);
  }

  private urlSignature(params: Record<string, string>): string {
    const canonical = ['doc', 'exp', 'id', 'name'].map((k) => `${k}=${params[k] ?? ''}`).join('&');
    return createHmac('sha256', this.urlKey).update(canonical).digest('base64url');
  }

  private verifiedParams(search: URLSearchParams): Record<string, string> | null {
    const params: Record<string, string> = {};
    for (const key of ['id', 'name', 'doc', 'exp', 'sig']) {
      const value = search.get(key);
      if (value === null) return null;
      params[key] = value;
    }
    const expected = Buffer.from(this.urlSignature(params));
    const given = Buffer.from(params.sig!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return params;
  }

  /** Sends the signed result to the gateway; true when it was accepted. */
  async sendResult(result: CertificationResult): Promise<boolean> {
    const body = JSON.stringify({ ...result, notifyId: randomBytes(8).toString('hex') });
    const res = await fetch(`${this.callbackBaseUrl}${IDENTITY_CALLBACK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_SIGNATURE_HEADER]: signIdentityCallback(this.callbackKey, body) },
      body,
    });
    await res.text();
    return res.status === 200;
  }

  /** GET shows the confirmation page; POST takes the button (confirm / mismatch). */
  route(): RouteHandler {
    return async (req: IncomingMessage, res: ServerResponse) => {
      let search = new URL(req.url ?? '/', 'http://sim').searchParams;
      let action = '';
      if (req.method === 'POST') {
        search = new URLSearchParams((await readBody(req, 8 * 1024)).toString('utf8'));
        action = search.get('action') ?? '';
      } else if (req.method !== 'GET') {
        return sendHtml(res, 405, page('请求方式不支持', '<p>请求方式不支持</p>'));
      }
      const params = this.verifiedParams(search);
      if (!params) return sendHtml(res, 400, page('认证请求无效', '<p class="err">认证请求无效或已被篡改,请返回报名网站重新发起认证。</p>'));
      if (Date.now() > Number(params.exp)) return sendHtml(res, 410, page('认证已超时', '<p class="err">认证已超时,请返回报名网站重新发起认证。</p>'));
      if (action === 'confirm' || action === 'mismatch') {
        const accepted = await this.sendResult({ verificationId: params.id!, outcome: action === 'confirm' ? 'PASSED' : 'MISMATCH' });
        const text = !accepted
          ? '<p class="err">认证结果提交失败,请返回报名网站重新发起认证。</p>'
          : action === 'confirm'
            ? '<p class="ok" id="result">已确认,认证结果已返回报名网站,请回到电脑端查看。</p>'
            : '<p class="err" id="result">已反馈信息不一致,认证结果已返回报名网站。</p>';
        return sendHtml(res, accepted ? 200 : 502, page('支付宝身份验证(模拟)', text));
      }
      const hidden = Object.entries(params)
        .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
        .join('');
      const body = `
        <h1>支付宝 · 身份验证 <span class="tag">模拟</span></h1>
        <p>全国会计人员统一服务管理平台 申请核验您的身份信息:</p>
        <dl>
          <dt>姓名</dt><dd id="sim-name">${escapeHtml(params.name!)}</dd>
          <dt>证件号码</dt><dd id="sim-doc">${escapeHtml(params.doc!)}</dd>
        </dl>
        <p class="hint">请确认以上信息与您的支付宝实名信息一致。</p>
        <form method="post" action="${IDENTITY_SIM_PATH}">${hidden}
          <button name="action" value="confirm" class="primary">确认(信息一致)</button>
          <button name="action" value="mismatch">信息不一致</button>
        </form>`;
      return sendHtml(res, 200, page('支付宝身份验证(模拟)', body));
    };
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f5f5f5;margin:0;padding:24px;color:#333}
main{max-width:420px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:18px;color:#1677ff}.tag{font-size:12px;background:#fff1b8;color:#ad6800;padding:2px 6px;border-radius:4px}
dl{display:grid;grid-template-columns:80px 1fr;gap:8px}dt{color:#888}dd{margin:0}
button{font-size:16px;padding:10px 16px;margin:8px 8px 0 0;border:1px solid #ccc;border-radius:6px;background:#fff;cursor:pointer}
button.primary{background:#1677ff;color:#fff;border-color:#1677ff}.ok{color:#389e0d}.err{color:#cf1322}.hint{color:#888;font-size:13px}
</style></head><body><main>${body}</main></body></html>`;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}
