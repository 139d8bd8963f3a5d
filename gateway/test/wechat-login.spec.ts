import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ME, registerCandidate, sessionCookieOf, solvedCaptcha, STRONG_PASSWORD } from './account-support';
import { FakeClock, startTestGateway, type TestGateway } from './support';
import { signCallback, WECHAT_CALLBACK_PATH, WECHAT_SIGNATURE_HEADER, WECHAT_SIM_PREFIX } from '../src/modules/account/wechat-provider';
import { WECHAT_BIND_WINDOW_MS, WECHAT_TICKETS_PER_CLIENT } from '../src/modules/account/wechat-login.service';

const clock = new FakeClock(new Date('2027-01-03T02:00:00Z'));
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ clock, env: { LOGIN_IP_MAX_FAILURES: '10000', WECHAT_TICKET_TTL_SECONDS: '120' } });
});
afterAll(async () => {
  await gw?.close();
});

const CREATE = /* GraphQL */ `mutation { createWeChatLoginTicket { ok errorCode message ticket { ticketId qrContent expiresAt simulated } } }`;
const POLL = /* GraphQL */ `mutation($id: ID!) { pollWeChatLogin(ticketId: $id) { ok errorCode message status viewer { id maskedName } } }`;
const BIND = /* GraphQL */ `mutation($input: WeChatBindInput!) { bindWeChatAndLogin(input: $input) { ok errorCode message field remainingAttempts viewer { id maskedName } } }`;

/** A browser: a cookie jar of ccap_wx and ccap_sid. */
class Browser {
  cookies = new Map<string, string>();
  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
  async graphql(query: string, variables: Record<string, unknown> = {}) {
    const res = await gw.graphql(query, variables, this.header());
    for (const set of res.headers.getSetCookie()) {
      const [pair, ...attrs] = set.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return res;
  }
  async newTicket(): Promise<string> {
    const { body } = await this.graphql(CREATE);
    expect(body.data.createWeChatLoginTicket).toMatchObject({ ok: true, ticket: { simulated: true } });
    return body.data.createWeChatLoginTicket.ticket.ticketId;
  }
  async poll(id: string) {
    const res = await this.graphql(POLL, { id });
    return { result: res.body.data.pollWeChatLogin, res };
  }
}

/** The provider's callback, signed with the configured key unless told otherwise. */
async function callback(payload: Record<string, unknown>, options: { key?: Buffer; signature?: string | null } = {}) {
  const body = JSON.stringify({ timestamp: clock.now().getTime(), nonce: 'n1', ...payload });
  const signature = options.signature === undefined ? signCallback(options.key ?? gw.config.wechat.callbackKey, body) : options.signature;
  const res = await fetch(`${gw.url}${WECHAT_CALLBACK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { [WECHAT_SIGNATURE_HEADER]: signature } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string; message: string } };
}

const confirm = (ticketId: string, openid: string) => callback({ ticketId, event: 'CONFIRMED', openid });
let openidSeq = 0;
const newOpenid = () => `o_test_${Date.now().toString(36)}_${openidSeq++}`;

async function bind(browser: Browser, ticketId: string, identifier: string, password = STRONG_PASSWORD) {
  const res = await browser.graphql(BIND, { input: { ticketId, identifier, password, ...(await solvedCaptcha(gw)) } });
  return { result: res.body.data.bindWeChatAndLogin, res };
}

describe('微信扫码登录', () => {
  it('issues a ticket bound to the browser by an HttpOnly nonce cookie and shows the simulator link', async () => {
    const res = await gw.graphql(CREATE);
    const ticket = res.body.data.createWeChatLoginTicket.ticket;
    expect(ticket.qrContent).toBe(`${WECHAT_SIM_PREFIX}${ticket.ticketId}`);
    expect(new Date(ticket.expiresAt).getTime() - clock.now().getTime()).toBe(120_000);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ccap_wx='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(sessionCookieOf(res.headers)).toBeUndefined();
  });

  it('refuses callbacks without a valid signature, with another key, stale or malformed', async () => {
    const browser = new Browser();
    const id = await browser.newTicket();
    expect((await callback({ ticketId: id, event: 'CONFIRMED', openid: newOpenid() }, { signature: null })).status).toBe(401);
    expect((await callback({ ticketId: id, event: 'CONFIRMED', openid: newOpenid() }, { signature: 'x'.repeat(43) })).status).toBe(401);
    expect((await callback({ ticketId: id, event: 'CONFIRMED', openid: newOpenid() }, { key: Buffer.alloc(32, 7) })).status).toBe(401);
    expect((await callback({ ticketId: id, event: 'CONFIRMED', openid: newOpenid(), timestamp: clock.now().getTime() - 10 * 60_000 })).status).toBe(401);
    expect((await callback({ ticketId: id, event: 'CONFIRMED', openid: 'a b' })).status).toBe(401);
    // Nothing of it reached the ticket.
    expect((await browser.poll(id)).result).toMatchObject({ ok: true, status: 'WAITING' });
  });

  it('walks 扫码 → 确认 for an unbound identity: BIND_REQUIRED, then 绑定已有账号 signs in; next time it signs in at once', async () => {
    const { input, viewer } = await registerCandidate(gw, { name: '张三' });
    const openid = newOpenid();
    const browser = new Browser();
    const id = await browser.newTicket();
    expect((await callback({ ticketId: id, event: 'SCANNED' })).body.ok).toBe(true);
    expect((await browser.poll(id)).result).toMatchObject({ ok: true, status: 'SCANNED' });
    expect((await confirm(id, openid)).body).toMatchObject({ ok: true });
    const polled = await browser.poll(id);
    expect(polled.result).toMatchObject({ ok: true, status: 'BIND_REQUIRED', viewer: null });
    expect(sessionCookieOf(polled.res.headers)).toBeUndefined();

    // A wrong password is counted like 登录 and binds nothing.
    const wrong = await bind(browser, id, input.documentNumber as string, 'Wrong#2026x');
    expect(wrong.result).toMatchObject({ ok: false, errorCode: 'INVALID_CREDENTIALS', remainingAttempts: 4 });
    expect(sessionCookieOf(wrong.res.headers)).toBeUndefined();

    const nonceBeforeSignIn = browser.cookies.get('ccap_wx')!;
    const bound = await bind(browser, id, input.phone as string);
    expect(bound.result).toMatchObject({ ok: true, viewer: { id: viewer.id, maskedName: '张*' } });
    expect(sessionCookieOf(bound.res.headers)).toBeDefined();
    expect((await browser.graphql(ME)).body.data.me.id).toBe(viewer.id);
    // Single use: the nonce cookie is cleared, and replaying it finds the ticket spent.
    expect(browser.cookies.has('ccap_wx')).toBe(false);
    expect((await browser.poll(id)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_OTHER_BROWSER' });
    browser.cookies.set('ccap_wx', nonceBeforeSignIn);
    expect((await browser.poll(id)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_USED' });
    expect((await bind(browser, id, input.phone as string)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_USED' });

    // Another day, another browser: the bound openid signs in on the poll that observes the confirmation.
    const later = new Browser();
    const id2 = await later.newTicket();
    await confirm(id2, openid);
    const signedIn = await later.poll(id2);
    expect(signedIn.result).toMatchObject({ ok: true, status: 'SIGNED_IN', message: '登录成功', viewer: { id: viewer.id, maskedName: '张*' } });
    expect(sessionCookieOf(signedIn.res.headers)).toBeDefined();
    expect(later.cookies.has('ccap_wx')).toBe(false);
    expect((await later.graphql(ME)).body.data.me.id).toBe(viewer.id);
    expect((await later.poll(id2)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_OTHER_BROWSER' });
  });

  it('never lets another browser claim a confirmed ticket', async () => {
    const { viewer, input } = await registerCandidate(gw);
    const openid = newOpenid();
    const owner = new Browser();
    const first = await owner.newTicket();
    await confirm(first, openid);
    await bind(owner, first, input.phone as string);

    const victim = new Browser();
    const id = await victim.newTicket();
    await confirm(id, openid);
    const attacker = new Browser();
    await attacker.newTicket(); // has a nonce cookie of its own, just not this ticket's
    for (const browser of [attacker, new Browser()]) {
      const stolen = await browser.poll(id);
      expect(stolen.result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_OTHER_BROWSER', viewer: null });
      expect(sessionCookieOf(stolen.res.headers)).toBeUndefined();
      expect((await bind(browser, id, input.phone as string)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_OTHER_BROWSER' });
    }
    // The browser that showed the code still signs in.
    expect((await victim.poll(id)).result).toMatchObject({ ok: true, status: 'SIGNED_IN', viewer: { id: viewer.id } });
  });

  it('refuses expired tickets: no confirmation after 2 minutes, no binding after the bind window', async () => {
    const browser = new Browser();
    const id = await browser.newTicket();
    clock.advance(120_000);
    expect((await confirm(id, newOpenid())).body).toMatchObject({ ok: false, error: 'WECHAT_TICKET_EXPIRED' });
    expect((await browser.poll(id)).result).toMatchObject({ ok: true, status: 'EXPIRED' });

    const { input } = await registerCandidate(gw);
    const id2 = await browser.newTicket();
    await confirm(id2, newOpenid());
    clock.advance(WECHAT_BIND_WINDOW_MS);
    expect((await browser.poll(id2)).result).toMatchObject({ ok: true, status: 'EXPIRED' });
    expect((await bind(browser, id2, input.phone as string)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_TICKET_EXPIRED' });
  });

  it('moves only forward: a cancelled or confirmed ticket cannot be confirmed again', async () => {
    const browser = new Browser();
    const id = await browser.newTicket();
    expect((await callback({ ticketId: id, event: 'CANCELLED' })).body.ok).toBe(true);
    expect((await browser.poll(id)).result).toMatchObject({ ok: true, status: 'CANCELLED' });
    expect((await confirm(id, newOpenid())).body).toMatchObject({ ok: false, error: 'WECHAT_TICKET_USED' });

    const id2 = await browser.newTicket();
    const openid = newOpenid();
    await confirm(id2, openid);
    expect((await confirm(id2, newOpenid())).body).toMatchObject({ ok: false, error: 'WECHAT_TICKET_USED' });
    // Binding needs the phone's confirmation first.
    const id3 = await browser.newTicket();
    const { input } = await registerCandidate(gw);
    expect((await bind(browser, id3, input.phone as string)).result).toMatchObject({ ok: false, errorCode: 'WECHAT_NOT_CONFIRMED' });
  });

  it('binds one WeChat identity per account', async () => {
    const { input } = await registerCandidate(gw);
    const browser = new Browser();
    const id = await browser.newTicket();
    await confirm(id, newOpenid());
    expect((await bind(browser, id, input.phone as string)).result.ok).toBe(true);
    const other = new Browser();
    const id2 = await other.newTicket();
    await confirm(id2, newOpenid());
    const again = await bind(other, id2, input.phone as string);
    expect(again.result).toMatchObject({ ok: false, errorCode: 'WECHAT_ALREADY_BOUND' });
    expect(sessionCookieOf(again.res.headers)).toBeUndefined();
  });

  it('limits the QR codes one client address may ask for, and forgets tickets a day after they expired', async () => {
    // Counted per client address: a fresh address (behind a trusted proxy) has its own budget.
    const proxied = await startTestGateway({ clock, env: { TRUST_PROXY: '1' }, database: gw.database });
    try {
      const headers = { 'x-forwarded-for': '198.51.100.77' };
      for (let i = 0; i < WECHAT_TICKETS_PER_CLIENT; i++) {
        expect((await proxied.graphql(CREATE, {}, headers)).body.data.createWeChatLoginTicket.ok).toBe(true);
      }
      const { body } = await proxied.graphql(CREATE, {}, headers);
      expect(body.data.createWeChatLoginTicket).toMatchObject({ ok: false, errorCode: 'CLIENT_LOCKED', ticket: null });
      expect((await proxied.graphql(CREATE, {}, { 'x-forwarded-for': '198.51.100.78' })).body.data.createWeChatLoginTicket.ok).toBe(true);
    } finally {
      await proxied.close();
    }

    const browser = new Browser();
    const old = await browser.newTicket();
    clock.advance(25 * 60 * 60_000);
    await new Browser().newTicket();
    const [{ count }] = await gw.orm.em.getConnection().execute(`select count(*)::int as count from wechat_login_ticket where id = ?`, [old]);
    expect(count).toBe(0);
  });

  it('serves the simulator phone page: scanning reports 已扫码, 确认登录 sends a signed callback', async () => {
    const browser = new Browser();
    const id = await browser.newTicket();
    const page = await fetch(`${gw.url}${WECHAT_SIM_PREFIX}${id}`);
    const html = await page.text();
    expect(html).toContain('模拟器');
    expect(html).toContain('确认登录');
    expect((await browser.poll(id)).result).toMatchObject({ status: 'SCANNED' });
    const confirmed = await fetch(`${gw.url}${WECHAT_SIM_PREFIX}${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'confirm', openid: newOpenid() }).toString(),
    });
    expect(await confirmed.text()).toContain('已确认登录');
    expect((await browser.poll(id)).result).toMatchObject({ status: 'BIND_REQUIRED' });
  });
});
