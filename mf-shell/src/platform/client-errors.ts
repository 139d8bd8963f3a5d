/**
 * Reports a failure of one part of the portal: to the console, naming the application, and to the
 * gateway's client error endpoint, so a broken deployment shows up in operations before candidates
 * call the hotline. Micro-frontends report their own runtime errors the same way, e.g. from Vue:
 *
 *   app.config.errorHandler = (error) => reportClientError('@ccap/mf-exam', 'runtime', error)
 */

/** load: the code did not arrive (404, network); timeout: not in time; mount: it threw while starting. */
export type ClientErrorKind = 'load' | 'mount' | 'timeout' | 'runtime';

export interface ClientErrorReport {
  /** The single-spa application, e.g. `@ccap/mf-exam`. */
  app: string;
  kind: ClientErrorKind;
  message: string;
  /** The page the candidate was on. */
  url: string;
  /** When, ISO 8601. */
  at: string;
}

/** Same origin: the shell proxies `/api/` to the gateway. */
export const CLIENT_ERRORS_ENDPOINT = '/api/client-errors';

/** A page stuck failing in a loop must not flood the endpoint. */
const MAX_REPORTS_PER_PAGE = 20;
const MAX_MESSAGE_LENGTH = 2000;

const CONSOLE_TEXT: Readonly<Record<ClientErrorKind, string>> = {
  load: '加载失败',
  timeout: '加载超时',
  mount: '启动失败',
  runtime: '运行出错',
};

let reportsSent = 0;

function messageText(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export function reportClientError(app: string, kind: ClientErrorKind, error: unknown): ClientErrorReport {
  const report: ClientErrorReport = {
    app,
    kind,
    message: messageText(error).slice(0, MAX_MESSAGE_LENGTH),
    url: window.location.href,
    at: new Date().toISOString(),
  };
  console.error(`[ccap] 模块 ${app} ${CONSOLE_TEXT[kind]}`, error);
  if (reportsSent < MAX_REPORTS_PER_PAGE) {
    reportsSent += 1;
    send(report);
  }
  return report;
}

function send(report: ClientErrorReport): void {
  try {
    // keepalive: the report still leaves when the candidate closes or leaves the page right away.
    fetch(CLIENT_ERRORS_ENDPOINT, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    }).catch(() => {
      // Reporting a failure must never become a failure of its own.
    });
  } catch {
    // (fetch itself threw: same reason)
  }
}
