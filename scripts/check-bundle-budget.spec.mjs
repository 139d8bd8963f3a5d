import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MICRO_FRONTEND_JS_BUDGET, builtMicroFrontends, checkBundleBudget, microFrontendSizes } from './check-bundle-budget.mjs';
import { MICRO_FRONTENDS } from './importmap.mjs';
import { BUNDLE_REPORT } from './vite-shared.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'ccap-budget-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A built folder as scripts/vite-shared.mjs writes it: the entry imports `shared.js` statically and
 * loads `route.js` lazily; `route.js` holds `routeCode`.
 */
function builtFolder(name, routeCode) {
  const dir = join(tmp, name, 'dist', name, '1.0.0');
  mkdirSync(dir, { recursive: true });
  const files = {
    [`${name}.js`]: `import{h}from"./shared.js";import"vue";export const mount=()=>import("./route.js").then(m=>h(m));`,
    'shared.js': 'export const h=(m)=>m.default;',
    'route.js': routeCode,
  };
  for (const [file, code] of Object.entries(files)) writeFileSync(join(dir, file), code);
  writeFileSync(join(dir, `${name}.css`), '.a{color:red}');
  const chunks = [
    { fileName: `${name}.js`, isEntry: true, imports: ['shared.js', 'vue'], dynamicImports: ['route.js'], modules: [] },
    { fileName: 'shared.js', isEntry: false, imports: [], dynamicImports: [], modules: [] },
    { fileName: 'route.js', isEntry: false, imports: ['shared.js', 'element-plus'], dynamicImports: [], modules: [] },
  ];
  writeFileSync(join(dir, BUNDLE_REPORT), JSON.stringify({ name, version: '1.0.0', externals: [], chunks }));
  return { name, dir, files };
}

describe('microFrontendSizes', () => {
  it('adds up every chunk gzip-compressed, and separately the entry with its static imports', () => {
    const target = builtFolder('mf-sizes', `export default ${JSON.stringify('路由'.repeat(2000))};`);
    const sizes = microFrontendSizes(target.name, target.dir);
    const gz = (file) => gzipSync(Buffer.from(target.files[file])).length;
    expect(sizes.version).toBe('1.0.0');
    expect(sizes.js.gzip).toBe(gz('mf-sizes.js') + gz('shared.js') + gz('route.js'));
    expect(sizes.js.bytes).toBe(Object.values(target.files).reduce((n, code) => n + Buffer.byteLength(code), 0));
    expect(sizes.entry.files.sort()).toEqual(['mf-sizes.js', 'shared.js']);
    expect(sizes.entry.gzip).toBe(gz('mf-sizes.js') + gz('shared.js'));
    expect(sizes.css.bytes).toBe(13);
  });
});

describe('checkBundleBudget', () => {
  it('passes a micro-frontend within the budget', () => {
    const target = builtFolder('mf-small', 'export default 1;');
    const result = checkBundleBudget({ root: tmp, targets: [target] });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails when a lazy chunk takes the micro-frontend over 60 KB gzip, naming the chunk', () => {
    // Random bytes do not compress: 90 KB of base64 stays well over 60 KB gzip.
    const target = builtFolder('mf-large', `export default "${randomBytes(68_000).toString('base64')}";`);
    const result = checkBundleBudget({ root: tmp, targets: [target] });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].target).toBe('mf-large');
    expect(result.problems[0].message).toMatch(/own JavaScript is \d+\.\d KB gzip, over the 60\.0 KB budget \(largest: route\.js/);
    expect(result.sizes[0].js.gzip).toBeGreaterThan(MICRO_FRONTEND_JS_BUDGET);
  });

  it('fails when a build is missing', () => {
    const result = checkBundleBudget({ root: tmp, targets: [{ name: 'mf-none', dir: join(tmp, 'nowhere') }] });
    expect(result.ok).toBe(false);
    expect(result.problems[0].message).toMatch(/bundle-report\.json is missing/);
  });

  it('looks at every micro-frontend of the repository', () => {
    expect([...new Set(builtMicroFrontends().map((t) => t.name))]).toEqual([...MICRO_FRONTENDS]);
  });
});
