import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import type { Clock, RequestContext } from '../../graphql/context';
import { createLogger, type Logger } from '../../logger';
import { readBody, sendJson, type RouteHandler } from '../../http/server';
import { PaymentChannelCode } from './payment-channel.entity';
import { channelOfNotifyPath, NOTIFY_PATH_PREFIX, PaymentSimulator, SIM_CHECKOUT_PATH } from './payment-simulator';
import { PaymentService, type ReconcileReport } from './payment.service';

/** The payment service and, outside production, the local simulator serving every channel. */
export function createPaymentServices({ config, orm, clock }: { config: AppConfig; orm: MikroORM; clock: Clock }) {
  const simulator = config.payment.simulator.enabled
    ? new PaymentSimulator({
        orm,
        clock,
        logger: createLogger(config.logLevel),
        merchantId: config.payment.simulator.merchantId,
        privateKeyPem: config.payment.simulator.privateKeyPem,
        notifyScheduleMs: config.payment.simulator.notifyScheduleMs,
      })
    : null;
  const providers = new Map(Object.values(PaymentChannelCode).map((c) => [c, simulator ? simulator.provider(c) : null]));
  const payment = new PaymentService({
    providerOf: (channel) => providers.get(channel) ?? null,
    orderTtlMs: config.payment.orderTtlMs,
    groups: config.groupCommit,
    queryAfterMs: config.payment.queryAfterMs,
  });
  return { payment, paymentSimulator: simulator };
}

/** POST /api/payments/notify/<channel> and the simulator's checkout page. */
export function paymentRoutes(
  deps: { payment: PaymentService; paymentSimulator: PaymentSimulator | null },
  createContext: (req: IncomingMessage, requestId: string) => Promise<RequestContext>,
  maxBodyBytes: number,
): { exact: Record<string, RouteHandler>; prefix: Record<string, RouteHandler> } {
  const notify: RouteHandler = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const channel = channelOfNotifyPath((req.url ?? '').split('?')[0]!);
    if (!channel || req.method !== 'POST') return sendJson(res, 404, { error: 'NOT_FOUND', message: '接口不存在' });
    const provider = deps.payment.providerOf(channel);
    if (!provider) return sendJson(res, 404, { error: 'NOT_FOUND', message: '接口不存在' });
    const raw = await readBody(req, Math.min(maxBodyBytes, 64 * 1024));
    const ctx = await createContext(req, requestId);
    const result = await deps.payment.handleNotification(ctx, channel, raw, req.headers);
    const reply = provider.notificationReply(result.outcome !== 'INVALID' && result.outcome !== 'BUSY');
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'cache-control': 'no-store' });
    res.end(reply.body);
  };
  return {
    exact: deps.paymentSimulator ? { [SIM_CHECKOUT_PATH]: deps.paymentSimulator.checkoutRoute(16 * 1024) } : {},
    prefix: { [NOTIFY_PATH_PREFIX]: notify },
  };
}

/** One reconciler pass with a context of its own (exported for tests and the CLI). */
export function runReconcilerOnce(deps: { payment: PaymentService; orm: MikroORM; clock: Clock; logger: Logger }): Promise<ReconcileReport> {
  const em = deps.orm.em.fork();
  const ctx = {
    requestId: `reconciler-${Date.now()}`,
    em,
    db: deps.orm.em,
    logger: deps.logger.child({ job: 'payment-reconciler' }),
    clock: deps.clock,
    ip: '127.0.0.1',
    userAgent: undefined,
    viewer: null,
    ops: null,
    loaders: undefined as never,
    responseCookies: [],
  } satisfies RequestContext;
  return deps.payment.reconcileOnce(ctx);
}

/** Runs the reconciler every `intervalMs` (0: never); returns the stop function. */
export function startReconciler(deps: Parameters<typeof runReconcilerOnce>[0], intervalMs: number): () => void {
  if (intervalMs <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runReconcilerOnce(deps)
      .catch((err) => deps.logger.error({ err }, 'payment reconciler failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
