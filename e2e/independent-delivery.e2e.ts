import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import vue from '@vitejs/plugin-vue';
import type { Browser, BrowserContext } from 'playwright-core';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goViaTopBar,
  launchBrowser,
  launchPersistentContext,
  openWatchedPage,
  startPortal,
  watch,
  type FrontendRequest,
  type Portal,
} from './support/portal';
// @ts-expect-error plain ESM helpers of the build and the deploy tooling
import { microFrontendConfig } from '../scripts/vite-shared.mjs';
// @ts-expect-error (same)
import { repoRoot, workspaceVersion } from '../scripts/importmap.mjs';
// @ts-expect-error (same)
import { startDevServer } from '../scripts/dev-mf.mjs';

// A team ships a new mf-exam on its own: a real build of it (with a visibly different heading) is
// deployed into the running portal's environment with `npm run deploy`, a returning browser gets
// exactly that micro-frontend anew and everything else from its cache, and `npm run rollback` brings
// the old one back. A developer can also point only their browser at a locally served build.

const HEADING = '选择考试';
const NEW_HEADING = '选择考试(新版本)';
const EXAM_TITLE = '2026年全国会计专业技术资格考试(初级)';
const deployedVersion: string = workspaceVersion('mf-exam');
const newVersion = `${deployedVersion}-e2e`;

let portal: Portal;
let tmp: string;
/** Where the new build is: `<distDir>/mf-exam/<newVersion>/`. */
let distDir: string;

/** Changes the heading of the exam list, so the new version is visible. */
function newHeading(): Plugin {
  return {
    name: 'e2e-new-heading',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/ExamListView.vue')) return null;
      if (!code.includes(`>${HEADING}</h2>`)) this.error(`ExamListView.vue no longer has the heading ${HEADING}`);
      // (map: null — only this test's build, whose source maps nobody reads)
      return { code: code.replace(`>${HEADING}</h2>`, `>${NEW_HEADING}</h2>`), map: null };
    },
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ccap-delivery-'));
  distDir = join(tmp, 'dist');
  const config = await microFrontendConfig({
    root: join(repoRoot, 'mf-exam'),
    plugins: [vue(), newHeading()],
    version: newVersion,
    distDir,
  });
  await build({ ...config, configFile: false, logLevel: 'warn' });
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const runDeploy = (args: string[]) =>
  promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'deploy.mjs'), ...args, '--env-dir', portal.deployDir, '--by', 'e2e'], {
    cwd: repoRoot,
  });

const importMap = () => JSON.parse(readFileSync(join(portal.deployDir, 'importmap.json'), 'utf8')) as { imports: Record<string, string> };

/** Loads /exam with a full navigation and visits the other micro-frontends through the top bar. */
async function visitEveryArea(context: BrowserContext, heading: string) {
  const w = watch(context, context.pages()[0] ?? (await context.newPage()));
  await w.page.goto(`${portal.urls.shell}/exam`);
  await w.page.getByRole('heading', { name: heading, exact: true }).waitFor();
  await w.page.getByText(EXAM_TITLE).waitFor();
  await goViaTopBar(w, '注册', '/account/register');
  await expect.poll(() => w.page.locator('body').textContent()).toContain('内地居民身份证');
  await goViaTopBar(w, '网上缴费', '/payment');
  await w.page.getByText('请先登录后再进行网上缴费').waitFor();
  return w;
}

/** The front-end files the browser fetched from the servers since `mark` (gateway calls and documents aside). */
function filesFetchedSince(mark: number): FrontendRequest[] {
  return portal.frontendRequests
    .slice(mark)
    .filter((r) => /\.\w+$/.test(r.path) && !r.path.startsWith('/graphql') && !r.path.startsWith('/api/'));
}

describe('independent delivery of one micro-frontend', () => {
  it('deploys a new mf-exam that a returning browser fetches alone, and rolls it back', async () => {
    const profile = mkdtempSync(join(tmp, 'profile-'));
    const context = await launchPersistentContext(profile);
    try {
      const first = await visitEveryArea(context, HEADING);
      expect(first.consoleErrors).toEqual([]);
      const firstFiles = filesFetchedSince(0).map((r) => r.path);
      for (const folder of ['/libs/vue@', '/libs/element-plus@', '/platform/', '/mf-shell/', '/mf-account/', '/mf-payment/', '/mf-exam/']) {
        expect(firstFiles.some((path) => path.startsWith(folder)), `first visit fetched ${folder}…`).toBe(true);
      }

      const before = importMap();
      const deployed = await runDeploy(['deploy', 'mf-exam', newVersion, '--from', distDir]);
      expect(deployed.stdout).toContain(`deployed mf-exam ${deployedVersion} → ${newVersion}`);
      const after = importMap();
      expect(after.imports['@ccap/mf-exam']).toBe(`${portal.urls['mf-exam']}/mf-exam/${newVersion}/mf-exam.js`);
      expect({ ...after.imports, '@ccap/mf-exam': before.imports['@ccap/mf-exam'] }).toEqual(before.imports);

      let mark = portal.frontendRequests.length;
      const second = await visitEveryArea(context, NEW_HEADING);
      expect(second.consoleErrors).toEqual([]);
      const fetched = filesFetchedSince(mark);
      // The import map (no-cache) and the new mf-exam only: shared libraries, platform, root config and
      // the other micro-frontends came from the browser's cache (immutable), without a request.
      expect(fetched.filter((r) => r.path !== '/importmap.json' && !r.path.startsWith(`/mf-exam/${newVersion}/`))).toEqual([]);
      expect(fetched).toContainEqual({ server: 'mf-shell', method: 'GET', path: '/importmap.json', status: 200 });
      expect(fetched).toContainEqual({ server: 'mf-exam', method: 'GET', path: `/mf-exam/${newVersion}/mf-exam.js`, status: 200 });
      expect(fetched).toContainEqual({ server: 'mf-exam', method: 'GET', path: `/mf-exam/${newVersion}/mf-exam.css`, status: 200 });

      const rolledBack = await runDeploy(['rollback', 'mf-exam']);
      expect(rolledBack.stdout).toContain(`rolled back mf-exam ${newVersion} → ${deployedVersion}`);
      expect(importMap()).toEqual(before);

      mark = portal.frontendRequests.length;
      const third = await visitEveryArea(context, HEADING);
      expect(third.consoleErrors).toEqual([]);
      // The old version is still in the browser's cache: rolling back costs the import map only.
      expect(filesFetchedSince(mark)).toEqual([{ server: 'mf-shell', method: 'GET', path: '/importmap.json', status: 200 }]);

      const history = readFileSync(join(portal.deployDir, 'history.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      expect(history.slice(-2).map(({ action, app, from, to, by }) => ({ action, app, from, to, by }))).toEqual([
        { action: 'deploy', app: 'mf-exam', from: deployedVersion, to: newVersion, by: 'e2e' },
        { action: 'rollback', app: 'mf-exam', from: newVersion, to: deployedVersion, by: 'e2e' },
      ]);
    } finally {
      await context.close();
    }
  });

  it('refuses to deploy an artifact that does not exist', async () => {
    const refused = await runDeploy(['deploy', 'mf-exam', '9.9.9']).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('mf-exam/9.9.9 does not exist') });
  });
});

describe('developer override', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('points only this browser at a micro-frontend served elsewhere, after a reload', async () => {
    const dev = await startDevServer({ app: 'mf-exam', port: 0, distDir });
    const w = await openWatchedPage(browser);
    const key = 'import-map-override:@ccap/mf-exam';
    const devEntry = `${dev.url}/mf-exam/${newVersion}/mf-exam.js`;
    try {
      const mapBefore = importMap();
      await w.page.goto(`${portal.urls.shell}/exam`);
      await w.page.getByRole('heading', { name: HEADING, exact: true }).waitFor();

      await w.page.evaluate(([k, url]) => localStorage.setItem(k!, url!), [key, devEntry]);
      await w.page.reload();
      await w.page.getByRole('heading', { name: NEW_HEADING, exact: true }).waitFor();
      await w.page.getByText(EXAM_TITLE).waitFor();
      expect(w.requests.some((r) => r.url() === devEntry)).toBe(true);
      expect(importMap()).toEqual(mapBefore);

      await w.page.evaluate((k) => localStorage.removeItem(k), key);
      await w.page.reload();
      await w.page.getByRole('heading', { name: HEADING, exact: true }).waitFor();
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await w.context.close();
      await dev.close();
    }
  });
});
