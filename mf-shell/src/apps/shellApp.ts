import { createApp, h, type App as VueApp, type Component } from 'vue';
import singleSpaVue from 'single-spa-vue';
import { ElConfigProvider } from 'element-plus';
import { provideApollo, reportClientError, zhCn } from '@ccap/platform';
import type { LifeCycles } from 'single-spa';
import { PORTAL_NAME } from './nav';


/**
 * single-spa lifecycles for one of the shell's own Vue applications (top bar, home, …), named like
 * its single-spa application. A page application passes its `title` for the browser tab.
 */
export function createShellApp(name: string, component: Component, title?: string): LifeCycles {
  const lifecycles = singleSpaVue({
    createApp,
    appOptions: {
      render: () => h(ElConfigProvider, { locale: zhCn }, { default: () => h(component) }),
    },
    handleInstance(app: VueApp) {
      provideApollo(app);
      app.config.errorHandler = (error) => {
        reportClientError(name, 'runtime', error);
      };
    },
  });
  const setTitle = () => {
    if (title !== undefined) document.title = title ? `${title} - ${PORTAL_NAME}` : PORTAL_NAME;
    return Promise.resolve();
  };
  return { bootstrap: lifecycles.bootstrap, mount: [setTitle, lifecycles.mount], unmount: lifecycles.unmount };
}
