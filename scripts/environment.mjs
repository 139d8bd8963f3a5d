// A deployment environment: the published artifacts, the import map the portal boots from, and the
// history of what was deployed. `npm start` serves `.data/deploy/local`; `npm run deploy` and
// `npm run rollback` (scripts/deploy.mjs) change one application's import-map entries in it.
//
//   <env>/artifacts/<name>/<version>/   immutable once published: mf-exam/0.1.0/, mf-shell/0.1.0/,
//                                       platform/0.1.0/, libs/vue@3.5.45/ — copied from builds
//   <env>/importmap.json                served by the shell as /importmap.json (no-cache, read per request)
//   <env>/history.jsonl                 one JSON object per line: at, by, action, app, from, to
//
// The same folders work as an object store behind a CDN: artifacts are write-once, and a deployment
// is one atomic rewrite of importmap.json.
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { bundleTarget, checkSharedBundles } from './check-shared-bundles.mjs';
import { loadSchema, validateDefinitions } from './graphql-operations.mjs';
import { MICRO_FRONTENDS, repoRoot, workspaceVersion } from './importmap.mjs';
import { ARTIFACT_MANIFEST, BUNDLE_REPORT, OPERATIONS_MANIFEST } from './vite-shared.mjs';

/** What can be deployed on its own: the shell release (root config, platform, shared libraries) and each micro-frontend. */
export const DEPLOYABLE_APPS = Object.freeze(['mf-shell', ...MICRO_FRONTENDS]);

/** Reasons a refusal's message lists; `problems` keeps them all. */
const SHOWN_PROBLEMS = 12;

/** A refusal with its reasons, one per line. */
export class DeployError extends Error {
  /** @param {string} summary @param {string[]} [problems] */
  constructor(summary, problems = []) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > SHOWN_PROBLEMS) shown.push(`  … and ${problems.length - SHOWN_PROBLEMS} more`);
    super([summary, ...shown].join('\n'));
    this.name = 'DeployError';
    this.problems = problems;
  }
}

/** `.data/deploy/<name>` of this repository. */
export function environmentDir(name, root = repoRoot) {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new DeployError(`environment name "${name}" must be lower-case letters, digits and dashes`);
  return join(root, '.data', 'deploy', name);
}

/**
 * @param {string} dir
 * @returns {{ dir: string, artifacts: string, importMapFile: string, historyFile: string }}
 */
export function openEnvironment(dir) {
  return {
    dir,
    artifacts: join(dir, 'artifacts'),
    importMapFile: join(dir, 'importmap.json'),
    historyFile: join(dir, 'history.jsonl'),
  };
}

/** @typedef {ReturnType<typeof openEnvironment>} Environment */

/** Where a workspace builds its artifacts (`<workspace>/dist/<name>/<version>/`). */
export function buildRoot(app, root = repoRoot) {
  return join(root, app, 'dist');
}

function assertApp(app) {
  if (!DEPLOYABLE_APPS.includes(app)) {
    throw new DeployError(`"${app}" cannot be deployed; one of: ${DEPLOYABLE_APPS.join(', ')}`);
  }
}

/** `<name>/<version>` or `libs/<pkg>@<version>`: never a path that leaves the artifacts folder. */
const ARTIFACT_FOLDER = /^(?:libs\/(?:@[\w.-]+\/)?[\w.-]+@[\w.+-]+|[a-z0-9-]+\/[\w+-][\w.+-]*)$/;

function assertFolder(folder) {
  if (!ARTIFACT_FOLDER.test(folder) || folder.split('/').includes('..')) {
    throw new DeployError(`"${folder}" is not an artifact folder (<name>/<version>)`);
  }
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Relative path → SHA-256 of every file under `dir`. */
function treeDigest(dir) {
  /** @type {Map<string, string>} */
  const digest = new Map();
  const walk = (current) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else digest.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return digest;
}

function sameTree(a, b) {
  const da = treeDigest(a);
  const db = treeDigest(b);
  return da.size === db.size && [...da].every(([file, hash]) => db.get(file) === hash);
}

/**
 * Copies the artifact folder `folder` (e.g. `mf-exam/1.4.0`, `libs/vue@3.5.45`) from `sourceRoot`
 * into the environment. A published folder is never changed: publishing the same content again does
 * nothing, different content is refused — unless `replaceRebuilt` (the local environment of
 * `npm start`, where a developer rebuilds without bumping the version).
 * @param {Environment} env
 * @returns {'published' | 'unchanged' | 'replaced'}
 */
export function publishFolder(env, folder, sourceRoot, { replaceRebuilt = false } = {}) {
  assertFolder(folder);
  const source = join(sourceRoot, folder);
  const target = join(env.artifacts, folder);
  if (!isDirectory(source)) throw new DeployError(`${folder} is not in ${sourceRoot}: build it first`);
  const exists = isDirectory(target);
  if (exists && sameTree(source, target)) return 'unchanged';
  if (exists && !replaceRebuilt) {
    throw new DeployError(
      `${folder} is already published in ${env.dir} with different content: artifacts are immutable, build the change under a new version`,
    );
  }
  // Copy beside, then rename into place: a folder is served either complete or not at all.
  const incoming = join(env.artifacts, `.incoming-${randomBytes(6).toString('hex')}`);
  cpSync(source, incoming, { recursive: true });
  mkdirSync(dirname(target), { recursive: true });
  if (exists) {
    const outgoing = join(env.artifacts, `.outgoing-${randomBytes(6).toString('hex')}`);
    renameSync(target, outgoing);
    renameSync(incoming, target);
    rmSync(outgoing, { recursive: true, force: true });
    return 'replaced';
  }
  renameSync(incoming, target);
  return 'published';
}

/**
 * @typedef {{ name: string, version: string, imports: Record<string, string>, requires: string[] }} ArtifactManifest
 */

/** @param {string} folder an artifact folder @returns {ArtifactManifest} */
function readManifest(folder) {
  const file = join(folder, ARTIFACT_MANIFEST);
  if (!existsSync(file)) throw new DeployError(`${folder} has no ${ARTIFACT_MANIFEST}: not an artifact built by scripts/vite-shared.mjs`);
  return readJson(file);
}

/**
 * Makes sure `<app>/<version>` and the folders it requires are in the environment: from `from` when
 * given (refusing different content), else what is missing from the app's own build folder.
 * @param {Environment} env
 * @returns {Array<{ folder: string, outcome: 'published' | 'unchanged' | 'replaced' | 'already published' }>}
 */
export function publishApp(env, app, version, { from, replaceRebuilt = false } = {}) {
  assertApp(app);
  const sourceRoot = from ?? buildRoot(app);
  const ensure = (folder) => {
    assertFolder(folder);
    const inStore = isDirectory(join(env.artifacts, folder));
    if (isDirectory(join(sourceRoot, folder)) && (from || !inStore)) {
      return { folder, outcome: publishFolder(env, folder, sourceRoot, { replaceRebuilt }) };
    }
    if (inStore) return { folder, outcome: /** @type {const} */ ('already published') };
    throw new DeployError(`artifact ${folder} does not exist: it is neither published in ${env.dir} nor built in ${sourceRoot}`);
  };
  const results = [ensure(`${app}/${version}`)];
  const manifest = readManifest(join(env.artifacts, app, version));
  if (manifest.name !== app || manifest.version !== version) {
    throw new DeployError(`${app}/${version}/${ARTIFACT_MANIFEST} describes ${manifest.name}@${manifest.version}`);
  }
  for (const folder of manifest.requires) results.push(ensure(folder));
  return results;
}

/**
 * Why `<app>/<version>` must not be deployed: a bundled shared library, an import the map lacks, or
 * a GraphQL operation the schema does not validate (the message names the field) — for it and for
 * every built folder it requires (the platform of a shell release).
 * @param {Environment} env
 * @param {import('graphql').GraphQLSchema} schema
 * @returns {string[]}
 */
export function artifactProblems(env, app, version, schema) {
  const manifest = readManifest(join(env.artifacts, app, version));
  const problems = [];
  for (const folder of [`${app}/${version}`, ...manifest.requires]) {
    const [name] = folder.split('/');
    if (name === 'libs') continue; // the shared libraries themselves, copied from npm
    const dir = join(env.artifacts, folder);
    if (!isDirectory(dir)) {
      problems.push(`${folder} is not published`);
      continue;
    }
    const bundles = checkSharedBundles({ root: dir, targets: [bundleTarget(name, dir)] });
    for (const p of bundles.problems) problems.push(`${folder}: ${p.file ? `${p.file}: ` : ''}${p.message}`);
    const operations = join(dir, OPERATIONS_MANIFEST);
    if (!existsSync(operations)) {
      problems.push(`${folder} has no ${OPERATIONS_MANIFEST}: rebuild it with scripts/vite-shared.mjs`);
      continue;
    }
    for (const p of validateDefinitions(schema, readJson(operations).definitions)) problems.push(`${folder}: ${p}`);
  }
  return problems;
}

/** The import-map key whose URL says which version of `app` is deployed. */
function mainImport(app) {
  return app === 'mf-shell' ? '@ccap/root-config' : `@ccap/${app}`;
}

/** @param {{ imports: Record<string, string> }} map @returns {string | null} */
export function deployedVersion(map, app) {
  const url = map.imports[mainImport(app)];
  if (!url) return null;
  const match = new URL(url, 'http://shell.invalid').pathname.match(new RegExp(`^/${app}/([^/]+)/`));
  return match ? match[1] : null;
}

/** Shell-relative path of the index.html of the deployed shell release (it sits next to its root config). */
export function indexHtmlPath(map) {
  const version = deployedVersion(map, 'mf-shell');
  return version ? `/mf-shell/${version}/index.html` : null;
}

/** @param {Environment} env @returns {{ imports: Record<string, string> }} */
export function readImportMap(env) {
  if (!existsSync(env.importMapFile)) {
    throw new DeployError(`${env.importMapFile} does not exist: nothing is deployed in ${env.dir}`);
  }
  return readJson(env.importMapFile);
}

/** Write temp + rename: a reader sees the old map or the new one, never half of one. */
function writeImportMap(env, map) {
  mkdirSync(env.dir, { recursive: true });
  const temp = `${env.importMapFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(map, null, 2)}\n`);
  renameSync(temp, env.importMapFile);
}

/**
 * @typedef {{ at: string, by: string, action: 'init' | 'deploy' | 'rollback', app: string, from: string | null, to: string }} HistoryRecord
 */

/** @param {Environment} env @returns {HistoryRecord[]} */
export function readHistory(env) {
  if (!existsSync(env.historyFile)) return [];
  return readFileSync(env.historyFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

function defaultDeployer() {
  return process.env.DEPLOY_BY || `${userInfo().username}@${hostname()}`;
}

/** One writer at a time: a second deploy waits for nobody, it is refused. */
async function withLock(env, fn) {
  mkdirSync(env.dir, { recursive: true });
  const lock = join(env.dir, '.deploy.lock');
  let fd;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    throw new DeployError(`another deployment holds ${lock} (${readFileSync(lock, 'utf8').trim()}); delete it if none is running`);
  }
  writeFileSync(fd, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}\n`);
  closeSync(fd);
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

const originOf = (url) => (/^https?:\/\//.test(url) ? new URL(url).origin : '');

/** The import-map entries of an artifact, on `origin` ('' for the shell's own origin). */
function entriesOf(manifest, origin) {
  return Object.fromEntries(Object.entries(manifest.imports).map(([specifier, path]) => [specifier, `${origin}${path}`]));
}

/**
 * Points `app` at `version`: publishes the artifact when it is not in the environment yet (from
 * `from`, else from the app's build folder), refuses it when a check fails, then changes only that
 * app's import-map entries (one atomic rename) and records who did it.
 * @param {Environment} env
 * @param {{ from?: string, schema?: string | import('graphql').GraphQLSchema, by?: string, origin?: string }} [options]
 *   schema: SDL file, URL or schema (default gateway/schema.graphql); origin: where a micro-frontend
 *   is served (default: the origin its current entry uses).
 */
export async function deploy(env, app, version, { from, schema, by = defaultDeployer(), origin } = {}) {
  assertApp(app);
  const graphqlSchema = typeof schema === 'object' ? schema : await loadSchema(schema);
  return withLock(env, () => {
    // The first deploy creates an environment (the shell first: micro-frontends need --origin then).
    const map = existsSync(env.importMapFile) ? readImportMap(env) : { imports: {} };
    const current = deployedVersion(map, app);
    const published = publishApp(env, app, version, { from });
    const problems = artifactProblems(env, app, version, graphqlSchema);
    if (problems.length > 0) throw new DeployError(`${app}@${version} was not deployed:`, problems);
    return { ...applyVersion(env, map, app, version, { action: 'deploy', by, origin }), from: current, published };
  });
}

/**
 * Points `app` back at the version deployed before the current one (each rollback undoes one deploy),
 * after the same checks as a deploy.
 * @param {Environment} env
 * @param {{ schema?: string | import('graphql').GraphQLSchema, by?: string }} [options]
 */
export async function rollback(env, app, { schema, by = defaultDeployer() } = {}) {
  assertApp(app);
  const graphqlSchema = typeof schema === 'object' ? schema : await loadSchema(schema);
  return withLock(env, () => {
    const map = readImportMap(env);
    const current = deployedVersion(map, app);
    const stack = deployedVersions(readHistory(env), app);
    if (stack.at(-1) !== current) {
      throw new DeployError(
        `${env.importMapFile} was changed by hand (${app}@${current}; its history ends with ${stack.at(-1) ?? 'nothing'}): deploy a version instead`,
      );
    }
    const target = stack.at(-2);
    if (!target) throw new DeployError(`${app}@${current} is the first version deployed here: nothing to roll back to`);
    const problems = artifactProblems(env, app, target, graphqlSchema);
    if (problems.length > 0) throw new DeployError(`${app} was not rolled back to ${target}:`, problems);
    return { ...applyVersion(env, map, app, target, { action: 'rollback', by }), from: current };
  });
}

/** The versions of `app` that rollbacks return to, oldest first: a deploy pushes, a rollback pops. */
export function deployedVersions(history, app) {
  const stack = [];
  for (const record of history) {
    if (record.app !== app) continue;
    if (record.action === 'rollback') stack.pop();
    else stack.push(record.to);
  }
  return stack;
}

/** Sets app's entries to `version` and appends the history record (no record when nothing changes). */
function applyVersion(env, map, app, version, { action, by, origin }) {
  const manifest = readManifest(join(env.artifacts, app, version));
  let base = '';
  if (app !== 'mf-shell') {
    const currentUrl = map.imports[mainImport(app)];
    base = origin ?? (currentUrl ? originOf(currentUrl) : '');
    if (!base) throw new DeployError(`${app} has no entry in ${env.importMapFile} yet: give its origin (--origin https://…)`);
  }
  const entries = entriesOf(manifest, base);
  const changed = Object.entries(entries).filter(([specifier, url]) => map.imports[specifier] !== url);
  if (changed.length === 0) return { app, to: version, changed: [] };
  writeImportMap(env, { ...map, imports: { ...map.imports, ...entries } });
  /** @type {HistoryRecord} */
  const record = { at: new Date().toISOString(), by, action, app, from: deployedVersion(map, app), to: version };
  appendFileSync(env.historyFile, `${JSON.stringify(record)}\n`);
  return { app, to: version, changed: changed.map(([specifier]) => specifier) };
}

/**
 * What is deployed, per application: version, URL, the versions published here, the last change.
 * @param {Environment} env
 */
export function describeEnvironment(env) {
  const map = existsSync(env.importMapFile) ? readImportMap(env) : { imports: {} };
  const history = readHistory(env);
  return DEPLOYABLE_APPS.map((app) => {
    const dir = join(env.artifacts, app);
    return {
      app,
      deployed: deployedVersion(map, app),
      url: map.imports[mainImport(app)] ?? null,
      published: isDirectory(dir) ? readdirSync(dir).filter((v) => isDirectory(join(dir, v))).sort() : [],
      last: history.filter((r) => r.app === app).at(-1) ?? null,
    };
  });
}

/**
 * For the local environment of `npm start` (and the tests' throwaway ones): publishes what the
 * workspaces built (a same-version rebuild replaces the published folder), gives every application
 * without an entry the version it built, and points the micro-frontends at the origins serving them
 * now. Returns what it did and what is deployed against what is built.
 * @param {Environment} env
 * @param {{ origins: Record<string, string>, by?: string, root?: string }} options
 */
export function prepareLocalEnvironment(env, { origins, by = defaultDeployer(), root = repoRoot }) {
  const published = DEPLOYABLE_APPS.flatMap((app) =>
    publishApp(env, app, workspaceVersion(app, root), { from: buildRoot(app, root), replaceRebuilt: true }),
  );
  const map = existsSync(env.importMapFile) ? readImportMap(env) : { imports: {} };
  const imports = { ...map.imports };
  const records = [];
  for (const app of DEPLOYABLE_APPS) {
    const origin = app === 'mf-shell' ? '' : origins[app];
    const deployed = deployedVersion({ imports }, app);
    if (deployed) {
      // Same version, served from this run's port.
      const url = imports[mainImport(app)];
      if (origin && originOf(url) !== origin) Object.assign(imports, entriesOf(readManifest(join(env.artifacts, app, deployed)), origin));
      continue;
    }
    const version = workspaceVersion(app, root);
    Object.assign(imports, entriesOf(readManifest(join(env.artifacts, app, version)), origin));
    records.push({ at: new Date().toISOString(), by, action: 'init', app, from: null, to: version });
  }
  if (JSON.stringify(imports) !== JSON.stringify(map.imports)) writeImportMap(env, { ...map, imports });
  for (const record of records) appendFileSync(env.historyFile, `${JSON.stringify(record)}\n`);
  const built = Object.fromEntries(DEPLOYABLE_APPS.map((app) => [app, workspaceVersion(app, root)]));
  return {
    published: published.filter((p) => p.outcome === 'published' || p.outcome === 'replaced'),
    apps: describeEnvironment(env).map((a) => ({ ...a, built: built[a.app] })),
  };
}
