import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { appShellHtml } from './src/layout';
import { SHARED_LIBS, installedVersion, libFolder, repoRoot, shellRelease } from '../scripts/importmap.mjs';
import {
  SHARED_EXTERNALS,
  artifactManifest,
  bundleReport,
  graphqlOperations,
  libraryBuild,
} from '../scripts/vite-shared.mjs';

// mf-shell builds one shell release, into dist/:
//   mf-shell/<version>/root-config.js (+ .css)  the single-spa root config (this config), artifact.json
//   mf-shell/<version>/index.html               from ./index.html, lib versions filled in; served for
//                                               every page while this release is deployed
//   platform/<version>/platform.js              @ccap/platform (second lib build, below)
//   libs/<pkg>@<version>/…                      shared libraries copied from node_modules

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const version = pkg.version;
const distDir = join(root, 'dist');

/** @ccap/platform: vue, element-plus and single-spa stay shared; Apollo is bundled (the one copy). */
const PLATFORM_EXTERNALS = ['vue', 'element-plus', 'single-spa'] as const;
/** root-config: everything shared, plus the platform and the micro-frontends (import map). */
const ROOT_CONFIG_EXTERNALS = SHARED_EXTERNALS;

function platformConfig(): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      // Apollo Client 3 checks globalThis.__DEV__ at runtime: compile its development checks out.
      'globalThis.__DEV__': 'false',
      __DEV__: 'false',
    },
    plugins: [
      bundleReport({ name: 'platform', version, externals: PLATFORM_EXTERNALS }),
      graphqlOperations({ name: 'platform', version }),
    ],
    build: libraryBuild({
      root,
      name: 'platform',
      version,
      entry: 'src/platform/index.ts',
      fileName: 'platform.js',
      outDir: join(distDir, 'platform', version),
      externals: PLATFORM_EXTERNALS,
      // element-plus/es/locale/lang/zh-cn is plain data: bundle it (no import-map entry for subpaths)
      externalSubpaths: false,
    }),
  };
}

/** Copy the shared libraries into immutable, versioned folders. */
function copySharedLibs() {
  for (const lib of SHARED_LIBS) {
    const libVersion = installedVersion(lib.name);
    const from = join(repoRoot, 'node_modules', lib.name);
    const to = join(distDir, ...libFolder(lib.name, libVersion).split('/').filter(Boolean));
    for (const file of [lib.file, ...(lib.assets ?? [])].filter((f): f is string => Boolean(f))) {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      copyFileSync(join(from, file), join(to, file));
      if (existsSync(join(from, `${file}.map`))) copyFileSync(join(from, `${file}.map`), join(to, `${file}.map`));
    }
  }
}

/**
 * index.html with `%VERSION:<pkg>%` placeholders replaced by installed versions, the app shell's
 * markup and its critical CSS (the shell's and the top bar's stylesheets, which the root config
 * brings again) inlined.
 */
function writeIndexHtml() {
  const template = readFileSync(join(root, 'index.html'), 'utf8');
  const criticalCss = ['src/styles/shell.css', 'src/styles/topbar.css']
    .map((file) => readFileSync(join(root, file), 'utf8').trim())
    .join('\n');
  const html = template
    .replace(/%VERSION:([a-z0-9@/._-]+)%/g, (_m, name: string) => installedVersion(name))
    .replace('/* %CRITICAL_CSS% */', () => criticalCss)
    .replace('<!-- %APP_SHELL% -->', () => appShellHtml());
  writeFileSync(join(distDir, 'mf-shell', version, 'index.html'), html);
}

function shellAssets(): Plugin {
  let failed = false;
  return {
    name: 'ccap-shell-assets',
    apply: 'build',
    buildStart() {
      failed = false;
      // Start from a clean dist/ so no stale version folder is ever served.
      rmSync(distDir, { recursive: true, force: true });
    },
    buildEnd(error) {
      if (error) failed = true;
    },
    async closeBundle() {
      if (failed) return;
      await build(platformConfig());
      copySharedLibs();
      writeIndexHtml();
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    vue(),
    shellAssets(),
    bundleReport({ name: 'mf-shell', version, externals: ROOT_CONFIG_EXTERNALS }),
    graphqlOperations({ name: 'mf-shell', version }),
    artifactManifest({ name: 'mf-shell', version, ...shellRelease(version) }),
  ],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: libraryBuild({
    root,
    name: 'mf-shell',
    version,
    entry: 'src/root-config.ts',
    fileName: 'root-config.js',
    cssFileName: 'root-config',
    outDir: join(distDir, 'mf-shell', version),
    externals: ROOT_CONFIG_EXTERNALS,
    externalPatterns: [/^@ccap\/mf-[a-z-]+$/],
  }),
});
