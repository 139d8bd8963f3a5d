import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../../graphql/context';
import { readBody, sendJson, type RouteHandler } from '../../http/server';
import type { WeChatLoginService } from './wechat-login.service';
import { WECHAT_CALLBACK_PATH, WECHAT_SIGNATURE_HEADER, WECHAT_SIM_PREFIX, type SimulatedWeChatLoginProvider, type WeChatLoginProvider } from './wechat-provider';

type ContextFactory = (req: IncomingMessage, requestId: string) => Promise<RequestContext>;

/** POST /api/wechat/callback (exact) and, with the simulator, its phone page under /api/wechat-sim/t/ (prefix). */
export function wechatRoutes(
  services: { wechatLogin: WeChatLoginService; wechatProvider: WeChatLoginProvider | null; wechatSimulator: SimulatedWeChatLoginProvider | null },
  createContext: ContextFactory,
): { exact: Record<string, RouteHandler>; prefix: Record<string, RouteHandler> } {
  const { wechatProvider: provider, wechatSimulator: simulator, wechatLogin } = services;
  if (!provider) return { exact: {}, prefix: {} };
  const callback: RouteHandler = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'METHOD_NOT_ALLOWED', message: '不支持的请求方法' }, { allow: 'POST' });
    const body = await readBody(req, 4096);
    const ctx = await createContext(req, requestId);
    const signature = req.headers[WECHAT_SIGNATURE_HEADER];
    const verified = provider.verifyCallback(body, typeof signature === 'string' ? signature : undefined, ctx.clock.now());
    if (!verified) {
      ctx.logger.warn('wechat callback refused: bad signature, shape or age');
      return sendJson(res, 401, { ok: false, error: 'BAD_SIGNATURE', message: '签名无效' });
    }
    const result = await wechatLogin.applyCallback(ctx, verified);
    if (!result.ok) return sendJson(res, 409, { ok: false, error: result.errorCode, message: result.message });
    sendJson(res, 200, { ok: true, message: result.message });
  };
  return {
    exact: { [WECHAT_CALLBACK_PATH]: callback },
    prefix: simulator ? { [WECHAT_SIM_PREFIX]: simulator.route() } : {},
  };
}
