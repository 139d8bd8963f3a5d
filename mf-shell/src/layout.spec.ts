import { describe, expect, it } from 'vitest';
import { constructApplications, constructRoutes } from 'single-spa-layout';
import type { ParcelConfig } from 'single-spa';
import { APPLICATION_TITLES, createLayoutData, layoutHtml } from './layout';

const errorParcel: ParcelConfig = () =>
  Promise.resolve({ bootstrap: async () => {}, mount: async () => {}, unmount: async () => {} });

function resolvedApplications() {
  const routes = constructRoutes(layoutHtml, createLayoutData(errorParcel));
  const found: Array<{ name: string; loader?: unknown; error?: unknown }> = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as Array<{ type?: string; name?: string; routes?: unknown[] }>) {
      if (node.type === 'application') found.push(node as never);
      if (Array.isArray(node.routes)) walk(node.routes);
    }
  };
  walk(routes.routes);
  return { routes, found };
}

const at = (path: string) => new URL(path, 'http://localhost:8080') as unknown as Location;

describe('layout', () => {
  it('declares a loader and an error handler for every application', () => {
    const { found } = resolvedApplications();
    expect(found.map((a) => a.name).sort()).toEqual(Object.keys(APPLICATION_TITLES).sort());
    for (const app of found) {
      expect(app.loader, app.name).toBeTruthy();
      expect(app.error, app.name).toBe(errorParcel);
    }
  });

  it('routes / to the home page, /account, /exam and /payment to their micro-frontends', () => {
    const { routes } = resolvedApplications();
    const applications = constructApplications({ routes, loadApp: () => Promise.reject(new Error('not in this test')) });
    const activeAt = (path: string) =>
      applications
        .filter((app) => (app.activeWhen as Array<(l: Location) => boolean>).some((fn) => fn(at(path))))
        .map((app) => app.name)
        .sort();
    expect(activeAt('/')).toEqual(['@ccap/shell-home', '@ccap/shell-topbar']);
    expect(activeAt('/account/register')).toEqual(['@ccap/mf-account', '@ccap/shell-topbar']);
    expect(activeAt('/exam')).toEqual(['@ccap/mf-exam', '@ccap/shell-topbar']);
    expect(activeAt('/exam/0b7e/units')).toEqual(['@ccap/mf-exam', '@ccap/shell-topbar']);
    expect(activeAt('/payment')).toEqual(['@ccap/mf-payment', '@ccap/shell-topbar']);
    expect(activeAt('/examination')).toEqual(['@ccap/shell-not-found', '@ccap/shell-topbar']);
    expect(activeAt('/no-such-page')).toEqual(['@ccap/shell-not-found', '@ccap/shell-topbar']);
  });

  it('has the platform name and its footer in the layout', () => {
    expect(layoutHtml).toContain('全国会计人员统一服务管理平台');
  });
});
