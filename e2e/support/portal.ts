import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';

export interface Portal {
  urls: Record<'shell' | 'mf-account' | 'mf-exam' | 'mf-payment', string>;
  gatewayUrl: string;
  databaseUrl: string;
  frontends: { stop(name: string): Promise<void>; start(name: string): Promise<void> };
  stop(): Promise<void>;
}

/** The whole portal on free ports, with a throwaway database (embedded, or on DATABASE_URL's server). */
export async function startPortal(): Promise<Portal> {
  const serverUrl = process.env.DATABASE_URL;
  return startStack({
    databaseUrl: serverUrl,
    databaseName: serverUrl ? `ccap_e2e_${randomBytes(5).toString('hex')}` : undefined,
    throwaway: true,
    frontendPorts: { shell: 0, 'mf-account': 0, 'mf-exam': 0, 'mf-payment': 0 },
    nodeEnv: 'test',
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Root needs --no-sandbox; the rest keeps Chromium from calling hosts this network cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  requests: Request[];
  /** How many times each URL (without query) was requested. */
  fetchCount(urlPart: string): number;
}

export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: Request[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => requests.push(req));
  return {
    page,
    context,
    consoleErrors,
    requests,
    fetchCount: (urlPart) => requests.filter((r) => r.url().includes(urlPart)).length,
  };
}
