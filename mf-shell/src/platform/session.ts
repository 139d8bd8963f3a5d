import { reactive, readonly } from 'vue';
import { apolloClient } from './apollo';
import { LogoutMutation, MeQuery } from './graphql/session';

export interface Viewer {
  id: string;
  /** Name masked for display, e.g. 张*, 欧阳** */
  maskedName: string;
}

export interface SessionState {
  /** Whether the session has been read from the server at least once. */
  loaded: boolean;
  viewer: Viewer | null;
}

/** Dispatched on `window` after every session change; `event.detail` is a SessionState snapshot. */
export const SESSION_EVENT = 'ccap:session';

export type SessionEvent = CustomEvent<SessionState>;

declare global {
  interface WindowEventMap {
    'ccap:session': SessionEvent;
  }
}

const state = reactive<SessionState>({ loaded: false, viewer: null });

/** The shared, read-only session. Reactive in every Vue app of the page (one Vue, one module). */
export const session: Readonly<SessionState> = readonly(state) as Readonly<SessionState>;

function snapshot(): SessionState {
  return { loaded: state.loaded, viewer: state.viewer ? { ...state.viewer } : null };
}

function emit(): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<SessionState>(SESSION_EVENT, { detail: snapshot() }));
}

/** Set (or clear with null) the signed-in candidate; marks the session loaded and notifies everyone. */
export function setViewer(viewer: Viewer | null): void {
  state.viewer = viewer ? { id: viewer.id, maskedName: viewer.maskedName } : null;
  state.loaded = true;
  emit();
}

/** Reads `me` from the gateway (network-only) and updates the session. Rejects on failure. */
export async function refreshSession(): Promise<Viewer | null> {
  const { data } = await apolloClient.query({ query: MeQuery, fetchPolicy: 'network-only' });
  const me = data.me ?? null;
  setViewer(me ? { id: me.id, maskedName: me.maskedName } : null);
  return session.viewer;
}

/**
 * Signs out: ends the server session first (if that fails, nothing changes and the error propagates,
 * so the candidate is never shown as signed out while the cookie still works), then drops cached data
 * and clears the session. It lives here, not in a micro-frontend, because 退出 is in the top bar and
 * must work on pages where no micro-frontend is mounted.
 */
export async function signOut(): Promise<void> {
  await apolloClient.mutate({ mutation: LogoutMutation });
  await apolloClient.clearStore();
  setViewer(null);
}
