import type { LifeCycles } from 'single-spa';
import { createShellApp } from './apps/shellApp';
import TopBar from './apps/TopBar.vue';
import HomePage from './apps/HomePage.vue';
import NotFound from './apps/NotFound.vue';
import { loadWithin, withMountFailures } from './failures';
import { removeAppShell } from './layout';

/** The shell's own applications; everything else is a micro-frontend resolved by the import map. */
const SHELL_APPS: Readonly<Record<string, () => LifeCycles>> = {
  // The real top bar replaces the app shell's static one (same markup) as soon as it is mounted.
  '@ccap/shell-topbar': () => thenAfterMount(createShellApp('@ccap/shell-topbar', TopBar), removeAppShell),
  '@ccap/shell-home': () => createShellApp('@ccap/shell-home', HomePage, ''),
  '@ccap/shell-not-found': () => createShellApp('@ccap/shell-not-found', NotFound, '页面不存在'),
};

function thenAfterMount(lifecycles: LifeCycles, after: () => void): LifeCycles {
  const mounts = Array.isArray(lifecycles.mount) ? lifecycles.mount : [lifecycles.mount];
  return { ...lifecycles, mount: [...mounts, () => Promise.resolve().then(after)] };
}

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
