import { describe, expect, it } from 'vitest';
import { isWithinWindow } from './exam.entity';
import { loadExamUnitsByExamIds } from './exam.service';

describe('isWithinWindow', () => {
  const start = new Date('2027-01-03T00:00:00+08:00');
  const end = new Date('2027-01-24T12:00:00+08:00');
  it('is open from the first second of the start', () => {
    expect(isWithinWindow(new Date(start.getTime() - 1000), start, end)).toBe(false);
    expect(isWithinWindow(start, start, end)).toBe(true);
  });
  it('is closed from the end second on', () => {
    expect(isWithinWindow(new Date(end.getTime() - 1000), start, end)).toBe(true);
    expect(isWithinWindow(end, start, end)).toBe(false);
    expect(isWithinWindow(new Date(end.getTime() + 1000), start, end)).toBe(false);
  });
});

describe('loadExamUnitsByExamIds', () => {
  it('answers every key in order with one query, empty lists for exams without units', async () => {
    const queries: unknown[][] = [];
    const rows = [
      { examId: 'b', unitName: '北京市' },
      { examId: 'a', unitName: '天津市' },
      { examId: 'b', unitName: '河北省' },
    ];
    const em = { getConnection: () => ({ execute: async (sql: string, params: unknown[]) => (queries.push(params), rows) }) };
    const result = await loadExamUnitsByExamIds(em as never, ['a', 'b', 'c']);
    expect(queries).toHaveLength(1);
    expect(result.map((list) => list.map((r) => r.unitName))).toEqual([['天津市'], ['北京市', '河北省'], []]);
  });
});
