import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';

/** Where single-spa mounts this micro-frontend. */
export const EXAM_BASE = '/exam';
const PORTAL_NAME = '全国会计人员统一服务管理平台';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
  }
}

export function createExamRouter(history: RouterHistory = createWebHistory(EXAM_BASE)) {
  const router = createRouter({
    history,
    routes: [
      {
        path: '/',
        name: 'exams',
        component: () => import('./views/ExamListView.vue'),
        meta: { title: '选择考试' },
      },
      {
        path: '/:examId',
        name: 'exam-units',
        component: () => import('./views/ExamUnitsView.vue'),
        props: true,
        meta: { title: '省份选择' },
      },
      {
        // By exam: the gateway finds the candidate's one live application per exam (myApplication).
        path: '/:examId/apply',
        name: 'apply',
        component: () => import('./views/ApplicationView.vue'),
        props: true,
        meta: { title: '考生报名' },
      },
      { path: '/:pathMatch(.*)*', redirect: { name: 'exams' } },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });
  router.afterEach((to) => {
    if (to.meta.title) document.title = `${to.meta.title} - ${PORTAL_NAME}`;
  });
  return router;
}
