import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client/core';
import { mount, flushPromises } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory } from 'vue-router';
import type { Component } from 'vue';
import { DefaultApolloClient } from '@ccap/platform';
import { createAccountRouter } from '../router';

/** One GraphQL operation as a view sent it. */
export interface SentOperation {
  name: string;
  variables: Record<string, unknown>;
}

type Handler = (variables: Record<string, any>) => unknown;

/**
 * An Apollo Client whose link answers each operation by name from `handlers` (the `data` of the
 * response) and records what was sent. An operation without a handler fails the test loudly.
 */
export function mockGateway(handlers: Record<string, Handler>) {
  const sent: SentOperation[] = [];
  const link = new ApolloLink((operation) => {
    sent.push({ name: operation.operationName, variables: operation.variables });
    return new Observable((observer) => {
      const handler = handlers[operation.operationName];
      if (!handler) {
        observer.error(new Error(`no mock for ${operation.operationName}`));
        return;
      }
      // Asynchronous like the network, so loading states are observable.
      setTimeout(() => {
        observer.next({ data: handler(operation.variables) as Record<string, unknown> });
        observer.complete();
      }, 0);
    });
  });
  // Nothing cached: each answer is exactly what the handler returned (mocks carry no __typename).
  const client = new ApolloClient({
    link,
    cache: new InMemoryCache(),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'no-cache' },
      query: { fetchPolicy: 'no-cache' },
      mutate: { fetchPolicy: 'no-cache' },
    },
  });
  return { client, sent, names: () => sent.map((s) => s.name) };
}

/** Mounts a view at `path` of this micro-frontend's router, with a fresh pinia and the mock client. */
export async function mountAt(component: Component, path: string, client: ApolloClient<unknown>) {
  const router = createAccountRouter(createMemoryHistory('/account'));
  await router.push(path);
  const wrapper = mount(component, {
    attachTo: document.body,
    global: { plugins: [createPinia(), router], provide: { [DefaultApolloClient as symbol]: client } },
  });
  await settle();
  return { wrapper, router };
}

export const DOCUMENT_TYPES = {
  documentTypes: [
    { value: 'RESIDENT_ID', label: '内地居民身份证' },
    { value: 'HK_MACAO_PERMIT', label: '港澳居民来往内地通行证' },
    { value: 'TAIWAN_PERMIT', label: '台湾居民来往大陆通行证' },
    { value: 'FOREIGN_PASSPORT', label: '护照(外国)' },
  ],
};

/** Waits for the mock link's timers and Vue's updates. */
export async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await flushPromises();
  }
}
