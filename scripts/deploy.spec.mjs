import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeployError,
  deploy,
  describeEnvironment,
  openEnvironment,
  prepareLocalEnvironment,
  publishApp,
  readHistory,
  rollback,
} from './environment.mjs';
import { microFrontendImports, repoRoot } from './importmap.mjs';
import { SHARED_EXTERNALS, artifactManifest, bundleReport, graphqlOperations, libraryBuild } from './vite-shared.mjs';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const schema = join(fixtures, 'micro-frontend', 'schema.graphql');
const tmp = mkdtempSync(join(tmpdir(), 'ccap-deploy-spec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Builds `<name>/<version>/` into `<outRoot>` the way a micro-frontend is built (real Vite, real plugins). */
async function buildArtifact(
  outRoot,
  name,
  version,
  entry,
  { fixture = 'micro-frontend', externals = SHARED_EXTERNALS, imports = microFrontendImports(name, version) } = {},
) {
  const root = join(fixtures, fixture);
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      bundleReport({ name, version, externals }),
      graphqlOperations({ name, version }),
      artifactManifest({ name, version, imports }),
    ],
    build: libraryBuild({ root, name, version, entry, fileName: `${name}.js`, outDir: join(outRoot, name, version), externals }),
  });
  return outRoot;
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Path → mtime of every file under dir: proof that nothing there was rewritten. */
function mtimes(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[full] = statSync(full).mtimeMs;
    }
  };
  walk(dir);
  return out;
}

const builds = join(tmp, 'builds');
const envDir = join(tmp, 'env');
const env = openEnvironment(envDir);
const INITIAL_MAP = {
  imports: {
    vue: '/libs/vue@3.5.45/dist/vue.runtime.esm-browser.prod.js',
    '@ccap/mf-account': 'http://localhost:8081/mf-account/0.1.0/mf-account.js',
  },
};

beforeAll(async () => {
  await buildArtifact(builds, 'mf-exam', '1.0.0', 'exams.js');
  await buildArtifact(builds, 'mf-exam', '1.1.0', 'exams.js');
  await buildArtifact(builds, 'mf-exam', '1.2.0', 'unknown-field.js');
  await buildArtifact(builds, 'mf-exam', '1.3.0', 'entry.js', { fixture: 'bundled-libs', externals: [] });
  mkdirSync(envDir, { recursive: true });
  writeFileSync(env.importMapFile, JSON.stringify(INITIAL_MAP));
}, 60_000);

describe('the build records what a deploy checks', () => {
  it('lists the GraphQL operations of the modules in the bundle, and the import-map entry', () => {
    const { definitions } = readJson(join(builds, 'mf-exam', '1.0.0', 'graphql-operations.json'));
    expect(definitions).toEqual([
      { kind: 'query', name: 'Exams', file: 'scripts/fixtures/micro-frontend/exams.js', document: expect.stringContaining('exams {') },
    ]);
    expect(readJson(join(builds, 'mf-exam', '1.0.0', 'artifact.json'))).toEqual({
      name: 'mf-exam',
      version: '1.0.0',
      imports: { '@ccap/mf-exam': '/mf-exam/1.0.0/mf-exam.js' },
      requires: [],
    });
  });
});

describe('deploy and rollback', () => {
  it('publishes the artifact and changes only its import-map entry, atomically, with history', async () => {
    const first = await deploy(env, 'mf-exam', '1.0.0', { from: builds, schema, origin: 'http://localhost:8082', by: 'exam-team' });
    expect(first).toMatchObject({ from: null, to: '1.0.0', changed: ['@ccap/mf-exam'] });
    const published = mtimes(join(env.artifacts, 'mf-exam', '1.0.0'));

    const second = await deploy(env, 'mf-exam', '1.1.0', { from: builds, schema, by: 'exam-team' });
    expect(second).toMatchObject({ from: '1.0.0', to: '1.1.0', changed: ['@ccap/mf-exam'] });
    expect(readJson(env.importMapFile)).toEqual({
      imports: { ...INITIAL_MAP.imports, '@ccap/mf-exam': 'http://localhost:8082/mf-exam/1.1.0/mf-exam.js' },
    });
    expect(readdirSync(envDir).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
    expect(mtimes(join(env.artifacts, 'mf-exam', '1.0.0'))).toEqual(published);
    expect(readFileSync(join(env.artifacts, 'mf-exam', '1.1.0', 'mf-exam.js'))).toEqual(readFileSync(join(builds, 'mf-exam', '1.1.0', 'mf-exam.js')));

    const history = readHistory(env);
    expect(history.map(({ action, app, from, to, by }) => ({ action, app, from, to, by }))).toEqual([
      { action: 'deploy', app: 'mf-exam', from: null, to: '1.0.0', by: 'exam-team' },
      { action: 'deploy', app: 'mf-exam', from: '1.0.0', to: '1.1.0', by: 'exam-team' },
    ]);
    expect(Date.parse(history[1].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('does nothing when the version is already deployed', async () => {
    const result = await deploy(env, 'mf-exam', '1.1.0', { from: builds, schema });
    expect(result.changed).toEqual([]);
    expect(readHistory(env)).toHaveLength(2);
  });

  it('refuses an artifact whose operations select a field the schema lacks, naming the field', async () => {
    const before = readFileSync(env.importMapFile, 'utf8');
    const refusal = await deploy(env, 'mf-exam', '1.2.0', { from: builds, schema }).catch((e) => e);
    expect(refusal).toBeInstanceOf(DeployError);
    expect(refusal.message).toContain('mf-exam@1.2.0 was not deployed');
    expect(refusal.problems).toEqual([
      'mf-exam/1.2.0: query ExamFees (scripts/fixtures/micro-frontend/unknown-field.js): Cannot query field "examFee" on type "Exam".',
    ]);
    expect(readFileSync(env.importMapFile, 'utf8')).toBe(before);
    expect(readHistory(env)).toHaveLength(2);
  });

  it('refuses an artifact that bundles its own Vue', async () => {
    const refusal = await deploy(env, 'mf-exam', '1.3.0', { from: builds, schema }).catch((e) => e);
    expect(refusal).toBeInstanceOf(DeployError);
    expect(refusal.problems).toContain('mf-exam/1.3.0: mf-exam.js: contains its own copy of vue');
    expect(refusal.problems.some((p) => p.includes('(vue must be external)'))).toBe(true);
    expect(refusal.message.split('\n').length).toBeLessThan(20);
    expect(readJson(env.importMapFile).imports['@ccap/mf-exam']).toBe('http://localhost:8082/mf-exam/1.1.0/mf-exam.js');
  });

  it('refuses a version that was never built or published, or that is not a version', async () => {
    await expect(deploy(env, 'mf-exam', '9.9.9', { from: builds, schema })).rejects.toThrow(/mf-exam\/9\.9\.9 does not exist/);
    await expect(deploy(env, 'mf-exam', '..', { from: builds, schema })).rejects.toThrow(/is not an artifact folder/);
  });

  it('never overwrites a published version with different content', async () => {
    const rebuilt = await buildArtifact(join(tmp, 'rebuilt'), 'mf-exam', '1.0.0', 'unknown-field.js');
    expect(() => publishApp(env, 'mf-exam', '1.0.0', { from: rebuilt })).toThrow(/already published .* with different content/);
    expect(publishApp(env, 'mf-exam', '1.0.0', { from: builds })).toEqual([{ folder: 'mf-exam/1.0.0', outcome: 'unchanged' }]);
  });

  it('rolls back one deploy at a time, and no further than the first', async () => {
    const back = await rollback(env, 'mf-exam', { schema, by: 'on-call' });
    expect(back).toMatchObject({ from: '1.1.0', to: '1.0.0', changed: ['@ccap/mf-exam'] });
    expect(readJson(env.importMapFile).imports['@ccap/mf-exam']).toBe('http://localhost:8082/mf-exam/1.0.0/mf-exam.js');
    expect(readHistory(env).at(-1)).toMatchObject({ action: 'rollback', app: 'mf-exam', from: '1.1.0', to: '1.0.0', by: 'on-call' });
    await expect(rollback(env, 'mf-exam', { schema })).rejects.toThrow(/first version deployed here: nothing to roll back to/);
  });

  it('lists what is deployed and published', () => {
    const exam = describeEnvironment(env).find((a) => a.app === 'mf-exam');
    expect(exam).toMatchObject({ deployed: '1.0.0', published: ['1.0.0', '1.1.0', '1.2.0', '1.3.0'], last: { action: 'rollback' } });
  });
});

describe('npm run deploy / rollback', () => {
  const run = (args) =>
    promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'deploy.mjs'), ...args], { cwd: repoRoot }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
    );
  const target = ['--env-dir', envDir, '--schema', schema];

  it('deploys, refuses with the field named, lists and rolls back', async () => {
    const deployed = await run(['deploy', 'mf-exam', '1.1.0', '--from', builds, ...target, '--by', 'ci']);
    expect(deployed.output).toContain('deployed mf-exam 1.0.0 → 1.1.0');
    expect(deployed.code).toBe(0);

    const refused = await run(['deploy', 'mf-exam', '1.2.0', ...target]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('Cannot query field "examFee" on type "Exam"');

    const list = await run(['deploy', '--list', '--env-dir', envDir]);
    expect(list.output).toMatch(/mf-exam\s+1\.1\.0\s+1\.0\.0, 1\.1\.0, 1\.2\.0, 1\.3\.0\s+deploy 1\.0\.0 → 1\.1\.0 .* ci/);

    const rolledBack = await run(['rollback', 'mf-exam', ...target]);
    expect(rolledBack.output).toContain('rolled back mf-exam 1.1.0 → 1.0.0');
  });
});

describe('the local environment of npm start', () => {
  /** A repository whose four deployable workspaces built `version` (from the fixture). */
  async function fakeRepository(root, version) {
    for (const app of ['mf-shell', 'mf-account', 'mf-exam', 'mf-payment']) {
      mkdirSync(join(root, app), { recursive: true });
      writeFileSync(join(root, app, 'package.json'), JSON.stringify({ name: `@ccap/${app}`, version }));
      // The shell release's version is read from its root config's entry.
      const imports = app === 'mf-shell' ? { '@ccap/root-config': `/mf-shell/${version}/root-config.js` } : undefined;
      if (!existsSync(join(root, app, 'dist', app, version))) await buildArtifact(join(root, app, 'dist'), app, version, 'exams.js', { imports });
    }
  }

  it('publishes the builds, deploys what has no entry yet, and follows the servers to new ports', async () => {
    const root = join(tmp, 'repository');
    await fakeRepository(root, '0.1.0');
    const local = openEnvironment(join(tmp, 'local'));
    const origins = { 'mf-account': 'http://localhost:8081', 'mf-exam': 'http://localhost:8082', 'mf-payment': 'http://localhost:8083' };
    const first = prepareLocalEnvironment(local, { origins, root, by: 'dev' });
    expect(first.published).toHaveLength(4);
    expect(readJson(local.importMapFile).imports['@ccap/mf-exam']).toBe('http://localhost:8082/mf-exam/0.1.0/mf-exam.js');
    expect(readHistory(local).map((r) => `${r.action} ${r.app} ${r.to}`)).toEqual([
      'init mf-shell 0.1.0',
      'init mf-account 0.1.0',
      'init mf-exam 0.1.0',
      'init mf-payment 0.1.0',
    ]);

    const again = prepareLocalEnvironment(local, { origins: { ...origins, 'mf-exam': 'http://localhost:9999' }, root });
    expect(again.published).toEqual([]);
    expect(readJson(local.importMapFile).imports['@ccap/mf-exam']).toBe('http://localhost:9999/mf-exam/0.1.0/mf-exam.js');
    expect(readHistory(local)).toHaveLength(4);

    // A developer's rebuild under the same version replaces it here, and only here.
    await buildArtifact(join(root, 'mf-exam', 'dist'), 'mf-exam', '0.1.0', 'unknown-field.js');
    const rebuilt = prepareLocalEnvironment(local, { origins, root });
    expect(rebuilt.published).toEqual([{ folder: 'mf-exam/0.1.0', outcome: 'replaced' }]);
    expect(rebuilt.apps.find((a) => a.app === 'mf-exam')).toMatchObject({ deployed: '0.1.0', built: '0.1.0' });
  });
});
