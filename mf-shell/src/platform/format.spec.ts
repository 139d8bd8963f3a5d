import { describe, expect, it } from 'vitest';
import { formatDateTime, formatPeriod } from './format';

describe('formatDateTime', () => {
  it('formats in Asia/Shanghai as YYYY-MM-DD HH:mm:ss, whatever the local zone', () => {
    expect(formatDateTime('2025-01-02T16:00:00.000Z')).toBe('2025-01-03 00:00:00');
    expect(formatDateTime('2025-01-24T04:00:00Z')).toBe('2025-01-24 12:00:00');
    expect(formatDateTime('2025-12-31T23:59:59+08:00')).toBe('2025-12-31 23:59:59');
    expect(formatDateTime(new Date(Date.UTC(2025, 5, 11, 16, 0, 0)))).toBe('2025-06-12 00:00:00');
  });

  it('shows — for nothing or nonsense', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('joins a period with 至', () => {
    expect(formatPeriod('2025-01-02T16:00:00Z', '2025-01-24T10:00:00Z')).toBe('2025-01-03 00:00:00 至 2025-01-24 18:00:00');
  });
});
