// Vite settings every front-end build shares: library mode (ES), a fixed entry file name, one CSS
// file, shared libraries kept external, and the files that make a build folder a deployable artifact
// (scripts/environment.mjs reads them):
//   artifact.json            name, version, its import-map entries (paths) and the folders it needs
//   bundle-report.json       what went into each chunk (check-shared-bundles.mjs)
//   graphql-operations.json  the GraphQL operations it may send (validated against the schema on deploy)
// None of them holds a timestamp or an absolute path: rebuilding the same sources gives the same folder.
import { join, relative, resolve } from 'node:path';
import { Kind, parse, print } from 'graphql';
import { microFrontendImports, repoRoot } from './importmap.mjs';

export const ARTIFACT_MANIFEST = 'artifact.json';
export const BUNDLE_REPORT = 'bundle-report.json';
export const OPERATIONS_MANIFEST = 'graphql-operations.json';

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

const toRepoPath = (id) => relative(repoRoot, id.split('?')[0]).split('\\').join('/');

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Emits `bundle-report.json`: for each output chunk its file, imports (external ids included) and the
 * modules bundled into it. check-shared-bundles.mjs uses it to prove the shared libraries were external.
 * @param {{ name: string, version: string, externals: readonly string[] }} options
 * @returns {import('vite').Plugin}
 */
export function bundleReport({ name, version, externals }) {
  return {
    name: 'ccap-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = [];
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.push({
          fileName: item.fileName,
          isEntry: item.isEntry,
          imports: item.imports,
          dynamicImports: item.dynamicImports,
          modules: item.moduleIds.filter((id) => !id.startsWith('\0')).map(toRepoPath),
        });
      }
      this.emitFile({ type: 'asset', fileName: BUNDLE_REPORT, source: json({ name, version, externals, chunks }) });
    },
  };
}

/** `graphql(`…`)` calls of graphql-codegen's client preset (which cannot take interpolations either). */
const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;

/** Document sources of the `graphql(`…`)` calls in a module's source text. */
function graphqlDocumentsIn(code) {
  return [...code.matchAll(GRAPHQL_CALL)].map((m) => m[1]);
}

/**
 * Operations and fragments of some documents, each printed on its own, sorted by kind and name.
 * @param {Array<{ file: string, source: string }>} documents
 * @returns {import('./graphql-operations.mjs').RecordedDefinition[]}
 */
function recordDefinitions(documents) {
  /** @type {Map<string, import('./graphql-operations.mjs').RecordedDefinition>} */
  const byKey = new Map();
  for (const { file, source } of documents) {
    for (const definition of parse(source).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const kind = definition.kind === Kind.FRAGMENT_DEFINITION ? 'fragment' : definition.operation;
      const name = definition.name?.value ?? '(anonymous)';
      const document = print(definition);
      const key = `${kind} ${name}`;
      const seen = byKey.get(key);
      if (seen && seen.document !== document) {
        throw new Error(`${key} is defined differently in ${seen.file} and ${file}`);
      }
      byKey.set(key, seen ?? { kind, name, file, document });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind.localeCompare(b.kind)));
}

/**
 * Emits `graphql-operations.json`: every operation and fragment written as `graphql(`…`)` in a module
 * that ended up in the bundle, so a deploy can validate exactly what this build may send.
 * @param {{ name: string, version: string }} options
 * @returns {import('vite').Plugin}
 */
export function graphqlOperations({ name, version }) {
  /** @type {Map<string, string[]>} module id → document sources */
  const documentsByModule = new Map();
  return {
    name: 'ccap-graphql-operations',
    apply: 'build',
    // Before the Vue plugin compiles a single-file component: the source as written.
    enforce: 'pre',
    buildStart() {
      documentsByModule.clear();
    },
    transform(code, id) {
      // Like codegen.yml: never codegen's own output (its JSDoc carries an example `graphql(` call).
      if (id.includes('/node_modules/') || id.includes('/graphql/generated/') || !code.includes('graphql(')) return null;
      const documents = graphqlDocumentsIn(code);
      if (documents.length > 0) documentsByModule.set(id, documents);
      return null;
    },
    generateBundle(_options, bundle) {
      const bundled = new Set(Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? item.moduleIds : [])));
      const documents = [...documentsByModule]
        .filter(([id]) => bundled.has(id))
        .flatMap(([id, sources]) => sources.map((source) => ({ file: toRepoPath(id), source })));
      let definitions;
      try {
        definitions = recordDefinitions(documents);
      } catch (error) {
        this.error(`GraphQL operations of ${name}: ${error instanceof Error ? error.message : error}`);
      }
      this.emitFile({ type: 'asset', fileName: OPERATIONS_MANIFEST, source: json({ name, version, definitions }) });
    },
  };
}

/**
 * Emits `artifact.json`: what deploying this folder puts in an environment's import map (paths on the
 * origin that serves it) and which other artifact folders it needs (a shell release: platform, libs).
 * @param {{ name: string, version: string, imports: Record<string, string>, requires?: string[] }} manifest
 * @returns {import('vite').Plugin}
 */
export function artifactManifest({ name, version, imports, requires = [] }) {
  return {
    name: 'ccap-artifact-manifest',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: ARTIFACT_MANIFEST, source: json({ name, version, imports, requires }) });
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
 * The whole Vite config of a micro-frontend (`mf-account`, …): `src/main.ts` → `<distDir>/<name>/<version>/<name>.js`
 * plus lazy chunks, `<name>.css` and the artifact files.
 * @param {{ root: string, plugins: import('vite').PluginOption[], version?: string, distDir?: string }} o
 *   version, distDir: build another version into another folder (default: package.json's, `<root>/dist`).
 * @returns {Promise<import('vite').UserConfig>}
 */
export async function microFrontendConfig({ root, plugins, version: versionOverride, distDir = join(root, 'dist') }) {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const name = pkg.name.replace(/^@ccap\//, '');
  const version = versionOverride ?? pkg.version;
  return {
    root,
    plugins: [
      ...plugins,
      bundleReport({ name, version, externals: SHARED_EXTERNALS }),
      graphqlOperations({ name, version }),
      artifactManifest({ name, version, imports: microFrontendImports(name, version) }),
    ],
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
