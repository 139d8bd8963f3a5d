#!/usr/bin/env node
// Fails (exit 1) when the committed GraphQL codegen output is stale, or when an operation does not
// validate against gateway/schema.graphql. Generates in memory; never writes to the tree.
//
//   node scripts/check-codegen.mjs [--config codegen.yml]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { repoRoot } from './importmap.mjs';

function listFiles(dir) {
  /** @type {string[]} */
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** The first useful line(s) of a codegen failure (validation errors are nested in AggregateErrors). */
function describeError(error) {
  const lines = [];
  const visit = (e, depth) => {
    if (!e || depth > 4) return;
    const message = typeof e === 'string' ? e : e.message ?? String(e);
    if (message && !lines.includes(message)) lines.push(message);
    for (const inner of e.errors ?? []) visit(inner, depth + 1);
    if (e.cause) visit(e.cause, depth + 1);
  };
  visit(error, 0);
  return lines.join('\n');
}

/**
 * @param {{ root?: string, configFile?: string, config?: object }} [options]
 *   root: where paths in the config are relative to; configFile: codegen config (default codegen.yml);
 *   config: an already loaded config object instead of configFile.
 * @returns {Promise<{ ok: boolean, stale: string[], missing: string[], extra: string[], error?: string }>}
 */
export async function checkCodegen({ root = repoRoot, configFile = 'codegen.yml', config: givenConfig } = {}) {
  const config = givenConfig ?? (await loadCodegenConfig({ configFilePath: resolve(root, configFile) })).config;
  /** @type {Array<{ filename: string, content: string }>} */
  let outputs;
  try {
    outputs = await generate({ ...config, cwd: root, silent: true, verbose: false }, false);
  } catch (error) {
    return { ok: false, stale: [], missing: [], extra: [], error: describeError(error) };
  }

  const stale = [];
  const missing = [];
  const expected = new Set();
  for (const output of outputs) {
    const file = resolve(root, output.filename);
    expected.add(file);
    let current;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      missing.push(relative(root, file));
      continue;
    }
    if (current !== output.content) stale.push(relative(root, file));
  }

  // Files left in an output folder that codegen no longer produces (e.g. a deleted operation's).
  const extra = [];
  for (const target of Object.keys(config.generates ?? {})) {
    if (!target.endsWith('/')) continue;
    for (const file of listFiles(resolve(root, target))) {
      if (!expected.has(file)) extra.push(relative(root, file));
    }
  }

  return { ok: stale.length === 0 && missing.length === 0 && extra.length === 0, stale, missing, extra };
}

async function main(argv) {
  const i = argv.indexOf('--config');
  const result = await checkCodegen({ configFile: i >= 0 ? argv[i + 1] : 'codegen.yml' });
  if (result.error) {
    console.error('check-codegen: GraphQL code generation failed (an operation does not match gateway/schema.graphql?):');
    console.error(result.error);
    return 1;
  }
  if (!result.ok) {
    console.error('check-codegen: generated GraphQL code is out of date. Run `npm run codegen` and commit the result.');
    for (const f of result.stale) console.error(`  stale:   ${f}`);
    for (const f of result.missing) console.error(`  missing: ${f}`);
    for (const f of result.extra) console.error(`  extra:   ${f}`);
    return 1;
  }
  console.log('check-codegen: generated GraphQL code is up to date.');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`check-codegen: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
