import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Loaders } from './loaders';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The signed-in candidate, when there is one (sessions arrive with the account module). */
export interface Viewer {
  id: string;
  name: string;
}

/** Everything a request carries; services take it as their first argument. */
export interface RequestContext {
  requestId: string;
  /** Forked per request: one identity map per request, never shared. */
  em: EntityManager;
  logger: Logger;
  clock: Clock;
  ip: string;
  userAgent: string | undefined;
  viewer: Viewer | null;
  loaders: Loaders;
}
