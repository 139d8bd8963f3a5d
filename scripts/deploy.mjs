#!/usr/bin/env node
// Deploy, roll back and list the applications of an environment (scripts/environment.mjs).
//
//   npm run deploy -- mf-exam 1.4.0      point @ccap/mf-exam at 1.4.0 (version: default the built one)
//   npm run rollback -- mf-exam          back to the version deployed before the current one
//   npm run deploy -- --list             what is deployed, what is published, the last change
//
// options: --env NAME (default local: .data/deploy/local) or --env-dir DIR
//          --from DIR    publish the artifact from DIR/<app>/<version>/ (another environment's
//                        artifacts/, a CI download) instead of the workspace's dist/
//          --schema FILE|URL  GraphQL SDL to validate the operations against (default gateway/schema.graphql)
//          --origin URL  where a micro-frontend without an entry yet is served
//          --by NAME     recorded in the history (default $DEPLOY_BY, else user@host)
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SCHEMA } from './graphql-operations.mjs';
import { repoRoot, workspaceVersion } from './importmap.mjs';
import { DEPLOYABLE_APPS, DeployError, deploy, describeEnvironment, environmentDir, openEnvironment, rollback } from './environment.mjs';

const USAGE = `usage:
  npm run deploy -- <app> [version] [--env NAME | --env-dir DIR] [--from DIR] [--schema FILE|URL] [--origin URL] [--by NAME]
  npm run rollback -- <app> [--env NAME | --env-dir DIR] [--schema FILE|URL] [--by NAME]
  npm run deploy -- --list [--env NAME | --env-dir DIR]`;

const show = (path) => relative(process.cwd(), path) || '.';

function printList(env, name) {
  const rows = describeEnvironment(env).map((a) => [
    a.app,
    a.deployed ?? '—',
    a.published.join(', ') || '—',
    a.last ? `${a.last.action} ${a.last.from ?? '∅'} → ${a.last.to}  ${a.last.at}  ${a.last.by}` : '—',
  ]);
  const header = ['app', 'deployed', 'published', 'last change'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  console.log(`${name === show(env.dir) ? name : `${name} (${show(env.dir)})`}\n`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`\nimport map: ${show(env.importMapFile)}   history: ${show(env.historyFile)}`);
}

/** @param {string[]} argv `deploy …` or `rollback …` */
export async function main(argv) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      env: { type: 'string', default: 'local' },
      'env-dir': { type: 'string' },
      from: { type: 'string' },
      schema: { type: 'string', default: DEFAULT_SCHEMA },
      origin: { type: 'string' },
      by: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  const envName = values['env-dir'] ? show(resolve(values['env-dir'])) : `environment ${values.env}`;
  const env = openEnvironment(values['env-dir'] ? resolve(values['env-dir']) : environmentDir(values.env));
  const by = values.by ? { by: values.by } : {};

  if (command === 'deploy' && values.list) {
    printList(env, envName);
    return 0;
  }
  const [app, version] = positionals;
  if (!app || (command !== 'deploy' && command !== 'rollback') || positionals.length > (command === 'deploy' ? 2 : 1)) {
    console.error(USAGE);
    return 2;
  }
  const checked = `checked: shared libraries external, GraphQL operations valid against ${show(values.schema)}`;

  if (!DEPLOYABLE_APPS.includes(app)) {
    console.error(`"${app}" cannot be deployed; one of: ${DEPLOYABLE_APPS.join(', ')}`);
    return 2;
  }
  if (command === 'deploy') {
    const target = version ?? workspaceVersion(app, repoRoot);
    const result = await deploy(env, app, target, {
      from: values.from && resolve(values.from),
      schema: values.schema,
      origin: values.origin,
      ...by,
    });
    for (const p of result.published) if (p.outcome === 'published') console.log(`published ${p.folder} in ${show(env.artifacts)}`);
    console.log(checked);
    if (result.changed.length === 0) {
      console.log(`${app}@${target} is already deployed in ${envName}: nothing changed`);
    } else {
      console.log(`deployed ${app} ${result.from ?? '∅'} → ${target} in ${envName} (changed ${result.changed.join(', ')})`);
    }
    return 0;
  }
  const result = await rollback(env, app, { schema: values.schema, ...by });
  console.log(checked);
  console.log(`rolled back ${app} ${result.from} → ${result.to} in ${envName} (changed ${result.changed.join(', ')})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      if (error?.code?.startsWith?.('ERR_PARSE_ARGS')) {
        console.error(`${error.message}\n${USAGE}`);
        process.exit(2);
      }
      console.error(error instanceof DeployError ? error.message : error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}
