import { describe, expect, it } from 'vitest';
import { photoProblem } from './upload';

describe('photoProblem', () => {
  it('refuses non-JPEG and files of 10 KB or less before sending', () => {
    expect(photoProblem({ type: 'image/png', size: 50_000, name: 'a.png' })).toBe('个人照片须为JPG格式');
    expect(photoProblem({ type: 'image/jpeg', size: 10 * 1024, name: 'a.jpg' })).toContain('大于10KB');
    expect(photoProblem({ type: 'image/jpeg', size: 10 * 1024 + 1, name: 'a.jpg' })).toBeNull();
  });
});
