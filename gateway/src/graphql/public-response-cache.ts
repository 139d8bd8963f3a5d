import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { PublicDataCache } from '../modules/exam/public-data-cache';
import type { Clock, RequestContext } from './context';

/**
 * Root fields whose whole answer is the same for every caller: published exam data (from
 * PublicDataCache) plus `registrationOpen`, which depends only on the clock. Every field reachable
 * from them must keep it that way; a field that reads live or per-caller data belongs elsewhere.
 */
export const PUBLIC_RESPONSE_ROOT_FIELDS: ReadonlySet<string> = new Set(['exams', 'exam', '__typename']);

/**
 * What one request may contribute to a response cache, shared by reference with its context (Apollo
 * clones the context object, not this). The HTTP layer creates it for JSON POSTs: anonymous ones
 * (PublicResponseCache) and signed-in candidates' (ViewerResponseCache, with their account id).
 */
export class ResponseMark {
  /** Set by the cache's plugin: an operation it may keep, answered without errors or cookies. */
  cacheable = false;
  /** The answer holds from this instant (the last window edge it shows that has passed), in ms... */
  validFrom = Number.NEGATIVE_INFINITY;
  /** ...until this one (the next edge), when registrationOpen flips. */
  expiresAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly key: string,
    /** The cache's generation when the request started: a change in between forbids storing. */
    readonly generation: number,
    /** The candidate whose answer this is; null for an anonymous (public) one. */
    readonly accountId: string | null = null,
  ) {}

  /**
   * Called by resolvers that derive a value from the clock and the window [start, end) (start
   * inclusive, as isWithinWindow): the value holds between the edges around `now`.
   */
  dependsOnWindow(now: number, start: number, end: number): void {
    const from = now >= end ? end : now >= start ? start : Number.NEGATIVE_INFINITY;
    const until = now < start ? start : now < end ? end : Number.POSITIVE_INFINITY;
    if (from > this.validFrom) this.validFrom = from;
    if (until < this.expiresAt) this.expiresAt = until;
  }
}

export interface CachedResponse {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
  validFrom: number;
  expiresAt: number;
}

/**
 * Whole responses to anonymous reads of published exam data (选择考试, the province table), keyed
 * by the Accept header and the raw request body: a hit skips parsing, validation, context and
 * execution. The answer was produced by the full pipeline (armor limits, access rules) for exactly
 * that body, so it is the answer that pipeline would give again, until
 * - published data changes: PublicDataCache reports every invalidation and every loss of its
 *   PostgreSQL listener, and all entries are dropped (a request that started before is not stored);
 * - the clock leaves the span between the registration window edges around the time it was made
 *   (`registrationOpen` would flip; a clock set back is handled too).
 * Serves only while PublicDataCache is active. Bounded, least recently used first out.
 */
export class PublicResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private generation = 0;

  constructor(
    private readonly publicData: PublicDataCache,
    private readonly clock: Clock,
    private readonly maxEntries = 1000,
    /** Bodies longer than this are neither looked up nor stored (keys are held in memory). */
    readonly maxKeyLength = 4096,
  ) {
    publicData.onChange(() => this.clear());
  }

  /** A mark for a request, or null when its body is too large to be a key. */
  mark(key: string): ResponseMark | null {
    return key.length <= this.maxKeyLength ? new ResponseMark(key, this.generation) : null;
  }

  lookup(key: string): CachedResponse | undefined {
    if (!this.publicData.isActive || key.length > this.maxKeyLength) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    const now = this.clock.now().getTime();
    if (now >= hit.expiresAt || now < hit.validFrom) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  store(mark: ResponseMark, response: Omit<CachedResponse, 'validFrom' | 'expiresAt'>): void {
    if (!mark.cacheable || mark.generation !== this.generation || !this.publicData.isActive) return;
    const now = this.clock.now().getTime();
    if (now >= mark.expiresAt || now < mark.validFrom) return;
    this.entries.delete(mark.key);
    this.entries.set(mark.key, { ...response, validFrom: mark.validFrom, expiresAt: mark.expiresAt });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Only plain fields at the root, all of them public-response fields, no directives (nothing conditional). */
export function selectsOnlyPublicRootFields(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query' || operation.directives?.length) return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && PUBLIC_RESPONSE_ROOT_FIELDS.has(s.name.value) && !s.directives?.length,
  );
}

/** Marks the request cacheable once the operation is known, and un-marks it if the answer carries errors or cookies. */
export const publicResponsePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart({ contextValue }) {
    const mark = contextValue.responseMark;
    if (!mark || mark.accountId !== null) return;
    return {
      async didResolveOperation({ operation, contextValue: ctx }) {
        mark.cacheable = ctx.viewer === null && ctx.ops === null && !!operation && selectsOnlyPublicRootFields(operation);
      },
      async willSendResponse({ response, contextValue: ctx }) {
        if (response.body.kind !== 'single' || response.body.singleResult.errors || ctx.responseCookies.length > 0) mark.cacheable = false;
      },
    };
  },
};
