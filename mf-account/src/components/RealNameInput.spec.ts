import { afterEach, describe, expect, it, vi } from 'vitest';
import { ElMessage } from 'element-plus';
import { mount, type VueWrapper } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import { createPinia } from 'pinia';
import { DefaultApolloClient } from '@ccap/platform';
import RealNameInput from './RealNameInput.vue';
import { mockGateway, settle } from '../test-support/mockGateway';

const RARE = '𠀀'; // U+20000, Extension B: a surrogate pair
const EXT_I = String.fromCodePoint(0x2ebf0);

const answers: Record<string, Array<{ char: string; codePoint: string; pinyin: string | null; block: string }>> = {
  'U+20000': [{ char: RARE, codePoint: 'U+20000', pinyin: 'hē', block: 'CJK Ext B' }],
  'U+2EBF0': [{ char: EXT_I, codePoint: 'U+2EBF0', pinyin: null, block: 'CJK Ext I' }],
  yan: [{ char: '䶮', codePoint: 'U+4DAE', pinyin: 'yǎn', block: 'CJK Ext A' }],
  '38+3': [{ char: '奷', codePoint: 'U+5977', pinyin: 'qiān', block: 'CJK Unified' }],
};

async function mountNameInput(initial = '') {
  const gateway = mockGateway({ RareCharacters: ({ query }) => ({ rareCharacters: answers[query] ?? [] }) });
  const name = ref(initial);
  const Host = defineComponent(() => () => h(RealNameInput, { modelValue: name.value, 'onUpdate:modelValue': (v: string) => (name.value = v) }));
  const wrapper = mount(Host, {
    attachTo: document.body,
    global: { plugins: [createPinia()], provide: { [DefaultApolloClient as symbol]: gateway.client } },
  });
  await settle();
  return { wrapper, name, gateway, input: wrapper.find('input').element as HTMLInputElement };
}

const dialog = () => document.querySelector('[data-test="rare-character-picker"]') as HTMLElement;

async function openPickerTab(wrapper: VueWrapper, tab: 'pinyin' | 'radical' | 'code') {
  await wrapper.find('[data-test="rare-character-button"]').trigger('click');
  await settle();
  (document.querySelector(`#tab-${tab}`) as HTMLElement).click();
  await settle();
}

async function searchIn(tab: 'pinyin' | 'code', text: string) {
  const pane = document.querySelector(`#pane-${tab}`) as HTMLElement;
  const field = pane.querySelector('input') as HTMLInputElement;
  field.value = text;
  field.dispatchEvent(new Event('input'));
  await settle();
  pane.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
}

async function pick(codePoint: string) {
  (dialog().querySelector(`[data-code-point="${codePoint}"]`) as HTMLElement).click();
  await settle();
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('真实姓名 with the 生僻字 picker', () => {
  it('opens 生僻字录入 with the tabs 拼音, 部首, 编码', async () => {
    const { wrapper } = await mountNameInput();
    await openPickerTab(wrapper, 'pinyin');
    expect(dialog().querySelector('.el-dialog__title')?.textContent).toBe('生僻字录入');
    expect(Array.from(dialog().querySelectorAll('.el-tabs__item')).map((t) => t.textContent?.trim())).toEqual(['拼音', '部首', '编码']);
  });

  it('inserts a code-point search result at the caret, the surrogate pair intact', async () => {
    const { wrapper, name, input, gateway } = await mountNameInput('张三');
    input.setSelectionRange(1, 1); // between 张 and 三
    await openPickerTab(wrapper, 'code');
    await searchIn('code', 'U+20000');
    expect(gateway.sent.at(-1)).toEqual({ name: 'RareCharacters', variables: { query: 'U+20000', first: 120 } });
    // Shown with its code point, so it can be identified even without a font for it.
    const cell = dialog().querySelector('[data-code-point="U+20000"]')!;
    expect(cell.textContent).toContain('U+20000');
    await pick('U+20000');
    expect(name.value).toBe(`张${RARE}三`);
    expect([...name.value]).toHaveLength(3);
    expect(input.selectionStart).toBe(3); // after the two UTF-16 units of 𠀀

    // A second pick follows the first.
    await searchIn('code', 'U+2EBF0');
    await pick('U+2EBF0');
    expect([...name.value].map((c) => c.codePointAt(0)!.toString(16))).toEqual(['5f20', '20000', '2ebf0', '4e09']);
  });

  it('appends when the name field never had the caret, and offers “·”', async () => {
    const { wrapper, name } = await mountNameInput('阿卜杜拉');
    await openPickerTab(wrapper, 'pinyin');
    (dialog().querySelector('.rare-picker__separator') as HTMLElement).click();
    await settle();
    await searchIn('pinyin', 'yan');
    await pick('U+4DAE');
    expect(name.value).toBe('阿卜杜拉·䶮');
  });

  it('searches by radical number and residual strokes', async () => {
    const { wrapper, gateway } = await mountNameInput();
    await openPickerTab(wrapper, 'radical');
    const 女 = Array.from(dialog().querySelectorAll('.rare-picker__radical')).find((b) => b.textContent?.trim() === '女') as HTMLElement;
    女.click();
    await settle();
    expect(gateway.sent.at(-1)?.variables).toEqual({ query: '38+', first: 120 });
    expect(dialog().querySelector('.rare-picker__status')?.textContent).toContain('未找到');
  });

  it('refuses a 51st character', async () => {
    const warning = vi.spyOn(ElMessage, 'warning').mockImplementation(() => ({ close() {} }) as never);
    const { wrapper, name } = await mountNameInput(RARE.repeat(50));
    await openPickerTab(wrapper, 'code');
    await searchIn('code', 'U+20000');
    await pick('U+20000');
    expect([...name.value]).toHaveLength(50);
    expect(warning).toHaveBeenCalledWith('姓名最多50个字');
    warning.mockRestore();
  });
});
