import { describe, expect, it } from 'vitest';
import { buildImportMap, importMapFromPorts, installedVersion, portsFromEnv } from './importmap.mjs';

const mfOrigins = {
  'mf-account': 'http://localhost:8081',
  'mf-exam': 'http://localhost:8082/',
  'mf-payment': 'http://localhost:8083',
};

describe('buildImportMap', () => {
  it('maps the shared libraries to versioned, shell-relative folders', () => {
    const { imports } = buildImportMap({ mfOrigins });
    expect(imports.vue).toBe(`/libs/vue@${installedVersion('vue')}/dist/vue.runtime.esm-browser.prod.js`);
    expect(imports['vue-router']).toMatch(/^\/libs\/vue-router@[\d.]+\/dist\/vue-router\.esm-browser\.prod\.js$/);
    expect(imports.pinia).toMatch(/^\/libs\/pinia@[\d.]+\/dist\/pinia\.esm-browser\.prod\.js$/);
    expect(imports['element-plus']).toMatch(/^\/libs\/element-plus@[\d.]+\/dist\/index\.full\.min\.mjs$/);
    expect(imports['single-spa']).toMatch(/^\/libs\/single-spa@[\d.]+\/lib\/es2015\/esm\/single-spa\.min\.js$/);
    expect(imports['@ccap/platform']).toBe('/platform/0.1.0/platform.js');
    expect(imports['@ccap/root-config']).toBe('/mf-shell/0.1.0/root-config.js');
    expect(imports['import-map-overrides']).toBeUndefined();
  });

  it('puts each micro-frontend on its own origin', () => {
    const { imports } = buildImportMap({ mfOrigins });
    expect(imports['@ccap/mf-account']).toBe('http://localhost:8081/mf-account/0.1.0/mf-account.js');
    expect(imports['@ccap/mf-exam']).toBe('http://localhost:8082/mf-exam/0.1.0/mf-exam.js');
    expect(imports['@ccap/mf-payment']).toBe('http://localhost:8083/mf-payment/0.1.0/mf-payment.js');
  });

  it('takes version overrides and an absolute shell origin', () => {
    const { imports } = buildImportMap({
      shellOrigin: 'https://portal.example/',
      mfOrigins,
      versions: { 'mf-exam': '0.2.0', vue: '3.6.0', platform: '0.1.1' },
    });
    expect(imports.vue).toBe('https://portal.example/libs/vue@3.6.0/dist/vue.runtime.esm-browser.prod.js');
    expect(imports['@ccap/mf-exam']).toBe('http://localhost:8082/mf-exam/0.2.0/mf-exam.js');
    expect(imports['@ccap/platform']).toBe('https://portal.example/platform/0.1.1/platform.js');
  });

  it('requires an origin for every micro-frontend', () => {
    expect(() => buildImportMap({ mfOrigins: { 'mf-account': 'http://a' } })).toThrow(/mf-exam/);
  });

  it('reads ports from the environment', () => {
    const ports = portsFromEnv({ SHELL_PORT: '9080', MF_EXAM_PORT: '9082' });
    expect(ports).toEqual({ shell: 9080, 'mf-account': 8081, 'mf-exam': 9082, 'mf-payment': 8083 });
    expect(() => portsFromEnv({ MF_ACCOUNT_PORT: 'abc' })).toThrow(/MF_ACCOUNT_PORT/);
    expect(importMapFromPorts(ports, { host: '127.0.0.1' }).imports['@ccap/mf-exam']).toBe(
      'http://127.0.0.1:9082/mf-exam/0.1.0/mf-exam.js',
    );
  });
});
