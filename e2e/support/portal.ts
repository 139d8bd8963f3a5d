import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';

/** One response of a front-end server (shell or micro-frontend). */
export interface FrontendRequest {
  server: string;
  method: string;
  path: string;
  status: number;
}

export interface Portal {
  urls: Record<'shell' | 'mf-account' | 'mf-exam' | 'mf-payment', string>;
  gatewayUrl: string;
  databaseUrl: string;
  /** The throwaway deployment environment the front ends are served from. */
  deployDir: string;
  /** Every response the front-end servers sent, in order: what the browser really fetched. */
  frontendRequests: FrontendRequest[];
  frontends: { stop(name: string): Promise<void>; start(name: string): Promise<void> };
  stop(): Promise<void>;
}

/**
 * The whole portal on free ports, with a throwaway database (embedded, or on DATABASE_URL's server)
 * and a throwaway deployment environment holding the current builds.
 */
export async function startPortal(): Promise<Portal> {
  const serverUrl = process.env.DATABASE_URL;
  const deployDir = mkdtempSync(join(tmpdir(), 'ccap-deploy-'));
  const frontendRequests: FrontendRequest[] = [];
  const stack = await startStack({
    databaseUrl: serverUrl,
    databaseName: serverUrl ? `ccap_e2e_${randomBytes(5).toString('hex')}` : undefined,
    throwaway: true,
    frontendPorts: { shell: 0, 'mf-account': 0, 'mf-exam': 0, 'mf-payment': 0 },
    deployDir,
    onFrontendRequest: (entry: FrontendRequest) => frontendRequests.push(entry),
    nodeEnv: 'test',
  }).catch((error: unknown) => {
    rmSync(deployDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...stack,
    deployDir,
    frontendRequests,
    async stop() {
      await stack.stop();
      rmSync(deployDir, { recursive: true, force: true });
    },
  };
}

const CHROMIUM_ARGS = [
  // Root needs --no-sandbox; the rest keeps Chromium from calling hosts this network cannot reach.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A browser profile on disk (with its HTTP cache), like a candidate's browser coming back. */
export async function launchPersistentContext(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
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
  return watch(context, await context.newPage());
}

/** Records a page's console errors and requests. */
export function watch(context: BrowserContext, page: Page): WatchedPage {
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

/** Clicks a top-bar link and waits for the route. */
export async function goViaTopBar(w: WatchedPage, label: string, path: string): Promise<void> {
  await w.page.locator('header').getByRole('link', { name: label, exact: true }).click();
  await w.page.waitForURL((url) => url.pathname.startsWith(path));
}
