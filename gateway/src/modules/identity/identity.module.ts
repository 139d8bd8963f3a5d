import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../../config';
import type { RequestContext } from '../../graphql/context';
import { readBody, sendJson, type RouteHandler } from '../../http/server';
import type { PiiProtector } from '../account/pii-protector';
import { IDENTITY_CALLBACK_PATH, IDENTITY_SIM_PATH } from './identity-provider';
import { IdentitySimulator } from './identity-simulator';
import { IdentityService } from './identity.service';
import { OnlineRealNameService, RealNameUploadPolicy } from './online-real-name.service';
import { ProfileService } from './profile.service';
import type { UploadService } from '../registration/upload.service';

/**
 * The 实名认证 services and, outside production, the local 支付宝 simulator. 线上实名认证 images go
 * through the one upload pipeline, which asks RealNameUploadPolicy about them.
 */
export function createIdentityServices({ config, pii, uploads }: { config: AppConfig; pii: PiiProtector; uploads: UploadService }) {
  const simulator = config.identity.simulator.enabled ? new IdentitySimulator(config.identity.simulator.callbackKey) : null;
  const identity = new IdentityService({ pii, provider: simulator, sessionTtlMs: config.identity.sessionTtlMs });
  uploads.setAccountUploadPolicy(new RealNameUploadPolicy());
  return { identity, identitySimulator: simulator, profiles: new ProfileService({ pii }), onlineRealName: new OnlineRealNameService({ pii, uploads }) };
}

/** POST /api/identity/callback (the provider's signed result) and the simulator's page. */
export function identityRoutes(
  deps: { identity: IdentityService; identitySimulator: IdentitySimulator | null },
  createContext: (req: IncomingMessage, requestId: string) => Promise<RequestContext>,
): { exact: Record<string, RouteHandler> } {
  const callback: RouteHandler = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'METHOD_NOT_ALLOWED' }, { allow: 'POST' });
    const raw = await readBody(req, 16 * 1024);
    const ctx = await createContext(req, requestId);
    const outcome = await deps.identity.handleCallback(ctx, raw, req.headers);
    if (outcome === 'INVALID') return sendJson(res, 401, { ok: false, error: 'SIGNATURE_INVALID' });
    if (outcome === 'UNKNOWN') return sendJson(res, 404, { ok: false, error: 'NOT_FOUND' });
    sendJson(res, 200, { ok: true, outcome });
  };
  return {
    exact: {
      [IDENTITY_CALLBACK_PATH]: callback,
      ...(deps.identitySimulator ? { [IDENTITY_SIM_PATH]: deps.identitySimulator.route() } : {}),
    },
  };
}
