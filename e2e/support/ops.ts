import { expect } from 'vitest';

export type OpsGraphql = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] }>;

/**
 * The demo 北京市 reviewer (reviewer-bj) signed in through opsLogin, with the password and the dev
 * TOTP code the gateway publishes at /dev/ops-totp when its dev outbox is on.
 */
export async function signInDemoReviewer(gatewayUrl: string): Promise<OpsGraphql> {
  const post = async (query: string, variables: Record<string, unknown>, cookie?: string) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { body: (await response.json()) as { data?: any; errors?: unknown[] }, headers: response.headers };
  };
  const credentials = (await (await fetch(`${gatewayUrl}/dev/ops-totp`)).json()) as { totp: string; accounts: Array<{ username: string; password: string }> };
  const reviewer = credentials.accounts.find((a) => a.username === 'reviewer-bj')!;
  const login = await post('mutation($u: String!, $p: String!, $t: String!) { opsLogin(username: $u, password: $p, totp: $t) { ok message } }', {
    u: reviewer.username,
    p: reviewer.password,
    t: credentials.totp,
  });
  expect(login.body.data?.opsLogin.ok, JSON.stringify(login.body)).toBe(true);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('ccap_ops_sid='))!.split(';')[0]!;
  return async (query, variables = {}) => (await post(query, variables, cookie)).body;
}
