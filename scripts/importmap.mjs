#!/usr/bin/env node
// The shared runtime contract of the front end: which bare specifier maps to which URL.
//
// - Shared singletons (vue, vue-router, pinia, element-plus, single-spa) are copied by the shell build
//   into versioned, immutable folders `mf-shell/dist/libs/<pkg>@<version>/…` and served by the shell.
// - `@ccap/platform` and `@ccap/root-config` are built by mf-shell and served by the shell.
// - Each micro-frontend is served from its own origin: `<origin>/<name>/<version>/<name>.js`.
//
// Only this map holds origins; no build output contains an absolute URL.
//
//   node scripts/importmap.mjs [--out FILE]
//   env: SHELL_PORT (8080) MF_ACCOUNT_PORT (8081) MF_EXAM_PORT (8082) MF_PAYMENT_PORT (8083)
//        FRONTEND_HOST (localhost) [SHELL_ORIGIN to make shell entries absolute]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Libraries shared through the import map. `file` is the browser build inside the package;
 * `assets` are further files of the package the shell copies and serves (CSS, classic scripts).
 * @type {ReadonlyArray<{ name: string, file?: string, assets?: string[] }>}
 */
export const SHARED_LIBS = Object.freeze([
  { name: 'vue', file: 'dist/vue.runtime.esm-browser.prod.js' },
  { name: 'vue-router', file: 'dist/vue-router.esm-browser.prod.js' },
  { name: 'pinia', file: 'dist/pinia.esm-browser.prod.js' },
  { name: 'element-plus', file: 'dist/index.full.min.mjs', assets: ['dist/index.css'] },
  { name: 'single-spa', file: 'lib/es2015/esm/single-spa.min.js' },
  // Not an import-map entry: a classic script the shell's index.html loads to write the real import map.
  { name: 'import-map-overrides', assets: ['dist/import-map-overrides.js'] },
]);

/** Micro-frontends: workspace folder = build name = `@ccap/<name>` specifier. */
export const MICRO_FRONTENDS = Object.freeze(['mf-account', 'mf-exam', 'mf-payment']);

export const DEFAULT_PORTS = Object.freeze({
  shell: 8080,
  'mf-account': 8081,
  'mf-exam': 8082,
  'mf-payment': 8083,
});

const PORT_ENV = Object.freeze({
  shell: 'SHELL_PORT',
  'mf-account': 'MF_ACCOUNT_PORT',
  'mf-exam': 'MF_EXAM_PORT',
  'mf-payment': 'MF_PAYMENT_PORT',
});

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Installed version of an npm package (root node_modules first, then the shell's own). */
export function installedVersion(pkg, root = repoRoot) {
  for (const base of [root, join(root, 'mf-shell')]) {
    try {
      return readJson(join(base, 'node_modules', pkg, 'package.json')).version;
    } catch {
      // try the next location
    }
  }
  throw new Error(`importmap: package "${pkg}" is not installed under ${root}/node_modules`);
}

/** Version of a workspace (mf-shell, mf-account, …) from its package.json. */
export function workspaceVersion(workspace, root = repoRoot) {
  return readJson(join(root, workspace, 'package.json')).version;
}

/** `/libs/<pkg>@<version>` — the shell-relative folder a shared library is copied to. */
export function libFolder(name, version) {
  return `/libs/${name}@${version}`;
}

/**
 * All versions the map needs: the shared libs' installed versions, and the workspaces' versions
 * (`mf-shell` also versions `@ccap/platform` and `@ccap/root-config`).
 * @param {Record<string, string>} [overrides]
 */
export function resolveVersions(overrides = {}, root = repoRoot) {
  /** @type {Record<string, string>} */
  const versions = {};
  for (const lib of SHARED_LIBS) versions[lib.name] = overrides[lib.name] ?? installedVersion(lib.name, root);
  for (const ws of ['mf-shell', ...MICRO_FRONTENDS]) versions[ws] = overrides[ws] ?? workspaceVersion(ws, root);
  versions.platform = overrides.platform ?? versions['mf-shell'];
  return versions;
}

function stripSlash(origin) {
  return origin.replace(/\/+$/, '');
}

/**
 * @param {{
 *   shellOrigin?: string,
 *   mfOrigins: Record<string, string>,
 *   versions?: Record<string, string>,
 * }} options
 *   shellOrigin: when given, shell-served entries become absolute (default: shell-relative `/…`).
 *   mfOrigins: origin per micro-frontend, e.g. { 'mf-account': 'http://localhost:8081', … }.
 *   versions: overrides for any of the versions (lib names, workspace names, `platform`).
 * @returns {{ imports: Record<string, string> }}
 */
export function buildImportMap({ shellOrigin, mfOrigins, versions: versionOverrides } = /** @type {any} */ ({})) {
  if (!mfOrigins || typeof mfOrigins !== 'object') throw new TypeError('buildImportMap: mfOrigins is required');
  const versions = resolveVersions(versionOverrides);
  const shell = shellOrigin ? stripSlash(shellOrigin) : '';
  /** @type {Record<string, string>} */
  const imports = {};
  for (const lib of SHARED_LIBS) {
    if (!lib.file) continue;
    imports[lib.name] = `${shell}${libFolder(lib.name, versions[lib.name])}/${lib.file}`;
  }
  imports['@ccap/platform'] = `${shell}/platform/${versions.platform}/platform.js`;
  imports['@ccap/root-config'] = `${shell}/mf-shell/${versions['mf-shell']}/root-config.js`;
  for (const mf of MICRO_FRONTENDS) {
    const origin = mfOrigins[mf];
    if (!origin) throw new Error(`buildImportMap: no origin for ${mf}`);
    imports[`@ccap/${mf}`] = `${stripSlash(origin)}/${mf}/${versions[mf]}/${mf}.js`;
  }
  return { imports };
}

/** Ports from the environment (SHELL_PORT, MF_ACCOUNT_PORT, MF_EXAM_PORT, MF_PAYMENT_PORT). */
export function portsFromEnv(env = process.env) {
  /** @type {Record<string, number>} */
  const ports = {};
  for (const [key, def] of Object.entries(DEFAULT_PORTS)) {
    const raw = env[PORT_ENV[key]];
    const port = raw === undefined || raw === '' ? def : Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`${PORT_ENV[key]} must be a port number, got "${raw}"`);
    }
    ports[key] = port;
  }
  return ports;
}

/** Import map for the given ports on `host` (default from FRONTEND_HOST or `localhost`). */
export function importMapFromPorts(ports, { host = 'localhost', shellOrigin } = {}) {
  /** @type {Record<string, string>} */
  const mfOrigins = {};
  for (const mf of MICRO_FRONTENDS) mfOrigins[mf] = `http://${host}:${ports[mf]}`;
  return buildImportMap({ shellOrigin, mfOrigins });
}

function main(argv) {
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 ? argv[outIdx + 1] : undefined;
  if (outIdx >= 0 && !out) throw new Error('usage: node scripts/importmap.mjs [--out FILE]');
  const map = importMapFromPorts(portsFromEnv(), {
    host: process.env.FRONTEND_HOST || 'localhost',
    shellOrigin: process.env.SHELL_ORIGIN || undefined,
  });
  const json = `${JSON.stringify(map, null, 2)}\n`;
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, json);
    console.log(`importmap: wrote ${out}`);
  } else {
    process.stdout.write(json);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
