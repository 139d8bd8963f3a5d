import { navigateToUrl } from 'single-spa';

/** Navigate inside the portal without a full reload (single-spa `navigateToUrl`). */
export function navigate(url: string): void {
  navigateToUrl(url);
}

/**
 * Click handler for `<a href>` links that cross micro-frontends: plain left clicks navigate in
 * place; modified clicks (new tab, …) keep the browser's behaviour.
 */
export function onLinkClick(event: MouseEvent, url?: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return;
  }
  const anchor = event.currentTarget instanceof HTMLAnchorElement ? event.currentTarget : null;
  if (anchor?.target && anchor.target !== '_self') return;
  const href = url ?? anchor?.getAttribute('href');
  if (!href) return;
  event.preventDefault();
  navigate(href);
}
