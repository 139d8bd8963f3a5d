import { expect } from 'vitest';

export type OpsGraphql = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] }>;

const signedIn = new Map<string, Promise<OpsGraphql>>();

/**
 * The demo 北京市 reviewer (reviewer-bj) signed in through opsLogin, with the password and the dev
 * TOTP code the gateway publishes at /dev/ops-totp when its dev outbox is on. One sign-in per gateway:
 * a TOTP code is accepted once, so a second sign-in within the same 30 s step would be refused.
 */
export function signInDemoReviewer(gatewayUrl: string): Promise<OpsGraphql> {
  let client = signedIn.get(gatewayUrl);
  if (!client) {
    client = opsLogin(gatewayUrl);
    signedIn.set(gatewayUrl, client);
    client.catch(() => signedIn.delete(gatewayUrl));
  }
  return client;
}

async function opsLogin(gatewayUrl: string): Promise<OpsGraphql> {
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
