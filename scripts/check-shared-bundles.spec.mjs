import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_LIBRARIES, bareImportsOf, bundleTarget, checkSharedBundles, scanSource } from './check-shared-bundles.mjs';
import { repoRoot } from './importmap.mjs';
import { SHARED_EXTERNALS, bundleReport, libraryBuild } from './vite-shared.mjs';

const fixtureRoot = fileURLToPath(new URL('./fixtures/bundled-libs/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ccap-bundles-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Build the fixture as a micro-frontend would be built, with the given externals. */
async function buildFixture(name, externals) {
  const outDir = join(tmp, name, 'dist', name, '0.0.1');
  await build({
    configFile: false,
    root: fixtureRoot,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [bundleReport({ name, version: '0.0.1', externals })],
    build: libraryBuild({
      root: fixtureRoot,
      name,
      version: '0.0.1',
      entry: 'entry.js',
      fileName: `${name}.js`,
      outDir,
      externals,
    }),
  });
  return { ...bundleTarget(name, outDir), allowedImports: [...SHARED_EXTERNALS] };
}

describe('scanSource', () => {
  const lib = (p) => readFileSync(join(repoRoot, 'node_modules', p), 'utf8');

  it("recognises each shared library's browser build", () => {
    expect(scanSource(lib('vue/dist/vue.runtime.esm-browser.prod.js'))).toEqual(['vue']);
    expect(scanSource(lib('vue-router/dist/vue-router.esm-browser.prod.js'))).toEqual(['vue-router']);
    expect(scanSource(lib('pinia/dist/pinia.esm-browser.prod.js'))).toEqual(['pinia']);
    expect(scanSource(lib('element-plus/dist/index.full.min.mjs'))).toEqual(['element-plus']);
    expect(scanSource(lib('single-spa/lib/es2015/esm/single-spa.min.js'))).toEqual(['single-spa']);
  });

  it('does not mistake code that merely imports the libraries for a copy', () => {
    const mf = `import { ElConfigProvider as g } from "element-plus";
import { createApp as t, h as o } from "vue";
import { createPinia as d } from "pinia";
import { navigateToUrl as n } from "single-spa";
const r = d(); r.$subscribe(() => {}); n("/exam"); t({ render: () => o(g) });`;
    expect(scanSource(mf)).toEqual([]);
    expect(bareImportsOf(mf).sort()).toEqual(['element-plus', 'pinia', 'single-spa', 'vue']);
  });
});

describe('checkSharedBundles', () => {
  it('reports every shared library a build bundled, from the bundle text and the bundle report', async () => {
    const target = await buildFixture('bundles-everything', []);
    const { ok, problems } = checkSharedBundles({ root: tmp, targets: [target] });
    expect(ok).toBe(false);
    const text = problems.filter((p) => p.message.startsWith('contains its own copy of')).map((p) => p.message);
    for (const library of SHARED_LIBRARIES) expect(text).toContain(`contains its own copy of ${library}`);
    const fromReport = problems.filter((p) => p.message.includes('must be external')).map((p) => p.message);
    for (const library of SHARED_LIBRARIES) {
      expect(fromReport.some((m) => m.endsWith(`(${library} must be external)`)), library).toBe(true);
    }
  });

  it('passes a build that keeps them external, but not one importing something the map lacks', async () => {
    const target = await buildFixture('keeps-external', [...SHARED_EXTERNALS, '@apollo/client']);
    const clean = checkSharedBundles({
      root: tmp,
      targets: [{ ...target, allowedImports: [...SHARED_EXTERNALS, '@apollo/client/core'] }],
    });
    expect(clean.problems).toEqual([]);
    const { problems } = checkSharedBundles({ root: tmp, targets: [target] });
    expect(problems.map((p) => p.message)).toContain('imports "@apollo/client/core", which the import map does not provide');
    expect(problems.map((p) => p.message)).toContain('external "@apollo/client/core" is not in the import map');
  });

  it('lets @ccap/platform, and only it, carry @apollo/client', async () => {
    const target = await buildFixture('apollo-inside', ['vue', 'vue-router', 'pinia', 'element-plus', 'single-spa']);
    const asMf = checkSharedBundles({ root: tmp, targets: [target] });
    expect(asMf.problems.map((p) => p.message)).toContain('contains its own copy of @apollo/client');
    const asPlatform = checkSharedBundles({ root: tmp, targets: [{ ...target, allowLibraries: ['@apollo/client'] }] });
    expect(asPlatform.problems).toEqual([]);
  });

  it('fails when a build is missing', () => {
    const { ok, problems } = checkSharedBundles({
      root: tmp,
      targets: [{ name: 'ghost', dir: join(tmp, 'nope'), allowedImports: [] }],
    });
    expect(ok).toBe(false);
    expect(problems[0].message).toMatch(/does not exist/);
  });
});
