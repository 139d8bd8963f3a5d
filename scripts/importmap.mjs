// The shared runtime contract of the front end: which bare specifier maps to which path.
//
// - Shared singletons (vue, vue-router, pinia, element-plus, single-spa) are copied by the shell build
//   into versioned, immutable folders `mf-shell/dist/libs/<pkg>@<version>/…` and served by the shell.
// - `@ccap/platform` and `@ccap/root-config` are built by mf-shell and served by the shell.
// - Each micro-frontend is served from its own origin: `<origin>/<name>/<version>/<name>.js`.
//
// Builds record these entries as paths (artifact.json); only an environment's import map
// (scripts/environment.mjs) adds the origins, so no build output contains an absolute URL.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The import-map entry of a micro-frontend, as a path on the origin serving it. */
export function microFrontendImports(name, version) {
  return { [`@ccap/${name}`]: `/${name}/${version}/${name}.js` };
}

/**
 * What a shell release puts in the import map (shell-relative paths: the shared libraries,
 * `@ccap/platform` and `@ccap/root-config`), and the artifact folders it needs next to its own.
 * @param {string} version the shell's (and the platform's) version
 * @returns {{ imports: Record<string, string>, requires: string[] }}
 */
export function shellRelease(version, root = repoRoot) {
  /** @type {Record<string, string>} */
  const imports = {};
  const requires = [`platform/${version}`];
  for (const lib of SHARED_LIBS) {
    const folder = libFolder(lib.name, installedVersion(lib.name, root));
    requires.push(folder.slice(1));
    if (lib.file) imports[lib.name] = `${folder}/${lib.file}`;
  }
  imports['@ccap/platform'] = `/platform/${version}/platform.js`;
  imports['@ccap/root-config'] = `/mf-shell/${version}/root-config.js`;
  return { imports, requires };
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
