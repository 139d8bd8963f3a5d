import type { ParcelConfig } from 'single-spa';
import { APPLICATION_TITLES } from '../layout';

export interface ErrorParcelOptions {
  /** Retry loading/mounting the application; resolves once single-spa has been asked to. */
  retry(appName: string): Promise<void>;
}

interface ErrorParcelProps {
  domElement: HTMLElement;
  error?: Error & { appOrParcelName?: string };
}

const CARD_ATTR = 'data-ccap-app-error';

function appNameOf(props: ErrorParcelProps): string {
  if (props.error?.appOrParcelName) return props.error.appOrParcelName;
  return props.domElement.id.replace(/^single-spa-application:/, '');
}

/** The error card: “该模块暂时无法加载”, the application's name, and 重试. */
export function renderErrorCard(appName: string, onRetry: () => void): HTMLElement {
  const card = document.createElement('section');
  card.className = 'ccap-app-error';
  card.setAttribute('role', 'alert');
  card.setAttribute(CARD_ATTR, appName);

  const icon = document.createElement('div');
  icon.className = 'ccap-app-error__icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '!';

  const title = document.createElement('h2');
  title.className = 'ccap-app-error__title';
  title.textContent = '该模块暂时无法加载';

  const name = document.createElement('p');
  name.className = 'ccap-app-error__name';
  const label = APPLICATION_TITLES[appName];
  name.textContent = label ? `${label}(${appName})` : appName;

  const hint = document.createElement('p');
  hint.className = 'ccap-app-error__hint';
  hint.textContent = '页面其他功能不受影响。请检查网络后点击“重试”,如问题持续请稍后再访问。';

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'el-button el-button--primary ccap-app-error__retry';
  const text = document.createElement('span');
  text.textContent = '重试';
  button.appendChild(text);
  button.addEventListener('click', () => {
    button.disabled = true;
    button.classList.add('is-disabled');
    text.textContent = '重试中…';
    onRetry();
  });

  card.append(icon, title, name, hint, button);
  return card;
}

/**
 * Shows the error card of `appName` in `container` unless one is already there (one card per
 * container). Returns the card.
 */
export function showErrorCard(container: HTMLElement, appName: string, retry: (appName: string) => Promise<void>): HTMLElement {
  const existing = container.querySelector<HTMLElement>(`[${CARD_ATTR}]`);
  if (existing) return existing;
  const card = renderErrorCard(appName, () => {
    card.remove();
    void retry(appName);
  });
  container.appendChild(card);
  return card;
}

/** The container single-spa-layout creates for an application. */
export function applicationContainer(appName: string): HTMLElement | null {
  return document.getElementById(`single-spa-application:${appName}`);
}

/**
 * single-spa-layout `errors` entry: a parcel-config loading function, so every failure gets its own
 * parcel instance. It only ever touches its own card (never the container's other content), so it
 * is harmless when the application mounts into the same container after a retry.
 */
export function createErrorParcel({ retry }: ErrorParcelOptions): ParcelConfig {
  return () => {
    let card: HTMLElement | null = null;
    return Promise.resolve({
      name: 'ccap-app-error',
      bootstrap: () => Promise.resolve(),
      mount: (props) => {
        const p = props as unknown as ErrorParcelProps;
        const appName = appNameOf(p);
        // A second failure mounts a second parcel: keep one card per container.
        p.domElement.querySelectorAll(`[${CARD_ATTR}]`).forEach((el) => el.remove());
        card = showErrorCard(p.domElement, appName, retry);
        return Promise.resolve();
      },
      unmount: () => {
        card?.remove();
        card = null;
        return Promise.resolve();
      },
    });
  };
}
