import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PublicDataCache } from '../modules/exam/public-data-cache';
import { PublicResponseCache, selectsOnlyPublicRootFields } from './public-response-cache';

class Clock {
  constructor(public t: number) {}
  now() {
    return new Date(this.t);
  }
}

function setup(maxEntries = 10) {
  const data = new PublicDataCache();
  data.activate();
  const clock = new Clock(1000);
  return { data, clock, cache: new PublicResponseCache(data, clock, maxEntries) };
}

const answer = { status: 200, headers: [['content-type', 'application/json; charset=utf-8']] as const, body: '{"data":{}}' };

function storeCacheable(cache: PublicResponseCache, key: string, window?: [number, number], now = 1000) {
  const mark = cache.mark(key)!;
  mark.cacheable = true;
  if (window) mark.dependsOnWindow(now, ...window);
  cache.store(mark, answer);
  return mark;
}

const operation = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;

describe('PublicResponseCache', () => {
  it('stores only answers marked cacheable, and serves them', () => {
    const { cache } = setup();
    cache.store(cache.mark('a')!, answer);
    expect(cache.lookup('a')).toBeUndefined();
    storeCacheable(cache, 'a');
    expect(cache.lookup('a')?.body).toBe(answer.body);
  });

  it('drops everything when published data changes, and does not store an answer begun before the change', () => {
    const { data, cache } = setup();
    storeCacheable(cache, 'a');
    const inFlight = cache.mark('b')!;
    data.invalidate('exam_unit');
    expect(cache.lookup('a')).toBeUndefined();
    inFlight.cacheable = true;
    cache.store(inFlight, answer);
    expect(cache.lookup('b')).toBeUndefined();
  });

  it('serves nothing while the data cache is inactive (its listener is down)', () => {
    const { data, cache } = setup();
    data.deactivate();
    storeCacheable(cache, 'a');
    expect(cache.lookup('a')).toBeUndefined();
    data.activate();
    expect(cache.lookup('a')).toBeUndefined();
  });

  it('an answer showing a window holds only between the edges around the time it was made', () => {
    const { clock, cache } = setup();
    // Made inside [500, 2000): open; valid from 500 until 2000.
    storeCacheable(cache, 'open', [500, 2000]);
    clock.t = 1999;
    expect(cache.lookup('open')).toBeDefined();
    clock.t = 2000;
    expect(cache.lookup('open')).toBeUndefined();
    // Made before the window: valid until it opens; a clock set back before 500 is outside too.
    storeCacheable(cache, 'early', [3000, 4000], 2000);
    clock.t = 2999;
    expect(cache.lookup('early')).toBeDefined();
    clock.t = 3000;
    expect(cache.lookup('early')).toBeUndefined();
    clock.t = 1000;
    storeCacheable(cache, 'open', [500, 2000]);
    clock.t = 499;
    expect(cache.lookup('open')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const { cache } = setup(2);
    storeCacheable(cache, 'a');
    storeCacheable(cache, 'b');
    cache.lookup('a');
    storeCacheable(cache, 'c');
    expect(cache.size).toBe(2);
    expect(cache.lookup('b')).toBeUndefined();
    expect(cache.lookup('a')).toBeDefined();
    expect(cache.lookup('c')).toBeDefined();
  });

  it('refuses keys over the size limit', () => {
    const { data, clock } = setup();
    const cache = new PublicResponseCache(data, clock, 10, 8);
    expect(cache.mark('x'.repeat(9))).toBeNull();
  });
});

describe('selectsOnlyPublicRootFields', () => {
  it('accepts queries made of the public exam fields only', () => {
    expect(selectsOnlyPublicRootFields(operation('{ exams { id name } }'))).toBe(true);
    expect(selectsOnlyPublicRootFields(operation('query P($id: ID!) { exam(id: $id) { id units { registrationOpen } } __typename }'))).toBe(true);
  });

  it('refuses other root fields, mutations, fragments and directives at the root', () => {
    expect(selectsOnlyPublicRootFields(operation('{ exams { id } me { id } }'))).toBe(false);
    expect(selectsOnlyPublicRootFields(operation('{ __schema { types { name } } }'))).toBe(false);
    expect(selectsOnlyPublicRootFields(operation('mutation { exams }'))).toBe(false);
    expect(selectsOnlyPublicRootFields(operation('{ ... on Query { exams { id } } }'))).toBe(false);
    expect(selectsOnlyPublicRootFields(operation('query ($s: Boolean!) { exams @skip(if: $s) { id } }'))).toBe(false);
  });
});
