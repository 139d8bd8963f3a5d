import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PublicDataCache } from '../modules/exam/public-data-cache';
import { selectsOnlyViewerRootFields, ViewerResponseCache } from './viewer-response-cache';

class Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

function setup({ ttlMs = 10_000, maxAccounts = 10, maxPerAccount = 2 } = {}) {
  const data = new PublicDataCache();
  data.activate();
  const clock = new Clock(1000);
  return { data, clock, cache: new ViewerResponseCache(data, clock, ttlMs, maxAccounts, maxPerAccount) };
}

const answer = { status: 200, headers: [['content-type', 'application/json; charset=utf-8']] as const, body: '{"data":{"myApplication":null}}' };

function storeCacheable(cache: ViewerResponseCache, accountId: string, key: string, window?: [number, number], now = 1000) {
  const mark = cache.mark(accountId, key)!;
  mark.cacheable = true;
  if (window) mark.dependsOnWindow(now, ...window);
  cache.store(mark, answer);
  return mark;
}

const operation = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;

describe('ViewerResponseCache', () => {
  it('serves an answer only to the account it was made for, and only when marked cacheable', () => {
    const { cache } = setup();
    cache.store(cache.mark('alice', 'q')!, answer);
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    storeCacheable(cache, 'alice', 'q');
    expect(cache.lookup('alice', 'q')?.body).toBe(answer.body);
    expect(cache.lookup('bob', 'q')).toBeUndefined();
  });

  it("drops an account's answers when its data changes, and keeps others'", () => {
    const { cache } = setup();
    storeCacheable(cache, 'alice', 'q');
    storeCacheable(cache, 'bob', 'q');
    cache.changed('alice');
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    expect(cache.lookup('bob', 'q')?.body).toBe(answer.body);
  });

  it('does not store a read that began before a change of its account, but does one that began after', () => {
    const { cache } = setup();
    const before = cache.mark('alice', 'q')!;
    const otherAccount = cache.mark('bob', 'q')!;
    cache.changed('alice');
    before.cacheable = true;
    cache.store(before, answer);
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    otherAccount.cacheable = true;
    cache.store(otherAccount, answer);
    expect(cache.lookup('bob', 'q')?.body).toBe(answer.body);
    storeCacheable(cache, 'alice', 'q');
    expect(cache.lookup('alice', 'q')?.body).toBe(answer.body);
  });

  it('drops everything, and refuses reads in flight, when published data changes', () => {
    const { data, cache } = setup();
    storeCacheable(cache, 'alice', 'q');
    const inFlight = cache.mark('bob', 'q')!;
    data.invalidate('exam_unit');
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    inFlight.cacheable = true;
    cache.store(inFlight, answer);
    expect(cache.lookup('bob', 'q')).toBeUndefined();
  });

  it('serves nothing while the listener is down', () => {
    const { data, cache } = setup();
    storeCacheable(cache, 'alice', 'q');
    data.deactivate();
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    storeCacheable(cache, 'alice', 'q');
    expect(cache.lookup('alice', 'q')).toBeUndefined();
  });

  it('keeps an answer no longer than the TTL, and never across a window edge it depends on (clock set back too)', () => {
    const { clock, cache } = setup({ ttlMs: 5000 });
    storeCacheable(cache, 'alice', 'q');
    clock.t = 5999;
    expect(cache.lookup('alice', 'q')).toBeDefined();
    clock.t = 6000;
    expect(cache.lookup('alice', 'q')).toBeUndefined();

    clock.t = 1000;
    storeCacheable(cache, 'alice', 'window', [500, 3000], 1000);
    clock.t = 2999;
    expect(cache.lookup('alice', 'window')).toBeDefined();
    clock.t = 3000;
    expect(cache.lookup('alice', 'window')).toBeUndefined();
    clock.t = 1000;
    storeCacheable(cache, 'alice', 'window', [500, 3000], 1000);
    clock.t = 499;
    expect(cache.lookup('alice', 'window')).toBeUndefined();
  });

  it('keeps no answer longer than its size limit', () => {
    const { data, clock } = setup();
    const cache = new ViewerResponseCache(data, clock, 10_000, 10, 2, 4096, 40);
    const mark = cache.mark('alice', 'q')!;
    mark.cacheable = true;
    cache.store(mark, { ...answer, body: 'x'.repeat(41) });
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    storeCacheable(cache, 'alice', 'q');
    expect(cache.lookup('alice', 'q')?.body).toBe(answer.body);
  });

  it('is off with a TTL of 0', () => {
    const { cache } = setup({ ttlMs: 0 });
    expect(cache.enabled).toBe(false);
    expect(cache.mark('alice', 'q')).toBeNull();
    expect(cache.lookup('alice', 'q')).toBeUndefined();
  });

  it('is bounded per account and in accounts, least recently used out', () => {
    const { cache } = setup({ maxAccounts: 2, maxPerAccount: 2 });
    for (const key of ['q1', 'q2', 'q3']) storeCacheable(cache, 'alice', key);
    expect(cache.lookup('alice', 'q1')).toBeUndefined();
    expect(cache.lookup('alice', 'q3')).toBeDefined();
    storeCacheable(cache, 'bob', 'q');
    expect(cache.lookup('alice', 'q3')).toBeDefined(); // alice is now the most recent
    storeCacheable(cache, 'carol', 'q');
    expect(cache.lookup('bob', 'q')).toBeUndefined();
    expect(cache.lookup('alice', 'q3')).toBeDefined();
    expect(cache.size).toBe(3);
  });

  it('stays bounded in remembered changes, refusing reads older than what it forgot', () => {
    const { cache } = setup({ maxAccounts: 2 });
    const old = cache.mark('alice', 'q')!;
    for (let i = 0; i < 20; i++) cache.changed(`account-${i}`);
    old.cacheable = true;
    cache.store(old, answer);
    expect(cache.lookup('alice', 'q')).toBeUndefined();
    storeCacheable(cache, 'alice', 'q');
    expect(cache.lookup('alice', 'q')).toBeDefined();
  });
});

describe('selectsOnlyViewerRootFields', () => {
  it('accepts queries of the own application only', () => {
    expect(selectsOnlyViewerRootFields(operation(`query($e: ID!) { myApplication(examId: $e) { id status } }`))).toBe(true);
    expect(selectsOnlyViewerRootFields(operation(`{ __typename myApplication(examId: "x") { id } }`))).toBe(true);
    expect(selectsOnlyViewerRootFields(operation(`{ myApplication(examId: "x") { id } me { id } }`))).toBe(false);
    expect(selectsOnlyViewerRootFields(operation(`mutation { myApplication(examId: "x") { id } }`))).toBe(false);
    expect(selectsOnlyViewerRootFields(operation(`{ myApplication(examId: "x") @include(if: true) { id } }`))).toBe(false);
    expect(selectsOnlyViewerRootFields(operation(`{ ... on Query { myApplication(examId: "x") { id } } }`))).toBe(false);
  });
});
