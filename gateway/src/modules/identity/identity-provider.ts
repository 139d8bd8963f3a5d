import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What the platform sends the provider for one certification (name and 证件号码, masked for display). */
export interface CertificationRequest {
  verificationId: string;
  name: string;
  documentNumber: string;
  expiresAt: Date;
}

export type CertificationOutcome = 'PASSED' | 'MISMATCH';

export interface CertificationResult {
  verificationId: string;
  outcome: CertificationOutcome;
}

/**
 * 支付宝扫码认证 (or any other provider that certifies a person against name + 证件号码). `start`
 * returns what the candidate's phone opens (the QR code's content); the provider later calls back with
 * a signed result, which `verifyCallback` checks: a result that does not verify changes nothing.
 */
export interface IdentityVerificationProvider {
  start(request: CertificationRequest): Promise<{ certifyUrl: string; providerReference: string }>;
  /** null when the signature is missing or wrong, or the body is not a result. */
  verifyCallback(rawBody: Buffer, headers: IncomingHttpHeaders): CertificationResult | null;
}

export const IDENTITY_CALLBACK_PATH = '/api/identity/callback';
export const IDENTITY_SIM_PATH = '/api/identity-sim/certify';
export const IDENTITY_SIGNATURE_HEADER = 'x-ccap-identity-signature';

/** HMAC-SHA256 (base64url) of the raw callback body. */
export function signIdentityCallback(key: Buffer, body: string | Buffer): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

export function checkIdentityCallback(key: Buffer, rawBody: Buffer, headers: IncomingHttpHeaders): CertificationResult | null {
  const given = headers[IDENTITY_SIGNATURE_HEADER];
  if (typeof given !== 'string' || !given) return null;
  const expected = Buffer.from(signIdentityCallback(key, rawBody));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  let parsed: any;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed?.verificationId !== 'string' || !['PASSED', 'MISMATCH'].includes(parsed.outcome)) return null;
  return { verificationId: parsed.verificationId, outcome: parsed.outcome };
}
