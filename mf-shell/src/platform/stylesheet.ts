/**
 * single-spa lifecycles that add a micro-frontend's own stylesheet on mount (resolving once it has
 * loaded, rejecting when it cannot) and remove it on unmount.
 *
 *   const css = stylesheetLifecycles(new URL(CSS_FILE, import.meta.url).href)
 *   export const mount = [css.mount, vueLifecycles.mount]
 *   export const unmount = [vueLifecycles.unmount, css.unmount]
 */
export function stylesheetLifecycles(href: string): {
  mount: () => Promise<void>;
  unmount: () => Promise<void>;
} {
  let link: HTMLLinkElement | null = null;
  return {
    mount() {
      if (link?.isConnected) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const el = document.createElement('link');
        el.rel = 'stylesheet';
        el.href = href;
        el.dataset.ccapStylesheet = '';
        el.addEventListener('load', () => resolve(), { once: true });
        el.addEventListener(
          'error',
          () => {
            el.remove();
            if (link === el) link = null;
            reject(new Error(`stylesheet failed to load: ${href}`));
          },
          { once: true },
        );
        link = el;
        document.head.appendChild(el);
      });
    },
    unmount() {
      link?.remove();
      link = null;
      return Promise.resolve();
    },
  };
}
