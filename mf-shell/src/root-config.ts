import './styles/shell.css';
import {
  SKIP_BECAUSE_BROKEN,
  addErrorHandler,
  checkActivityFunctions,
  getAppStatus,
  registerApplication,
  start as startSingleSpa,
} from 'single-spa';
import { constructApplications, constructLayoutEngine, constructRoutes } from 'single-spa-layout';
import { messageOf, refreshSession, reportClientError, stylesheetLifecycles } from '@ccap/platform';
import { createLayoutData, layoutHtml, removeAppShell } from './layout';
import { loadApplication } from './applications';
import { ApplicationFailure, loadTimeoutMs } from './failures';
import { applicationContainer, createErrorParcel, showErrorCard } from './parcels/errorParcel';
import { ApplicationRetrier, AwaitingRetry } from './retry';

/** Built next to this file (vite `build.lib.cssFileName`). */
const CSS_FILE = 'root-config.css';

let started: Promise<void> | null = null;

/** Boot the portal: layout, applications, single-spa, session. Called once by index.html. */
export function start(): Promise<void> {
  started ??= boot();
  return started;
}

async function boot(): Promise<void> {
  await stylesheetLifecycles(new URL(CSS_FILE, import.meta.url).href).mount();

  let retrier: ApplicationRetrier | null = null;
  const retry = async (appName: string) => {
    try {
      await retrier?.retry(appName);
    } catch (error) {
      console.error(`[ccap] 重试模块 ${appName} 失败`, error);
    }
  };
  const errorParcel = createErrorParcel({ retry });

  const timeoutMs = loadTimeoutMs();
  const load = (name: string) => loadApplication(name, timeoutMs);
  const routes = constructRoutes(layoutHtml, createLayoutData(errorParcel));
  const applications = constructApplications({
    routes,
    loadApp: ({ name }) => (retrier ? retrier.load(name, () => load(name)) : load(name)),
  });
  retrier = new ApplicationRetrier(applications);
  const layoutEngine = constructLayoutEngine({ routes, applications, active: false });

  // One place where application failures are reported (the layout shows the error card).
  const handled = new WeakSet<Error>();
  addErrorHandler((error) => {
    const name = error.appOrParcelName;
    retrier?.recordFailure(name);
    handled.add(error);
    if (error instanceof AwaitingRetry) return;
    reportClientError(name, error instanceof ApplicationFailure ? error.kind : 'runtime', error);
  });
  // single-spa-layout rethrows every application error (for when nobody handles it): this one has
  // been reported, so it must not surface again as an uncaught error.
  window.addEventListener('error', (event) => {
    if (event.error instanceof Error && handled.has(event.error)) event.preventDefault();
  });

  // single-spa never touches a SKIP_BECAUSE_BROKEN application again, and the layout only shows
  // the error card when the failure happens: coming back to its route must show the card too.
  window.addEventListener('single-spa:routing-event', () => {
    for (const name of checkActivityFunctions(window.location)) {
      if (getAppStatus(name) !== SKIP_BECAUSE_BROKEN) continue;
      const container = applicationContainer(name);
      if (container) showErrorCard(container, name, retry);
    }
  });

  // The app shell (index.html) lies over the layout until the top bar has mounted; should the top
  // bar fail, its error card shows once the first routing has ended.
  window.addEventListener('single-spa:routing-event', removeAppShell, { once: true });

  for (const application of applications) registerApplication(application);
  layoutEngine.activate();
  startSingleSpa({ urlRerouteOnly: true });

  refreshSession().catch((error: unknown) => {
    console.warn(`[ccap] 读取登录状态失败: ${messageOf(error)}`);
  });
}
