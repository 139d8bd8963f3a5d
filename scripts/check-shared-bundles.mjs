#!/usr/bin/env node
// Fails when a built micro-frontend or shell bundle carries its own copy of a shared library
// (vue, vue-router, pinia, element-plus, single-spa, @apollo/client) instead of importing it
// through the import map. Two independent checks per artifact folder (`<name>/<version>/`):
//   1. the bundle text: tell-tale strings of each library's runtime;
//   2. the bundle report written at build time (scripts/vite-shared.mjs `bundleReport`): no module
//      from those packages was bundled, and every bare import is one the import map provides.
// @ccap/platform (mf-shell/dist/platform) is the one place @apollo/client may live.
// `npm test` runs it on every build; a deploy runs it on the artifact it deploys.
//
//   node scripts/check-shared-bundles.mjs
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MICRO_FRONTENDS, repoRoot } from './importmap.mjs';
import { BUNDLE_REPORT } from './vite-shared.mjs';

/**
 * Strings only a library's own runtime contains (survive minification: property names, string
 * literals, messages). Matching any one of them means the library was bundled.
 * @type {Readonly<Record<string, readonly RegExp[]>>}
 */
export const LIBRARY_SIGNATURES = Object.freeze({
  vue: [/__v_isVNode\s*:\s*(?:!0|true)/, /\.__vue_app__\s*=/, /["'`]onVnodeBeforeMount["'`]|,onVnodeBeforeMount,/],
  'vue-router': [/router-link-active/, /router-link-exact-active/],
  pinia: [/[,{]\s*\$subscribe\s*\([^)]*\)\s*\{/, /\$pinia\s*=/],
  'element-plus': [/["'`]ElementPlusError["'`]/, /name\s*:\s*["'`]ElConfigProvider["'`]/],
  'single-spa': [/singleSpaNavigate/, /single-spa minified message|single-spa\.js\.org\/error/],
  '@apollo/client': [/__APOLLO_CLIENT__/, /["'`]ROOT_QUERY["'`]/],
});

/** Package folders whose modules must never be bundled, per library. */
const LIBRARY_PACKAGES = Object.freeze({
  vue: ['vue', '@vue/runtime-core', '@vue/runtime-dom', '@vue/reactivity'],
  'vue-router': ['vue-router'],
  pinia: ['pinia'],
  'element-plus': ['element-plus'],
  'single-spa': ['single-spa'],
  '@apollo/client': ['@apollo/client'],
});

/** Modules of those packages that are plain data, not a copy of the runtime (Element Plus locales). */
const DATA_MODULES = Object.freeze([/node_modules\/element-plus\/es\/locale\/lang\/[\w-]+\.mjs$/]);

export const SHARED_LIBRARIES = Object.freeze(Object.keys(LIBRARY_SIGNATURES));

/** Which shared libraries' runtimes a piece of bundled JavaScript contains. */
export function scanSource(code) {
  return SHARED_LIBRARIES.filter((lib) => LIBRARY_SIGNATURES[lib].some((re) => re.test(code)));
}

/** Bare specifiers a built ES module imports (static imports, re-exports, literal dynamic imports). */
export function bareImportsOf(code) {
  const found = new Set();
  const patterns = [
    /(?:^|[;\n}])\s*import\s*(?:[\w$*\s{},]*?\s*from\s*)?["']([^"']+)["']/g,
    /(?:^|[;\n}])\s*export\s*(?:\*(?:\s*as\s*[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const spec = m[1];
      if (!/^(?:\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i.test(spec)) found.add(spec);
    }
  }
  return [...found];
}

function jsFilesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...jsFilesUnder(full));
    else if (/\.m?js$/.test(name)) out.push(full);
  }
  return out;
}

/**
 * @typedef {{
 *   name: string,
 *   dir: string,
 *   report?: string,
 *   allowLibraries?: string[],
 *   allowedImports: Array<string | RegExp>,
 * }} BundleTarget
 *   dir: built output to scan; report: bundle report JSON;
 *   allowLibraries: shared libraries this build may contain; allowedImports: bare imports the import map serves.
 */

const MF_IMPORTS = ['vue', 'vue-router', 'pinia', 'element-plus', 'single-spa', '@ccap/platform'];

/**
 * The rules for one artifact folder `<name>/<version>/`: micro-frontends import only what the map
 * serves; the root config may also import the micro-frontends; the platform alone carries Apollo.
 * @returns {BundleTarget}
 */
export function bundleTarget(name, dir) {
  const report = join(dir, BUNDLE_REPORT);
  if (name === 'platform') {
    return { name, dir, report, allowLibraries: ['@apollo/client'], allowedImports: ['vue', 'element-plus', 'single-spa'] };
  }
  if (name === 'mf-shell') return { name, dir, report, allowedImports: [...MF_IMPORTS, /^@ccap\/mf-[a-z-]+$/] };
  return { name, dir, report, allowedImports: MF_IMPORTS };
}

/** Every version folder a workspace has built of `name` (a missing build is reported by the check). */
export function builtVersions(root, workspace, name) {
  const dir = join(root, workspace, 'dist', name);
  const versions = existsSync(dir) ? readdirSync(dir).filter((v) => statSync(join(dir, v)).isDirectory()) : [];
  return versions.length > 0 ? versions.map((v) => bundleTarget(name, join(dir, v))) : [bundleTarget(name, dir)];
}

/** The builds of this repository. */
export function defaultTargets(root = repoRoot) {
  return [
    ...MICRO_FRONTENDS.flatMap((mf) => builtVersions(root, mf, mf)),
    ...builtVersions(root, 'mf-shell', 'mf-shell'),
    ...builtVersions(root, 'mf-shell', 'platform'),
  ];
}

function packageOfModule(modulePath) {
  const idx = modulePath.lastIndexOf('node_modules/');
  if (idx < 0) return null;
  const rest = modulePath.slice(idx + 'node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

/**
 * @param {{ root?: string, targets?: BundleTarget[] }} [options]
 * @returns {{ ok: boolean, problems: Array<{ target: string, file?: string, message: string }>, checkedFiles: string[] }}
 */
export function checkSharedBundles({ root = repoRoot, targets = defaultTargets(root) } = {}) {
  /** @type {Array<{ target: string, file?: string, message: string }>} */
  const problems = [];
  const checkedFiles = [];
  const rel = (p) => relative(root, p) || p;
  const allowed = (spec, list) => list.some((a) => (typeof a === 'string' ? a === spec : a.test(spec)));

  for (const target of targets) {
    const allowLibs = new Set(target.allowLibraries ?? []);
    if (!existsSync(target.dir)) {
      problems.push({ target: target.name, message: `${rel(target.dir)} does not exist — build it first` });
      continue;
    }
    const files = jsFilesUnder(target.dir);
    if (files.length === 0) problems.push({ target: target.name, message: `no JavaScript under ${rel(target.dir)}` });

    // 1. bundle text
    for (const file of files) {
      checkedFiles.push(file);
      const code = readFileSync(file, 'utf8');
      for (const lib of scanSource(code)) {
        if (!allowLibs.has(lib)) {
          problems.push({ target: target.name, file: rel(file), message: `contains its own copy of ${lib}` });
        }
      }
      for (const spec of bareImportsOf(code)) {
        if (!allowed(spec, target.allowedImports)) {
          problems.push({ target: target.name, file: rel(file), message: `imports "${spec}", which the import map does not provide` });
        }
      }
    }

    // 2. the bundler's own account of what went into each chunk
    if (!target.report) continue;
    if (!existsSync(target.report)) {
      problems.push({ target: target.name, message: `bundle report ${rel(target.report)} is missing (build with scripts/vite-shared.mjs)` });
      continue;
    }
    /** @type {{ externals?: string[], chunks: Array<{ fileName: string, imports: string[], modules: string[] }> }} */
    const report = JSON.parse(readFileSync(target.report, 'utf8'));
    for (const chunk of report.chunks) {
      for (const modulePath of chunk.modules) {
        const pkg = packageOfModule(modulePath);
        if (!pkg || DATA_MODULES.some((re) => re.test(modulePath))) continue;
        for (const [lib, packages] of Object.entries(LIBRARY_PACKAGES)) {
          if (packages.includes(pkg) && !allowLibs.has(lib)) {
            problems.push({ target: target.name, file: chunk.fileName, message: `bundled ${modulePath} (${lib} must be external)` });
          }
        }
      }
      for (const spec of chunk.imports) {
        if (/\.m?js$/.test(spec) && !spec.includes('/') && !spec.startsWith('@')) continue; // sibling chunk
        if (!allowed(spec, target.allowedImports)) {
          problems.push({ target: target.name, file: chunk.fileName, message: `external "${spec}" is not in the import map` });
        }
      }
    }
  }
  return { ok: problems.length === 0, problems, checkedFiles };
}

function main() {
  const { ok, problems, checkedFiles } = checkSharedBundles();
  if (!ok) {
    console.error('check-shared-bundles: shared libraries must come from the import map, not from a bundle:');
    for (const p of problems) console.error(`  [${p.target}] ${p.file ? `${p.file}: ` : ''}${p.message}`);
    return 1;
  }
  console.log(`check-shared-bundles: ${checkedFiles.length} files checked, no bundled copy of ${SHARED_LIBRARIES.join(', ')}.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(main());
}
