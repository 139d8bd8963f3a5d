import { describe, expect, it } from 'vitest';
import { installedVersion, microFrontendImports, portsFromEnv, shellRelease } from './importmap.mjs';

describe('shellRelease', () => {
  it('maps the shared libraries to versioned, shell-relative folders, with the platform and the root config', () => {
    const { imports } = shellRelease('0.3.0');
    expect(imports.vue).toBe(`/libs/vue@${installedVersion('vue')}/dist/vue.runtime.esm-browser.prod.js`);
    expect(imports['vue-router']).toMatch(/^\/libs\/vue-router@[\d.]+\/dist\/vue-router\.esm-browser\.prod\.js$/);
    expect(imports.pinia).toMatch(/^\/libs\/pinia@[\d.]+\/dist\/pinia\.esm-browser\.prod\.js$/);
    expect(imports['element-plus']).toMatch(/^\/libs\/element-plus@[\d.]+\/dist\/index\.full\.min\.mjs$/);
    expect(imports['single-spa']).toMatch(/^\/libs\/single-spa@[\d.]+\/lib\/es2015\/esm\/single-spa\.min\.js$/);
    expect(imports['@ccap/platform']).toBe('/platform/0.3.0/platform.js');
    expect(imports['@ccap/root-config']).toBe('/mf-shell/0.3.0/root-config.js');
    expect(imports['import-map-overrides']).toBeUndefined();
    expect(Object.values(imports).every((path) => path.startsWith('/'))).toBe(true);
  });

  it('needs the platform and every shared library folder, import-map-overrides included', () => {
    const { requires } = shellRelease('0.3.0');
    expect(requires[0]).toBe('platform/0.3.0');
    expect(requires).toContain(`libs/import-map-overrides@${installedVersion('import-map-overrides')}`);
    expect(requires).toHaveLength(7);
  });
});

describe('microFrontendImports', () => {
  it('is a path on the origin that serves the micro-frontend', () => {
    expect(microFrontendImports('mf-exam', '1.4.0')).toEqual({ '@ccap/mf-exam': '/mf-exam/1.4.0/mf-exam.js' });
  });
});

describe('portsFromEnv', () => {
  it('reads ports from the environment', () => {
    const ports = portsFromEnv({ SHELL_PORT: '9080', MF_EXAM_PORT: '9082' });
    expect(ports).toEqual({ shell: 9080, 'mf-account': 8081, 'mf-exam': 9082, 'mf-payment': 8083 });
    expect(() => portsFromEnv({ MF_ACCOUNT_PORT: 'abc' })).toThrow(/MF_ACCOUNT_PORT/);
  });
});
