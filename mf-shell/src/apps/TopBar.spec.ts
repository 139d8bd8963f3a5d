import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';

const navigateToUrl = vi.hoisted(() => vi.fn());
vi.mock('single-spa', () => ({ navigateToUrl }));

const { setViewer, apolloClient } = await import('@ccap/platform');
const { default: TopBar } = await import('./TopBar.vue');
const { topbarHtml } = await import('../layout');

afterEach(() => {
  setViewer(null);
  navigateToUrl.mockReset();
  vi.restoreAllMocks();
});

describe('TopBar', () => {
  it('shows the platform name and the main navigation', () => {
    const wrapper = mount(TopBar);
    expect(wrapper.text()).toContain('全国会计人员统一服务管理平台');
    expect(wrapper.findAll('nav a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['首页', '/'],
      ['会计人员登录', '/account/login'],
      ['注册', '/account/register'],
      ['会计专业技术资格考试', '/exam'],
      ['网上缴费', '/payment'],
    ]);
  });

  it('updates live when any micro-frontend signs the candidate in or out', async () => {
    const wrapper = mount(TopBar);
    expect(wrapper.find('[data-test="viewer-name"]').exists()).toBe(false);
    setViewer({ id: 'c1', maskedName: '张*' });
    await flushPromises();
    expect(wrapper.find('[data-test="viewer-name"]').text()).toBe('张*');
    expect(wrapper.find('[data-test="session"]').text()).toContain('退出');

    const logout = vi.spyOn(apolloClient, 'mutate').mockResolvedValue({ data: { logout: true } } as never);
    vi.spyOn(apolloClient, 'clearStore').mockResolvedValue([]);
    await wrapper.find('.topbar__signout').trigger('click');
    await flushPromises();
    expect(logout).toHaveBeenCalledTimes(1);
    expect(wrapper.find('[data-test="viewer-name"]').exists()).toBe(false);
    expect(navigateToUrl).toHaveBeenCalledWith('/');
  });

  it('is, signed out, the same markup as the static top bar of the app shell and of its loader', () => {
    // Same elements, classes and text: the app shell is replaced without anything moving.
    const normalized = (html: string) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      const walk = (node: Node) => {
        for (const child of [...node.childNodes]) {
          if (child.nodeType === Node.COMMENT_NODE) child.remove();
          else if (child instanceof Element) {
            for (const name of child.getAttributeNames()) if (name.startsWith('data-')) child.removeAttribute(name);
            walk(child);
          }
        }
      };
      walk(template.content);
      return template.innerHTML;
    };
    for (const path of ['/', '/account/login', '/account', '/account/register', '/exam/0b7e/units', '/payment', '/nowhere']) {
      window.history.replaceState(null, '', path);
      const wrapper = mount(TopBar);
      expect(normalized(topbarHtml(path)), path).toBe(normalized(wrapper.html({ raw: true })));
      wrapper.unmount();
    }
    window.history.replaceState(null, '', '/');
  });

  it('navigates without a full reload', async () => {
    const wrapper = mount(TopBar);
    await wrapper.findAll('nav a')[3]!.trigger('click', { button: 0 });
    expect(navigateToUrl).toHaveBeenCalledWith('/exam');
  });
});
