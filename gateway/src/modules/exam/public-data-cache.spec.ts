import { describe, expect, it } from 'vitest';
import { PublicDataCache } from './public-data-cache';

describe('PublicDataCache', () => {
  it('reads through, caching nothing, until activated', async () => {
    const cache = new PublicDataCache();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', ['exam'], load)).toBe(1);
    expect(await cache.get('k', ['exam'], load)).toBe(2);
    cache.activate();
    expect(await cache.get('k', ['exam'], load)).toBe(3);
    expect(await cache.get('k', ['exam'], load)).toBe(3);
    cache.deactivate();
    expect(await cache.get('k', ['exam'], load)).toBe(4);
  });

  it('drops only the entries built from the changed table, including one still loading', async () => {
    const cache = new PublicDataCache();
    cache.activate();
    let loads = 0;
    await cache.get('units', ['exam_unit', 'registration_unit'], async () => ++loads);
    await cache.get('exams', ['exam'], async () => ++loads);
    let release!: () => void;
    const slow = cache.get('notices', ['exam_unit_notice'], () => new Promise<number>((r) => (release = () => r(++loads))));
    cache.invalidate('registration_unit');
    cache.invalidate('exam_unit_notice');
    release();
    await slow;
    expect(cache.size).toBe(1);
    expect(await cache.get('exams', ['exam'], async () => -1)).toBe(2);
    expect(await cache.get('units', ['exam_unit'], async () => -1)).toBe(-1);
    expect(await cache.get('notices', ['exam_unit_notice'], async () => -2)).toBe(-2);
  });

  it('does not keep a failed load', async () => {
    const cache = new PublicDataCache();
    cache.activate();
    await expect(cache.get('k', ['exam'], async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', ['exam'], async () => 1)).toBe(1);
  });
});
