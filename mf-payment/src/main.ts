import { createApp, h, type App as VueApp } from 'vue';
import singleSpaVue from 'single-spa-vue';
import { createPinia, disposePinia } from 'pinia';
import { provideApollo, stylesheetLifecycles } from '@ccap/platform';
import App from './App.vue';
import { createPaymentRouter } from './router';

/** Built next to this file (vite `build.lib.cssFileName`); resolved at runtime, nothing absolute baked in. */
const CSS_FILE = 'mf-payment.css';
const stylesheet = stylesheetLifecycles(new URL(CSS_FILE, import.meta.url).href);

const vueLifecycles = singleSpaVue({
  createApp,
  appOptions: { render: () => h(App) },
  // A fresh router and pinia for every mount; both are disposed when the app unmounts.
  handleInstance(app: VueApp) {
    const router = createPaymentRouter();
    const pinia = createPinia();
    app.use(pinia);
    app.use(router);
    provideApollo(app);
    app.onUnmount(() => {
      disposePinia(pinia);
      router.options.history.destroy();
    });
  },
});

export const bootstrap = vueLifecycles.bootstrap;
export const mount = [stylesheet.mount, vueLifecycles.mount];
export const unmount = [vueLifecycles.unmount, stylesheet.unmount];
