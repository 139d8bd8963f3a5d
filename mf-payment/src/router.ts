import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';

/** Where single-spa mounts this micro-frontend. */
export const PAYMENT_BASE = '/payment';
const PORTAL_NAME = '全国会计人员统一服务管理平台';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
  }
}

export function createPaymentRouter(history: RouterHistory = createWebHistory(PAYMENT_BASE)) {
  const router = createRouter({
    history,
    routes: [
      { path: '/', name: 'payments', component: () => import('./views/PaymentListView.vue'), meta: { title: '网上缴费' } },
      // The channel's page sends the browser back here (gateway `paymentReturnPath`).
      { path: '/:applicationId', name: 'payment', component: () => import('./views/PaymentView.vue'), props: true, meta: { title: '网上缴费' } },
      { path: '/:pathMatch(.*)*', redirect: { name: 'payments' } },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });
  router.afterEach((to) => {
    if (to.meta.title) document.title = `${to.meta.title} - ${PORTAL_NAME}`;
  });
  return router;
}
