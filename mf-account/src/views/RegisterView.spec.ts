import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client/core';
import { ElMessage } from 'element-plus';
import { DefaultApolloClient } from '@ccap/platform';
import RegisterView from './RegisterView.vue';
import { createAccountRouter } from '../router';
import type { DocumentTypesQuery } from '../graphql/generated/graphql';

const documentTypes: DocumentTypesQuery = {
  documentTypes: [
    { __typename: 'DocumentTypeOption', value: 'RESIDENT_ID', label: '内地居民身份证' },
    { __typename: 'DocumentTypeOption', value: 'HK_MACAO_PERMIT', label: '港澳居民来往内地通行证' },
    { __typename: 'DocumentTypeOption', value: 'TAIWAN_PERMIT', label: '台湾居民来往大陆通行证' },
    { __typename: 'DocumentTypeOption', value: 'FOREIGN_PASSPORT', label: '护照(外国)' },
  ],
} as unknown as DocumentTypesQuery;

async function mountRegister() {
  const operations: string[] = [];
  const link = new ApolloLink((operation) => {
    operations.push(operation.operationName);
    return new Observable((observer) => {
      observer.next({ data: documentTypes });
      observer.complete();
    });
  });
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const router = createAccountRouter(createMemoryHistory('/account'));
  await router.push('/register');
  const wrapper = mount(RegisterView, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [DefaultApolloClient as symbol]: client } },
  });
  await flushPromises();
  return { wrapper, operations };
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('RegisterView (注册)', () => {
  it('shows every field of the manual, and no 生僻字 button yet', async () => {
    const { wrapper } = await mountRegister();
    const labels = wrapper.findAll('.el-form-item__label').map((l) => l.text());
    expect(labels).toEqual(['证件类型', '证件号码', '真实姓名', '密码', '确认密码', '手机号', '验证码']);
    expect(wrapper.text()).toContain('免费获取验证码');
    expect(wrapper.find('button[type="submit"]').text()).toBe('注册');
    expect(wrapper.text()).not.toContain('生僻字');
    expect(wrapper.text()).toContain('注意事项');
    expect(wrapper.find('a.notice__link').text()).toBe('帮助中心');
  });

  it('offers the 证件类型 options from the documentTypes query', async () => {
    const { wrapper, operations } = await mountRegister();
    expect(operations).toEqual(['DocumentTypes']);
    // the first option is selected by default
    expect(wrapper.find('[data-test="document-type"]').text()).toContain('内地居民身份证');
    await wrapper.find('[data-test="document-type"] .el-select__wrapper').trigger('click');
    await flushPromises();
    const options = Array.from(document.querySelectorAll('.el-select-dropdown__item')).map((o) => o.textContent?.trim());
    expect(options).toEqual(['内地居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照(外国)']);
  });

  it('validates before submitting and then says registration opens soon', async () => {
    const info = vi.spyOn(ElMessage, 'info').mockImplementation(() => ({ close() {} }) as never);
    const { wrapper } = await mountRegister();

    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(info).not.toHaveBeenCalled();
    const invalid = wrapper.findAll('.el-form-item.is-error .el-form-item__label').map((l) => l.text());
    expect(invalid).toEqual(['证件号码', '真实姓名', '密码', '确认密码', '手机号', '验证码']);

    const inputs = wrapper.findAll('input:not([readonly])');
    const values = ['11010519491231002X', '张三', 'abc12345', 'abc12345', '13812345678', '123456'];
    const textInputs = inputs.filter((i) => !i.element.closest('.el-select'));
    expect(textInputs).toHaveLength(values.length);
    for (const [index, value] of values.entries()) await textInputs[index]!.setValue(value);

    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(info).toHaveBeenCalledWith('注册功能即将开放');
  });
});
