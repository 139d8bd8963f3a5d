import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { serializeCookie } from '../http/cookies';
import type { PublicDataCache } from '../modules/exam/public-data-cache';
import type { Clock, RequestContext } from './context';
import { ResponseMark, type CachedResponse } from './public-response-cache';

/** Notified with the account id when a reviewer or the payment channel decides about an application (migration …_candidate_data_notify). */
export const CANDIDATE_DATA_CHANNEL = 'candidate_data_changed';

/**
 * Root fields whose whole answer depends only on the signed-in candidate's own application rows
 * (application, application_upload, application_history), published data (PublicDataCache) and the
 * registration window edges. Those rows change only by the candidate's own writes (which drop the
 * answers, see viewerResponsePlugin) or by decisions that notify. A field that reads anything else
 * must not be reachable from them, or must not be listed here.
 */
export const VIEWER_RESPONSE_ROOT_FIELDS: ReadonlySet<string> = new Set(['myApplication', '__typename']);

/**
 * Set on every response to a signed-in candidate's write: for a few seconds, that browser's reads
 * skip every process's cache. Its own writes are thus read back at once by any process, even one
 * whose notification of the change is still on its way (a few milliseconds; the cookie outlives it).
 */
export const FRESH_READS_COOKIE = 'ccap_fresh';
export const FRESH_READS_SECONDS = 5;

export function freshReadsCookie(secure: boolean): string {
  return serializeCookie(FRESH_READS_COOKIE, '1', { httpOnly: true, secure, sameSite: 'Lax', path: '/', maxAgeSeconds: FRESH_READS_SECONDS });
}

interface AccountEntries {
  responses: Map<string, CachedResponse & { storedAt: number }>;
}

/**
 * Whole answers to a signed-in candidate's reads of their own application (报名状态, the page most
 * refreshed on registration day), per account, keyed by Accept header and raw body. A hit skips
 * parsing, validation, execution and the database; the session is still checked (and slides) first.
 * An answer is dropped
 * - when a reviewer or the payment channel decides (status to or from 审核通过/不通过/已缴费): a trigger
 *   notifies the account id on commit and every process drops it;
 * - when the candidate writes (any mutation, any upload): here at once, and the response sets
 *   FRESH_READS_COOKIE, so that browser's next reads bypass every process (another device of the same
 *   candidate may see the old answer until the TTL);
 * - when published data changes, or the listening connection is lost (nothing is served then);
 * - when the clock crosses a registration window edge the answer depends on;
 * - after ttlMs at the latest.
 * A request that started before its account changed is not stored. Bounded, least recently used out.
 */
export class ViewerResponseCache {
  private readonly accounts = new Map<string, AccountEntries>();
  /** Sequence number of the latest change per account; a mark taken before it may not store. */
  private readonly changedAt = new Map<string, number>();
  private sequence = 0;
  /** Marks older than this may not store (changedAt entries below it were pruned). */
  private floor = 0;

  constructor(
    private readonly publicData: PublicDataCache,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    // An answer with its key is a few KB (the 报名状态 page's is ≈ 5 KB): at most ≈ 100 MB per process.
    private readonly maxAccounts = 5_000,
    private readonly maxPerAccount = 2,
    readonly maxKeyLength = 4096,
    private readonly maxBodyLength = 16_384,
  ) {
    publicData.onChange(() => this.clear());
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  mark(accountId: string, key: string): ResponseMark | null {
    return this.enabled && key.length <= this.maxKeyLength ? new ResponseMark(key, this.sequence, accountId) : null;
  }

  lookup(accountId: string, key: string): CachedResponse | undefined {
    if (!this.enabled || !this.publicData.isActive) return undefined;
    const account = this.accounts.get(accountId);
    const hit = account?.responses.get(key);
    if (!account || !hit) return undefined;
    const now = this.clock.now().getTime();
    if (now >= hit.expiresAt || now < hit.validFrom || now >= hit.storedAt + this.ttlMs || now < hit.storedAt) {
      account.responses.delete(key);
      return undefined;
    }
    // Most recently used account last.
    this.accounts.delete(accountId);
    this.accounts.set(accountId, account);
    return hit;
  }

  store(mark: ResponseMark, response: Omit<CachedResponse, 'validFrom' | 'expiresAt'>): void {
    const accountId = mark.accountId;
    if (!accountId || !mark.cacheable || !this.enabled || !this.publicData.isActive || response.body.length > this.maxBodyLength) return;
    if (mark.generation < this.floor || (this.changedAt.get(accountId) ?? -1) > mark.generation) return;
    const now = this.clock.now().getTime();
    if (now >= mark.expiresAt || now < mark.validFrom) return;
    let account = this.accounts.get(accountId);
    if (account) this.accounts.delete(accountId);
    else account = { responses: new Map() };
    this.accounts.set(accountId, account);
    account.responses.delete(mark.key);
    account.responses.set(mark.key, { ...response, validFrom: mark.validFrom, expiresAt: mark.expiresAt, storedAt: now });
    if (account.responses.size > this.maxPerAccount) account.responses.delete(account.responses.keys().next().value!);
    if (this.accounts.size > this.maxAccounts) this.accounts.delete(this.accounts.keys().next().value!);
  }

  /** The account's data changed (notified, or written by this process): its answers go, and reads in flight may not store. */
  changed(accountId: string): void {
    this.sequence++;
    this.accounts.delete(accountId);
    this.changedAt.delete(accountId);
    this.changedAt.set(accountId, this.sequence);
    if (this.changedAt.size > 4 * this.maxAccounts) {
      // Forget the oldest half; marks taken before what is forgotten may no longer store.
      let drop = this.changedAt.size / 2;
      for (const [id, at] of this.changedAt) {
        if (drop-- <= 0) break;
        this.changedAt.delete(id);
        this.floor = Math.max(this.floor, at + 1);
      }
    }
  }

  clear(): void {
    this.sequence++;
    this.floor = this.sequence;
    this.accounts.clear();
    this.changedAt.clear();
  }

  get size(): number {
    let n = 0;
    for (const account of this.accounts.values()) n += account.responses.size;
    return n;
  }
}

/** A query of viewer-response root fields only, without directives (nothing conditional). */
export function selectsOnlyViewerRootFields(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query' || operation.directives?.length) return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && VIEWER_RESPONSE_ROOT_FIELDS.has(s.name.value) && !s.directives?.length,
  );
}

/**
 * Marks a signed-in candidate's own-application read cacheable; after a signed-in candidate's
 * mutation, drops their answers here and sets FRESH_READS_COOKIE (unless it sends session cookies).
 */
export function viewerResponsePlugin(cache: ViewerResponseCache, secureCookie: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue: ctx }) {
          const mark = ctx.responseMark;
          if (mark && mark.accountId !== null) {
            mark.cacheable = ctx.ops === null && ctx.viewer?.id === mark.accountId && !!operation && selectsOnlyViewerRootFields(operation);
          }
        },
        async willSendResponse({ response, contextValue: ctx, operation }) {
          const mark = ctx.responseMark;
          if (mark?.accountId && (response.body.kind !== 'single' || response.body.singleResult.errors || ctx.responseCookies.length > 0)) mark.cacheable = false;
          if (operation?.operation === 'mutation' && ctx.viewer && cache.enabled) {
            cache.changed(ctx.viewer.id);
            // Sign-in, sign-out and password resets send session cookies and change no application data.
            if (ctx.responseCookies.length === 0) ctx.responseCookies.push(freshReadsCookie(secureCookie));
          }
        },
      };
    },
  };
}
