#!/usr/bin/env node
// Fails when a micro-frontend's own JavaScript (every chunk of a built version folder, lazy route
// chunks included; the shared libraries and @ccap/platform come from the import map and do not
// count) exceeds its budget, gzip-compressed: issue 8's "a micro-frontend's own JS ≤ 60 KB gzip".
// Also reports the part a first visit needs: the entry chunk and the chunks it imports statically.
// `npm test` runs it on every build; `npm run bench:frontend` reports the same sizes.
//
//   node scripts/check-bundle-budget.mjs
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { builtVersions } from './check-shared-bundles.mjs';
import { MICRO_FRONTENDS, repoRoot } from './importmap.mjs';
import { BUNDLE_REPORT } from './vite-shared.mjs';

/** 60 KB, counted as 60,000 bytes (the stricter reading), of gzip output at zlib's default level. */
export const MICRO_FRONTEND_JS_BUDGET = 60_000;

const gzipSize = (buffer) => gzipSync(buffer).length;

/**
 * Sizes of one built micro-frontend folder `<name>/<version>/`, from its bundle report.
 * @param {string} name
 * @param {string} dir
 * @returns {{ name: string, version: string, dir: string, js: { bytes: number, gzip: number }, entry: { bytes: number, gzip: number, files: string[] }, css: { bytes: number, gzip: number }, chunks: Array<{ file: string, bytes: number, gzip: number, isEntry: boolean }> }}
 */
export function microFrontendSizes(name, dir) {
  /** @type {{ version: string, chunks: Array<{ fileName: string, isEntry: boolean, imports: string[] }> }} */
  const report = JSON.parse(readFileSync(join(dir, BUNDLE_REPORT), 'utf8'));
  const chunks = report.chunks.map((chunk) => {
    const code = readFileSync(join(dir, chunk.fileName));
    return { file: chunk.fileName, bytes: code.length, gzip: gzipSize(code), isEntry: chunk.isEntry };
  });
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const importsOf = new Map(report.chunks.map((c) => [c.fileName, c.imports.filter((spec) => byFile.has(spec))]));
  // The entry and what it imports statically, transitively: fetched before the first route's chunk.
  const entryFiles = new Set();
  const visit = (file) => {
    if (entryFiles.has(file)) return;
    entryFiles.add(file);
    for (const spec of importsOf.get(file) ?? []) visit(spec);
  };
  for (const chunk of chunks.filter((c) => c.isEntry)) visit(chunk.file);
  const sum = (list, key) => list.reduce((n, c) => n + c[key], 0);
  const entryChunks = chunks.filter((c) => entryFiles.has(c.file));
  const cssFiles = readdirSync(dir).filter((f) => f.endsWith('.css'));
  const css = cssFiles.map((f) => readFileSync(join(dir, f)));
  return {
    name,
    version: report.version,
    dir,
    js: { bytes: sum(chunks, 'bytes'), gzip: sum(chunks, 'gzip') },
    entry: { bytes: sum(entryChunks, 'bytes'), gzip: sum(entryChunks, 'gzip'), files: [...entryFiles] },
    css: { bytes: css.reduce((n, b) => n + b.length, 0), gzip: css.reduce((n, b) => n + gzipSize(b), 0) },
    chunks,
  };
}

/** Every built version folder of every micro-frontend: `[{ name, dir }]` (a missing build: its dist folder). */
export function builtMicroFrontends(root = repoRoot) {
  return MICRO_FRONTENDS.flatMap((name) => builtVersions(root, name, name).map(({ dir }) => ({ name, dir })));
}

/**
 * @param {{ root?: string, targets?: Array<{ name: string, dir: string }>, budget?: number }} [options]
 */
export function checkBundleBudget({ root = repoRoot, targets = builtMicroFrontends(root), budget = MICRO_FRONTEND_JS_BUDGET } = {}) {
  /** @type {Array<{ target: string, message: string }>} */
  const problems = [];
  const sizes = [];
  const rel = (p) => relative(root, p) || p;
  for (const { name, dir } of targets) {
    if (!existsSync(join(dir, BUNDLE_REPORT))) {
      problems.push({ target: name, message: `${rel(join(dir, BUNDLE_REPORT))} is missing — build it first` });
      continue;
    }
    const size = microFrontendSizes(name, dir);
    sizes.push(size);
    if (size.js.gzip > budget) {
      const largest = [...size.chunks].sort((a, b) => b.gzip - a.gzip).slice(0, 3).map((c) => `${c.file} ${kb(c.gzip)}`);
      problems.push({
        target: name,
        message: `${rel(dir)}: own JavaScript is ${kb(size.js.gzip)} gzip, over the ${kb(budget)} budget (largest: ${largest.join(', ')})`,
      });
    }
  }
  return { ok: problems.length === 0, problems, sizes, budget };
}

/** `12.3 KB` (1 KB = 1,000 bytes, like the budget). */
export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function main() {
  const { ok, problems, sizes, budget } = checkBundleBudget();
  for (const s of sizes) {
    console.log(`  ${s.name}@${s.version}: all JS ${kb(s.js.gzip)} gzip (${kb(s.js.bytes)} raw, ${s.chunks.length} chunks); entry ${kb(s.entry.gzip)}; CSS ${kb(s.css.gzip)}`);
  }
  if (!ok) {
    console.error(`check-bundle-budget: a micro-frontend's own JavaScript must stay within ${kb(budget)} gzip:`);
    for (const p of problems) console.error(`  [${p.target}] ${p.message}`);
    return 1;
  }
  console.log(`check-bundle-budget: every micro-frontend's own JavaScript is within ${kb(budget)} gzip.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(main());
}
