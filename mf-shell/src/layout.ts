import type { ParcelConfig } from 'single-spa';
import { NAV_ITEMS, PORTAL_NAME, isCurrent } from './apps/nav';

/** The portal's applications: single-spa name → what the candidate calls it. */
export const APPLICATION_TITLES: Readonly<Record<string, string>> = {
  '@ccap/shell-topbar': '顶部导航',
  '@ccap/shell-home': '首页',
  '@ccap/shell-not-found': '页面不存在',
  '@ccap/mf-account': '会计人员登录与注册',
  '@ccap/mf-exam': '会计专业技术资格考试',
  '@ccap/mf-payment': '网上缴费',
};

const footerHtml = /* html */ `<p>${PORTAL_NAME}</p><p>建议使用最新版本的谷歌、火狐、360(极速模式)等非 IE 内核的主流浏览器访问本系统</p>`;

/**
 * The single-spa-layout of the portal: top bar, one routed main area, footer. Every application
 * declares a `loader` (shown while its code loads) and an `error` (shown in its place when it cannot
 * load or mount).
 */
export const layoutHtml = /* html */ `
<single-spa-router mode="history" containerEl="#ccap-root">
  <div class="ccap-page">
    <header class="ccap-page__header">
      <application name="@ccap/shell-topbar" loader="topbar" error="app"></application>
    </header>
    <main class="ccap-page__main">
      <route path="/" exact>
        <application name="@ccap/shell-home" loader="page" error="app"></application>
      </route>
      <route path="account">
        <application name="@ccap/mf-account" loader="page" error="app"></application>
      </route>
      <route path="exam">
        <application name="@ccap/mf-exam" loader="page" error="app"></application>
      </route>
      <route path="payment">
        <application name="@ccap/mf-payment" loader="page" error="app"></application>
      </route>
      <route default>
        <application name="@ccap/shell-not-found" loader="page" error="app"></application>
      </route>
    </main>
    <footer class="ccap-page__footer">${footerHtml}</footer>
  </div>
</single-spa-router>
`;

/** Skeleton shown while a page-sized application loads. */
export const pageLoaderHtml = /* html */ `
<div class="ccap-app-loading" role="status" aria-live="polite">
  <div class="ccap-app-loading__bar"></div>
  <div class="ccap-app-loading__bar ccap-app-loading__bar--short"></div>
  <div class="ccap-app-loading__bar"></div>
  <p class="ccap-app-loading__text">加载中…</p>
</div>
`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The top bar as TopBar.vue renders it for a signed-out visitor (the same elements and classes:
 * TopBar.spec.ts compares them), as static HTML. Without a pathname, each link carries its
 * `data-exact` / `data-under` pathnames for the app shell's script to mark the current one.
 */
export function topbarHtml(pathname?: string): string {
  const links = NAV_ITEMS.map((item) => {
    const current = pathname !== undefined && isCurrent(item, pathname);
    const matchData =
      pathname === undefined
        ? ` data-exact="${escapeHtml((item.exact ?? []).join(' '))}" data-under="${escapeHtml((item.under ?? []).join(' '))}"`
        : '';
    return `<a href="${escapeHtml(item.href)}" class="topbar__link${current ? ' is-active' : ''}"${current ? ' aria-current="page"' : ''}${matchData}>${escapeHtml(item.label)}</a>`;
  }).join('');
  return (
    '<div class="topbar"><div class="topbar__band"><div class="topbar__inner topbar__inner--band">' +
    '<a href="/" class="topbar__brand"><span class="topbar__emblem" aria-hidden="true">会</span>' +
    `<span class="topbar__titles"><span class="topbar__title">${PORTAL_NAME}</span>` +
    '<span class="topbar__subtitle">会计人员服务 · 会计专业技术资格考试报名</span></span></a>' +
    '<div class="topbar__user"></div></div></div>' +
    `<nav class="topbar__nav" aria-label="主导航"><div class="topbar__inner">${links}</div></nav></div>`
  );
}

/**
 * The app shell's script (inline, right after its markup, so it runs before the first paint): marks
 * the current navigation link, and turns a plain click on one of its links into a history entry, as
 * the live top bar does (single-spa routes to it once started, or at once when it already is),
 * instead of a new page load that would fetch everything again.
 */
const appShellScript = `(function () {
  var shell = document.getElementById('ccap-app-shell');
  function mark() {
    var path = location.pathname;
    var links = shell.querySelectorAll('.topbar__link');
    for (var i = 0; i < links.length; i++) {
      var exact = links[i].getAttribute('data-exact').split(' ');
      var under = links[i].getAttribute('data-under').split(' ');
      var current = exact.indexOf(path) >= 0 || under.some(function (p) { return p && (path === p || path.indexOf(p + '/') === 0); });
      links[i].classList.toggle('is-active', current);
      if (current) links[i].setAttribute('aria-current', 'page');
      else links[i].removeAttribute('aria-current');
    }
  }
  mark();
  shell.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    mark();
  });
})();`;

/**
 * The app shell, written into index.html at build time: the page as the layout first shows it (top
 * bar, the area's loader, footer), painted before any script has loaded. It lies over the layout
 * (`.ccap-app-shell`, position absolute) while the root config renders the same page underneath,
 * and is removed once the real top bar is mounted: nothing moves. `#ccap-boot` is where a failed
 * boot says so.
 */
export function appShellHtml(): string {
  return (
    '<div id="ccap-app-shell" class="ccap-app-shell"><div class="ccap-page">' +
    `<header class="ccap-page__header">${topbarHtml()}</header>` +
    `<main class="ccap-page__main" id="ccap-boot">${pageLoaderHtml.trim()}</main>` +
    `<footer class="ccap-page__footer">${footerHtml}</footer></div></div>` +
    `<script>${appShellScript}</script>`
  );
}

/** Takes the app shell away (the real top bar has mounted, or the first routing ended without it). */
export function removeAppShell(): void {
  document.getElementById('ccap-app-shell')?.remove();
}

export interface LayoutData {
  loaders: Record<string, string | ParcelConfig>;
  errors: Record<string, string | ParcelConfig>;
  props: Record<string, unknown>;
}

export function createLayoutData(errorParcel: ParcelConfig): LayoutData {
  return {
    // The top bar's loader is the static top bar (as in the app shell), without the live parts.
    loaders: { page: pageLoaderHtml, topbar: topbarHtml(window.location.pathname) },
    errors: { app: errorParcel },
    props: {},
  };
}
