import { computeResidentIdCheckChar } from './identity-document';

/**
 * Builds a valid 18-character 居民身份证号码 for tests, so no real person's number appears in the suite.
 * @param region six-digit GB/T 2260 code, e.g. '110105'
 * @param birth 'YYYYMMDD'
 * @param sequence three digits; odd = male, even = female
 */
export function makeResidentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + computeResidentIdCheckChar(first17);
}
