// Vite settings every front-end build shares: library mode (ES), a fixed entry file name, one CSS
// file, shared libraries kept external, and a bundle report that check-shared-bundles.mjs reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Bare specifiers resolved by the import map at runtime; never bundled. */
export const SHARED_EXTERNALS = Object.freeze(['vue', 'vue-router', 'pinia', 'element-plus', 'single-spa', '@ccap/platform']);

/**
 * `external` predicate: the given specifiers and their subpaths (`vue`, `vue/…`, …).
 * @param {readonly string[]} specifiers
 * @param {{ subpaths?: boolean, patterns?: RegExp[] }} [options]
 */
export function externalPredicate(specifiers, { subpaths = true, patterns = [] } = {}) {
  return (/** @type {string} */ id) =>
    specifiers.some((s) => id === s || (subpaths && id.startsWith(`${s}/`))) || patterns.some((p) => p.test(id));
}

/**
 * Writes `<dist>/<name>.bundle-report.json` (outside the versioned folder): for each output chunk its
 * file, imports (external ids included) and the modules bundled into it. check-shared-bundles.mjs
 * uses it to prove the shared libraries were external.
 * @param {{ name: string, version: string, distDir: string, externals: readonly string[] }} options
 * @returns {import('vite').Plugin}
 */
export function bundleReport({ name, version, distDir, externals }) {
  return {
    name: 'ccap-bundle-report',
    apply: 'build',
    writeBundle(_options, bundle) {
      const chunks = [];
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.push({
          fileName: item.fileName,
          isEntry: item.isEntry,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          modules: item.moduleIds
            .filter((id) => !id.startsWith('\0'))
            .map((id) => relative(repoRoot, id.split('?')[0]).split('\\').join('/')),
        });
      }
      const report = { name, version, externals, builtAt: new Date().toISOString(), chunks };
      mkdirSync(distDir, { recursive: true });
      writeFileSync(join(distDir, `${name}.bundle-report.json`), `${JSON.stringify(report, null, 2)}\n`);
    },
  };
}

/**
 * Library-mode build settings.
 * @param {{
 *   root: string, name: string, version: string, entry: string, fileName: string,
 *   outDir: string, externals: readonly string[], externalPatterns?: RegExp[],
 *   externalSubpaths?: boolean, cssFileName?: string,
 * }} o
 * @returns {import('vite').BuildEnvironmentOptions}
 */
export function libraryBuild(o) {
  return {
    outDir: o.outDir,
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    sourcemap: true,
    minify: true,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: resolve(o.root, o.entry),
      formats: ['es'],
      fileName: () => o.fileName,
      ...(o.cssFileName ? { cssFileName: o.cssFileName } : {}),
    },
    rolldownOptions: {
      external: externalPredicate(o.externals, { subpaths: o.externalSubpaths ?? true, patterns: o.externalPatterns }),
      output: {
        chunkFileNames: '[name]-[hash].js',
      },
    },
  };
}

/**
 * The whole Vite config of a micro-frontend (`mf-account`, …): `src/main.ts` → `dist/<name>/<version>/<name>.js`
 * plus lazy chunks and `<name>.css`.
 * @param {{ root: string, plugins: import('vite').PluginOption[] }} o
 * @returns {Promise<import('vite').UserConfig>}
 */
export async function microFrontendConfig({ root, plugins }) {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const name = pkg.name.replace(/^@ccap\//, '');
  const version = pkg.version;
  const distDir = join(root, 'dist');
  return {
    root,
    plugins: [...plugins, bundleReport({ name, version, distDir, externals: SHARED_EXTERNALS })],
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
    },
    build: libraryBuild({
      root,
      name,
      version,
      entry: 'src/main.ts',
      fileName: `${name}.js`,
      cssFileName: name,
      outDir: join(distDir, name, version),
      externals: SHARED_EXTERNALS,
    }),
  };
}
