import type { LifeCycles } from 'single-spa';
import { createShellApp } from './apps/shellApp';
import TopBar from './apps/TopBar.vue';
import HomePage from './apps/HomePage.vue';
import NotFound from './apps/NotFound.vue';

/** The shell's own applications; everything else is a micro-frontend resolved by the import map. */
const SHELL_APPS: Readonly<Record<string, () => LifeCycles>> = {
  '@ccap/shell-topbar': () => createShellApp(TopBar),
  '@ccap/shell-home': () => createShellApp(HomePage, ''),
  '@ccap/shell-not-found': () => createShellApp(NotFound, '页面不存在'),
};

/** single-spa-layout `loadApp`: shell apps from this bundle, `@ccap/mf-*` through the import map. */
export function loadApplication(name: string): Promise<LifeCycles> {
  const shellApp = SHELL_APPS[name];
  if (shellApp) return Promise.resolve(shellApp());
  return import(/* @vite-ignore */ name) as Promise<LifeCycles>;
}
