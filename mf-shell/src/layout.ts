import type { ParcelConfig } from 'single-spa';

/** The portal's applications: single-spa name → what the candidate calls it. */
export const APPLICATION_TITLES: Readonly<Record<string, string>> = {
  '@ccap/shell-topbar': '顶部导航',
  '@ccap/shell-home': '首页',
  '@ccap/shell-not-found': '页面不存在',
  '@ccap/mf-account': '会计人员登录与注册',
  '@ccap/mf-exam': '会计专业技术资格考试',
  '@ccap/mf-payment': '网上缴费',
};

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
    <footer class="ccap-page__footer">
      <p>全国会计人员统一服务管理平台</p>
      <p>建议使用最新版本的谷歌、火狐、360(极速模式)等非 IE 内核的主流浏览器访问本系统</p>
    </footer>
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

/** Placeholder of the top bar while it loads (same height, no text). */
export const topbarLoaderHtml = /* html */ `<div class="ccap-topbar-placeholder" aria-hidden="true"></div>`;

export interface LayoutData {
  loaders: Record<string, string | ParcelConfig>;
  errors: Record<string, string | ParcelConfig>;
  props: Record<string, unknown>;
}

export function createLayoutData(errorParcel: ParcelConfig): LayoutData {
  return {
    loaders: { page: pageLoaderHtml, topbar: topbarLoaderHtml },
    errors: { app: errorParcel },
    props: {},
  };
}
