import type { LifeCycles } from 'single-spa';
import { createShellApp } from './apps/shellApp';
import TopBar from './apps/TopBar.vue';
import HomePage from './apps/HomePage.vue';
import NotFound from './apps/NotFound.vue';
import { loadWithin, withMountFailures } from './failures';

/** The shell's own applications; everything else is a micro-frontend resolved by the import map. */
const SHELL_APPS: Readonly<Record<string, () => LifeCycles>> = {
  '@ccap/shell-topbar': () => createShellApp('@ccap/shell-topbar', TopBar),
  '@ccap/shell-home': () => createShellApp('@ccap/shell-home', HomePage, ''),
  '@ccap/shell-not-found': () => createShellApp('@ccap/shell-not-found', NotFound, '页面不存在'),
};

/**
 * single-spa-layout `loadApp`: shell apps from this bundle, `@ccap/mf-*` through the import map
 * within `timeoutMs`. Failures carry their kind (load, timeout, mount) for the report.
 */
export async function loadApplication(name: string, timeoutMs: number): Promise<LifeCycles> {
  const shellApp = SHELL_APPS[name];
  const lifecycles = shellApp
    ? shellApp()
    : await loadWithin(name, timeoutMs, () => import(/* @vite-ignore */ name) as Promise<LifeCycles>);
  return withMountFailures(name, lifecycles);
}
