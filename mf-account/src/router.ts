import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';

/** Where single-spa mounts this micro-frontend. */
export const ACCOUNT_BASE = '/account';
const PORTAL_NAME = '全国会计人员统一服务管理平台';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
  }
}

export function createAccountRouter(history: RouterHistory = createWebHistory(ACCOUNT_BASE)) {
  const router = createRouter({
    history,
    routes: [
      { path: '/', redirect: { name: 'login' } },
      { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { title: '会计人员登录' } },
      {
        path: '/register',
        name: 'register',
        component: () => import('./views/RegisterView.vue'),
        meta: { title: '新用户注册' },
      },
      {
        path: '/reset-password',
        name: 'reset-password',
        component: () => import('./views/ResetPasswordView.vue'),
        meta: { title: '找回密码' },
      },
      { path: '/info', name: 'info', component: () => import('./views/InfoCollectView.vue'), meta: { title: '信息采集' } },
      { path: '/help', name: 'help', component: () => import('./views/HelpView.vue'), meta: { title: '帮助中心' } },
      { path: '/:pathMatch(.*)*', redirect: { name: 'login' } },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });
  router.afterEach((to) => {
    if (to.meta.title) document.title = `${to.meta.title} - ${PORTAL_NAME}`;
  });
  return router;
}
