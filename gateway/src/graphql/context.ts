import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Loaders } from './loaders';
import type { OpsPrincipal } from '../modules/ops/ops-principal';
import type { ResponseMark } from './public-response-cache';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The signed-in candidate, when there is one, from the session cookie. */
export interface Viewer {
  /** candidate_account.id */
  id: string;
  name: string;
  /** Names the session of this request (for 退出登录) without keeping the token itself around. */
  sessionTokenHash: Buffer;
}

/** Everything a request carries; services take it as their first argument. */
export interface RequestContext {
  requestId: string;
  /** Forked per request: one identity map per request, never shared. */
  em: EntityManager;
  /**
   * The ORM's root EntityManager, only for the raw statements of the hot paths (orm/raw-transaction.ts):
   * they need its connection pool, not an identity map, and forking one costs more than they do.
   */
  db: EntityManager;
  logger: Logger;
  clock: Clock;
  ip: string;
  userAgent: string | undefined;
  viewer: Viewer | null;
  /** The signed-in ops staff member (reviewer/admin), when there is one. */
  ops: OpsPrincipal | null;
  loaders: Loaders;
  /** Set-Cookie values to send with the response (sign-in, sign-out). */
  responseCookies: string[];
  /** The request's Cookie header, for the few services that read a cookie besides the session (微信扫码登录's nonce). */
  cookieHeader?: string;
  /** Present when this request's whole answer may be cached for every anonymous caller (PublicResponseCache). */
  responseMark?: ResponseMark;
}

/**
 * The context for work inside a transaction: everything of `ctx`, with the transaction's EntityManager.
 * Inherits rather than copies, so the lazy parts of a request's context (its EntityManager fork, child
 * logger and DataLoaders) are made only when used, and once per request.
 */
export function withEntityManager(ctx: RequestContext, em: EntityManager): RequestContext {
  return Object.create(ctx, { em: { value: em, enumerable: true } }) as RequestContext;
}
