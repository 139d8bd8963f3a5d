import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computed, nextTick } from 'vue';
import { apolloClient } from './apollo';
import {
  SESSION_EVENT,
  refreshSession,
  session,
  setViewer,
  signOut,
  type SessionState,
} from './session';

let events: SessionState[] = [];
const listener = (event: WindowEventMap['ccap:session']) => events.push(event.detail);

beforeEach(() => {
  events = [];
  window.addEventListener(SESSION_EVENT, listener);
});
afterEach(() => {
  window.removeEventListener(SESSION_EVENT, listener);
  setViewer(null);
  vi.restoreAllMocks();
});

describe('session', () => {
  it('dispatches ccap:session on every change, with a snapshot', () => {
    setViewer({ id: 'c1', maskedName: '张*' });
    setViewer(null);
    expect(events).toEqual([
      { loaded: true, viewer: { id: 'c1', maskedName: '张*' } },
      { loaded: true, viewer: null },
    ]);
  });

  it('is reactive for every Vue app and read-only', async () => {
    const name = computed(() => session.viewer?.maskedName ?? '');
    expect(name.value).toBe('');
    setViewer({ id: 'c2', maskedName: '欧阳**' });
    await nextTick();
    expect(name.value).toBe('欧阳**');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (session as { loaded: boolean }).loaded = false;
    expect(session.loaded).toBe(true);
    warn.mockRestore();
  });

  it('refreshSession reads me from the network and updates everyone', async () => {
    const query = vi
      .spyOn(apolloClient, 'query')
      .mockResolvedValue({ data: { me: { __typename: 'Viewer', id: 'c3', maskedName: '李*' } }, loading: false, networkStatus: 7 } as never);
    await expect(refreshSession()).resolves.toEqual({ id: 'c3', maskedName: '李*' });
    expect(query).toHaveBeenCalledWith(expect.objectContaining({ fetchPolicy: 'network-only' }));
    expect(session.viewer).toEqual({ id: 'c3', maskedName: '李*' });
    expect(events.at(-1)).toEqual({ loaded: true, viewer: { id: 'c3', maskedName: '李*' } });
  });

  it('signOut ends the server session first, then clears the cache and the session', async () => {
    setViewer({ id: 'c4', maskedName: '王*' });
    const order: string[] = [];
    vi.spyOn(apolloClient, 'mutate').mockImplementation(async (options) => {
      order.push(`server:${(options.mutation as any).definitions[0].name.value}`);
      return { data: { logout: true } } as never;
    });
    vi.spyOn(apolloClient, 'clearStore').mockImplementation(async () => {
      order.push('cache');
      return [];
    });
    await signOut();
    expect(order).toEqual(['server:PlatformLogout', 'cache']);
    expect(session.viewer).toBeNull();
    expect(events.at(-1)).toEqual({ loaded: true, viewer: null });
  });

  it('keeps the candidate signed in when the server could not sign them out', async () => {
    setViewer({ id: 'c5', maskedName: '赵*' });
    vi.spyOn(apolloClient, 'mutate').mockRejectedValue(new Error('network'));
    await expect(signOut()).rejects.toThrow('network');
    expect(session.viewer).toEqual({ id: 'c5', maskedName: '赵*' });
  });
});
