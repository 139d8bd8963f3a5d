import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client/core';

const navigateToUrl = vi.hoisted(() => vi.fn());
vi.mock('single-spa', () => ({ navigateToUrl }));

const { DefaultApolloClient, apolloClient, setViewer } = await import('@ccap/platform');
const { default: ExamListView } = await import('./ExamListView.vue');
const { createExamRouter } = await import('../router');

const exams = {
  exams: [{ __typename: 'Exam', id: 'exam-1', name: '2026年全国会计专业技术资格考试(中级)', level: 'INTERMEDIATE', levelLabel: '中级', year: 2026 }],
};

async function mountList() {
  const link = new ApolloLink(() => new Observable((o) => (o.next({ data: exams }), o.complete())));
  const router = createExamRouter(createMemoryHistory('/exam'));
  await router.push('/');
  const wrapper = mount(ExamListView, {
    global: { plugins: [createPinia(), router], provide: { [DefaultApolloClient as symbol]: new ApolloClient({ link, cache: new InMemoryCache() }) } },
  });
  await flushPromises();
  return { wrapper, router };
}

function applicationIs(status: string | null) {
  return vi
    .spyOn(apolloClient, 'query')
    .mockResolvedValue({ data: { myApplication: status ? { __typename: 'ExamApplication', id: 'app-9', status } : null } } as never);
}

afterEach(() => {
  setViewer(null);
  navigateToUrl.mockReset();
  vi.restoreAllMocks();
});

describe('选择考试 → 进入', () => {
  it('goes straight to 网上缴费 once the application is approved (and after payment)', async () => {
    setViewer({ id: 'c1', maskedName: '张*' });
    for (const status of ['APPROVED', 'PAID']) {
      const query = applicationIs(status);
      const { wrapper, router } = await mountList();
      await wrapper.get('button').trigger('click');
      await flushPromises();
      expect(query).toHaveBeenCalledWith(expect.objectContaining({ variables: { examId: 'exam-1' }, fetchPolicy: 'network-only' }));
      expect(navigateToUrl).toHaveBeenLastCalledWith('/payment/app-9');
      expect(router.currentRoute.value.path).toBe('/');
      query.mockRestore();
    }
  });

  it('opens the province table otherwise, and for a signed-out visitor without asking the server', async () => {
    setViewer({ id: 'c1', maskedName: '张*' });
    applicationIs('SUBMITTED');
    let { wrapper, router } = await mountList();
    await wrapper.get('button').trigger('click');
    // The province table is a lazy route: the navigation ends once its chunk has loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/exam-1'));

    vi.restoreAllMocks();
    setViewer(null);
    const query = applicationIs('APPROVED');
    ({ wrapper, router } = await mountList());
    await wrapper.get('button').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/exam-1'));
    expect(query).not.toHaveBeenCalled();
    expect(navigateToUrl).not.toHaveBeenCalled();
  });
});
