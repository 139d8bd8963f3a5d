import { afterEach, describe, expect, it, vi } from 'vitest';
import { createErrorParcel, showErrorCard } from './errorParcel';

type Config = { mount: (props: unknown) => Promise<void>; unmount: (props: unknown) => Promise<void> };

function container(name: string) {
  const el = document.createElement('div');
  el.id = `single-spa-application:${name}`;
  document.body.appendChild(el);
  return el;
}

async function mountParcel(parcel: ReturnType<typeof createErrorParcel>, domElement: HTMLElement, name: string) {
  const config = (await (parcel as () => Promise<Config>)()) as Config;
  const error = Object.assign(new Error('Failed to fetch dynamically imported module'), { appOrParcelName: name });
  await config.mount({ domElement, error, name: 'parcel-1' });
  return config;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('error card', () => {
  it('says the module cannot load, names it, and offers 重试', async () => {
    const retry = vi.fn(() => Promise.resolve());
    const el = container('@ccap/mf-exam');
    await mountParcel(createErrorParcel({ retry }), el, '@ccap/mf-exam');
    const card = el.querySelector('.ccap-app-error')!;
    expect(card.getAttribute('role')).toBe('alert');
    expect(card.textContent).toContain('该模块暂时无法加载');
    expect(card.textContent).toContain('会计专业技术资格考试(@ccap/mf-exam)');
    const button = card.querySelector('button')!;
    expect(button.textContent).toBe('重试');
    button.click();
    expect(retry).toHaveBeenCalledWith('@ccap/mf-exam');
    expect(el.querySelector('.ccap-app-error')).toBeNull();
  });

  it('keeps one card per container and only ever removes its own', async () => {
    const el = container('@ccap/mf-payment');
    const parcel = createErrorParcel({ retry: () => Promise.resolve() });
    await mountParcel(parcel, el, '@ccap/mf-payment');
    const second = await mountParcel(parcel, el, '@ccap/mf-payment');
    expect(el.querySelectorAll('.ccap-app-error')).toHaveLength(1);
    const appContent = document.createElement('p');
    appContent.textContent = 'mounted app';
    el.appendChild(appContent);
    await second.unmount({});
    expect(el.querySelectorAll('.ccap-app-error')).toHaveLength(0);
    expect(el.textContent).toContain('mounted app');
  });

  it('showErrorCard does not stack cards', () => {
    const el = container('@ccap/mf-account');
    const first = showErrorCard(el, '@ccap/mf-account', () => Promise.resolve());
    const again = showErrorCard(el, '@ccap/mf-account', () => Promise.resolve());
    expect(again).toBe(first);
    expect(el.querySelectorAll('.ccap-app-error')).toHaveLength(1);
  });
});
