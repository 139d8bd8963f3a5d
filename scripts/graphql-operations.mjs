// Validation, at deploy time, of the GraphQL operations an artifact recorded at build time
// (graphql-operations.json, scripts/vite-shared.mjs) against a schema: a micro-frontend that selects a
// field the gateway does not have is refused before anyone loads it.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NoUnusedFragmentsRule, buildSchema, parse, specifiedRules, validate } from 'graphql';
import { repoRoot } from './importmap.mjs';

export const DEFAULT_SCHEMA = resolve(repoRoot, 'gateway', 'schema.graphql');

/**
 * The schema from an SDL file or an http(s) URL serving SDL (the gateway refuses introspection).
 * @param {string} [source] default gateway/schema.graphql
 */
export async function loadSchema(source = DEFAULT_SCHEMA) {
  let sdl;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`schema ${source}: HTTP ${response.status}`);
    sdl = await response.text();
  } else {
    sdl = await readFile(resolve(source), 'utf8');
  }
  return buildSchema(sdl);
}

// Each operation is validated with every fragment next to it, so a fragment another operation uses
// is not "unused" here.
const RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

/**
 * @typedef {{ kind: 'query' | 'mutation' | 'subscription' | 'fragment', name: string, file: string, document: string }} RecordedDefinition
 */

/**
 * Problems of recorded operations against a schema: one line per error, naming the operation, its
 * source file and graphql-js's message (which names the field and the type).
 * @param {import('graphql').GraphQLSchema} schema
 * @param {RecordedDefinition[]} definitions
 * @returns {string[]}
 */
export function validateDefinitions(schema, definitions) {
  const fragments = definitions.filter((d) => d.kind === 'fragment').map((d) => d.document);
  const problems = [];
  for (const operation of definitions.filter((d) => d.kind !== 'fragment')) {
    const document = parse([operation.document, ...fragments].join('\n'));
    for (const error of validate(schema, document, RULES)) {
      problems.push(`${operation.kind} ${operation.name} (${operation.file}): ${error.message}`);
    }
  }
  return problems;
}
