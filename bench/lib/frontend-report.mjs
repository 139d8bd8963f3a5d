// The front-end section of bench/RESULTS.md. bench/frontend.mjs writes it to bench/results/frontend.md
// (with the analysis from bench/frontend-notes.md) and splices it into RESULTS.md between two markers;
// bench/run.mjs, which rewrites RESULTS.md for the gateway scenarios, appends it again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FRONTEND_RESULTS_FILE = fileURLToPath(new URL('../results/frontend.md', import.meta.url));
const NOTES_FILE = fileURLToPath(new URL('../frontend-notes.md', import.meta.url));
const BEGIN = '<!-- front-end results: written by bench/frontend.mjs -->';
const END = '<!-- end of front-end results -->';

/** The marked front-end section, or '' before the first front-end run. */
export function frontendSection() {
  if (!existsSync(FRONTEND_RESULTS_FILE)) return '';
  return `${BEGIN}\n${readFileSync(FRONTEND_RESULTS_FILE, 'utf8').trim()}\n${END}\n`;
}

/** Replaces the front-end section of a RESULTS.md (or appends it). */
export function spliceFrontendSection(resultsFile) {
  const section = frontendSection();
  const current = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n';
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? `${current.slice(0, start)}${section}${current.slice(end + END.length + 1)}` : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(resultsFile, next);
}

const kb = (bytes) => (bytes === 0 ? '0' : (bytes / 1000).toFixed(1));
const ms = (n) => (Number.isFinite(n) ? n.toFixed(0) : '—');
const COLUMNS = ['shell', 'shared libraries', 'platform', 'mf-account', 'mf-exam', 'mf-payment', 'gateway'];

/** @param {any} results what bench/frontend.mjs measured */
export function renderFrontendResults(results) {
  const m = results.machine;
  const cell = (c) => (c.requests === 0 ? '—' : `${kb(c.encoded)} / ${kb(c.decoded)}`);
  const firstVisits = results.visits.map((v) => v.steps[0]);
  const lines = [
    '## Front end (issue 8): bytes per area, micro-frontend JS, login LCP',
    '',
    `Latest run: ${results.startedAt} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GiB, Node ${m.node}, ${m.chromium} (headless, ${results.settings.viewport}), ` +
      `load average ${m.loadAverageAtStart.join(' / ')} at start, ${m.loadAverageAtEnd.join(' / ')} at end (shared machine). ` +
      'Run with `npx turbo run build && npm run bench:frontend`; every server on localhost, so bytes cost no network time here.',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    ...results.microFrontends.map((mf) => `| ${mf.name}: own JS ≤ ${kb(results.settings.jsBudgetBytes)} KB gzip | ${kb(mf.allJs.gzip)} KB (all chunks) | ${mf.meetsBudget ? 'yes' : '**no**'} |`),
    `| login page LCP ≤ ${results.settings.lcpTargetMs / 1000} s, CPU ${results.settings.cpuThrottle}× slower, cold cache | median ${ms(results.lcp.medianMs)} ms, worst ${ms(results.lcp.worstMs)} ms over ${results.lcpRuns.length} runs${results.lcp.allRenderedByPortal ? '' : ' (**an LCP element was not rendered by the portal**)'}; login form in the DOM: median ${ms(results.lcp.medianLoginFormMs)} ms | ${results.targets.loginLcp ? 'yes' : '**no**'} |`,
    `| shared libraries, platform and root config not fetched again on another area | ${results.sharedLibrariesFetchedAgain.length === 0 ? 'never fetched again' : results.sharedLibrariesFetchedAgain.join('; ')} | ${results.targets.sharedLibrariesOnce ? 'yes' : '**no**'} |`,
    '',
    '### Cold first visit per area',
    '',
    'KB transferred (compressed, with headers) / KB decoded; 1 KB = 1,000 bytes. "shell" is index.html, importmap.json and the root config;',
    '"shared libraries" are vue, vue-router, pinia, element-plus (JS and CSS), single-spa and import-map-overrides; "gateway" is /graphql and /api through the shell.',
    '',
    `| area | requests | total | ${COLUMNS.join(' | ')} | LCP ms (not throttled) |`,
    `|---|---|---|${COLUMNS.map(() => '---').join('|')}|---|`,
    ...firstVisits.map((s) => `| ${s.area} | ${s.total.requests} | ${cell(s.total)} | ${COLUMNS.map((c) => cell(s.byCategory[c])).join(' | ')} | ${ms(s.lcp?.startTime)} |`),
    '',
    '### Then another area in the same tab (top-bar link)',
    '',
    `| from → to | requests | total | ${COLUMNS.join(' | ')} | fetched again |`,
    `|---|---|---|${COLUMNS.map(() => '---').join('|')}|---|`,
    ...results.visits.flatMap((v) =>
      v.steps.slice(1).map((s) => `| ${v.first} → ${s.area} | ${s.total.requests} | ${cell(s.total)} | ${COLUMNS.map((c) => cell(s.byCategory[c])).join(' | ')} | ${s.fetchedAgain.length === 0 ? 'nothing shared' : s.fetchedAgain.join(', ')} |`),
    ),
    '',
    '### Each micro-frontend\'s own JavaScript (gzip, zlib default level)',
    '',
    '| micro-frontend | all chunks | raw | entry + its static imports | first visit of its area (entry + first route) | CSS | budget |',
    '|---|---|---|---|---|---|---|',
    ...results.microFrontends.map(
      (mf) =>
        `| ${mf.name}@${mf.version} | ${kb(mf.allJs.gzip)} KB | ${kb(mf.allJs.bytes)} KB | ${kb(mf.entry.gzip)} KB | ${kb(mf.firstVisit.gzip)} KB (${mf.firstVisit.files.length} files) | ${kb(mf.css.gzip)} KB | ${mf.meetsBudget ? 'within' : '**over**'} |`,
    ),
    '',
    `### Login page, CPU ${results.settings.cpuThrottle}× slower (Emulation.setCPUThrottlingRate), cold cache`,
    '',
    `A busy loop took ${ms(results.cpuProbeUnthrottledMs)} ms unthrottled; the "CPU probe" column is the same loop in each throttled page (shows the throttling held).`,
    '',
    '| run | LCP ms | LCP element | login form in DOM ms | FCP ms | DOMContentLoaded ms | layout shift (CLS) | KB transferred / decoded | CPU probe ms |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.lcpRuns.map(
      (r) =>
        `| ${r.run} | ${ms(r.lcpMs)} | ${r.lcpElement ? `\`${r.lcpElement.tag}${r.lcpElement.className ? `.${r.lcpElement.className.split(' ')[0]}` : ''}\` “${r.lcpElement.text}”${r.lcpElement.inPortal ? (r.lcpElement.inLoginPage ? '' : r.lcpElement.inAppShell ? ' (app shell\'s top bar, index.html)' : ' (top bar)') : ' (**not rendered by the portal**)'}` : '—'} | ${ms(r.loginFormAtMs)} | ${ms(r.firstContentfulPaintMs)} | ${ms(r.domContentLoadedMs)} | ${Number.isFinite(r.layoutShift) ? r.layoutShift.toFixed(3) : '—'} | ${kb(r.total.encoded)} / ${kb(r.total.decoded)} | ${ms(r.cpuProbeMs)} |`,
    ),
    ...(results.mainThread?.length
      ? [
          '',
          '### Main-thread work before the first paint (one traced cold login load per rate)',
          '',
          'Top-level tasks of the page\'s main thread in a DevTools trace, from navigation start; "kinds" are the outermost script, style, layout, HTML, paint and GC slices before first contentful paint.',
          '',
          '| CPU | FCP ms | main thread busy before FCP ms | kinds before FCP (ms) | login form in DOM ms | busy before login form ms |',
          '|---|---|---|---|---|---|',
          ...results.mainThread.map(
            (t) =>
              `| ${t.cpuThrottle}× | ${ms(t.firstContentfulPaintMs)} | ${ms(t.busyBeforeFcpMs)} | ${Object.entries(t.byKindBeforeFcpMs ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || '—'} | ${ms(t.loginFormAtMs)} | ${ms(t.busyBeforeLoginFormMs)} |`,
          ),
        ]
      : []),
  ];
  const notes = existsSync(NOTES_FILE) ? `\n${readFileSync(NOTES_FILE, 'utf8').trim()}\n` : '';
  return `${lines.join('\n')}\n${notes}`;
}
