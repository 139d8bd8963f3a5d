import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client/core';
import { DefaultApolloClient } from '@ccap/platform';
import ExamUnitsView from './ExamUnitsView.vue';
import { createExamRouter } from '../router';
import type { ExamUnitsQuery } from '../graphql/generated/graphql';

type Exam = NonNullable<ExamUnitsQuery['exam']>;

function unit(id: string, name: string, open: boolean, extra: Partial<Exam['units'][number]> = {}): Exam['units'][number] {
  return {
    __typename: 'ExamUnit',
    id,
    unit: { __typename: 'RegistrationUnit', id: `u-${id}`, code: id, name },
    // 2025-01-03 00:00:00 … 2025-01-24 12:00:00 in Asia/Shanghai (UTC+8)
    registrationStartsAt: '2025-01-02T16:00:00.000Z',
    registrationEndsAt: '2025-01-24T04:00:00.000Z',
    paymentStartsAt: '2025-01-02T16:00:00.000Z',
    paymentEndsAt: '2025-01-24T10:00:00.000Z',
    registrationOpen: open,
    consultPhones: ['010-12345678', '010-87654321'],
    noticeUrl: 'https://czj.beijing.gov.cn/notice',
    ...extra,
  } as Exam['units'][number];
}

const exam = {
  __typename: 'Exam',
  id: 'exam-1',
  name: '2025年全国会计专业技术资格考试(初级)',
  levelLabel: '初级',
  units: [
    unit('110000', '北京市', true),
    unit('120000', '天津市', false, { noticeUrl: 'javascript:alert(1)' }),
  ],
} as Exam;

const startResult = {
  startApplication: { __typename: 'ApplicationResult', ok: true, errorCode: null, message: '已进入报名', field: null, unmet: null, application: null },
};

function clientReturning(data: ExamUnitsQuery) {
  const operations: string[] = [];
  const link = new ApolloLink((operation) => {
    operations.push(`${operation.operationName}:${JSON.stringify(operation.variables)}`);
    return new Observable((observer) => {
      observer.next({ data: operation.operationName === 'StartApplication' ? startResult : data });
      observer.complete();
    });
  });
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), operations };
}

async function mountView(data: ExamUnitsQuery) {
  const { client, operations } = clientReturning(data);
  const router = createExamRouter(createMemoryHistory('/exam'));
  await router.push('/exam-1');
  const wrapper = mount(ExamUnitsView, {
    props: { examId: 'exam-1' },
    attachTo: document.body,
    global: {
      plugins: [createPinia(), router],
      provide: { [DefaultApolloClient as symbol]: client },
    },
  });
  await flushPromises();
  await flushPromises();
  return { wrapper, operations, router };
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('ExamUnitsView (省份选择)', () => {
  it('queries the exam by id and titles the table with its name', async () => {
    const { wrapper, operations } = await mountView({ exam });
    expect(operations).toEqual(['ExamUnits:{"id":"exam-1"}']);
    expect(wrapper.find('h2').text()).toBe('2025年全国会计专业技术资格考试(初级)');
    const headers = wrapper.findAll('th').map((th) => th.text());
    for (const label of ['省份', '报名时间', '缴费时间', '咨询电话', '通知网站', '进入报名']) {
      expect(headers).toContain(label);
    }
  });

  it('shows the windows as YYYY-MM-DD HH:mm:ss in Asia/Shanghai', async () => {
    const { wrapper } = await mountView({ exam });
    const text = wrapper.text();
    expect(text).toContain('北京市');
    expect(text).toContain('2025-01-03 00:00:00 至 2025-01-24 12:00:00');
    expect(text).toContain('2025-01-03 00:00:00 至 2025-01-24 18:00:00');
  });

  it('enables 点击进入 only while registration is open; it starts the application and opens 报名导览', async () => {
    const { wrapper, operations, router } = await mountView({ exam });
    const buttons = wrapper.findAll('[data-test="enter"]');
    // el-table renders fixed columns twice in some layouts: dedupe by row text
    const open = buttons.filter((b) => !b.attributes('disabled'));
    const closed = buttons.filter((b) => b.attributes('disabled') !== undefined);
    expect(open.length).toBeGreaterThan(0);
    expect(closed.length).toBeGreaterThan(0);
    await open[0]!.trigger('click');
    await flushPromises();
    await flushPromises();
    expect(operations).toContain('StartApplication:{"examUnitId":"110000"}');
    // The route's view is a lazy chunk: the navigation settles once it has loaded (vite transforms it
    // on first import, which takes seconds on a busy machine).
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/exam-1/apply'), { timeout: 20_000 });
  });

  it('links 通知网站 safely in a new tab and drops non-http links', async () => {
    const { wrapper } = await mountView({ exam });
    const links = wrapper.findAll('a.exam-units__notice');
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(a.attributes('href')).toBe('https://czj.beijing.gov.cn/notice');
      expect(a.attributes('target')).toBe('_blank');
      expect(a.attributes('rel')).toContain('noopener');
    }
    expect(wrapper.html()).not.toContain('javascript:');
  });

  it('lists consultPhones in a dialog', async () => {
    const { wrapper } = await mountView({ exam });
    await wrapper.find('[data-test="consult"]').trigger('click');
    await flushPromises();
    const dialog = document.body.querySelector('.el-dialog');
    expect(dialog?.textContent).toContain('北京市 咨询电话');
    expect(dialog?.textContent).toContain('010-12345678');
    expect(dialog?.textContent).toContain('010-87654321');
  });

  it('says so when the exam does not exist', async () => {
    const { wrapper } = await mountView({ exam: null });
    expect(wrapper.text()).toContain('未找到该考试');
  });
});
