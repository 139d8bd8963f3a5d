#!/usr/bin/env node
// Writes bench/RESULTS.md again from a run's results with the current notes and front-end section (after
// editing bench/results-notes.md):   npm run bench:render -- bench/results/<run>.json
import { readFileSync } from 'node:fs';
import { writeResultsMarkdown } from './lib/results-report.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:render -- bench/results/<run>.json');
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
writeResultsMarkdown(results, SCENARIOS.filter((s) => results.scenarios.some((r) => r.name === s.name)));
console.log(`bench/RESULTS.md written from ${file}`);
