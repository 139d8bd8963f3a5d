import type { App } from 'vue';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client/core';
import { DefaultApolloClient } from '@vue/apollo-composable';

/**
 * The one Apollo Client of the page. Every micro-frontend uses it through this module, so the cache
 * (and the session cookie, same-origin through the shell's `/graphql` proxy) is shared.
 */
export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: '/graphql', credentials: 'same-origin' }),
  cache: new InMemoryCache(),
  defaultOptions: {
    watchQuery: { errorPolicy: 'none' },
  },
});

/** `app.provide(DefaultApolloClient, apolloClient)` — call once per Vue app (each micro-frontend). */
export function provideApollo(app: App): App {
  app.provide(DefaultApolloClient, apolloClient);
  return app;
}

export { DefaultApolloClient, useLazyQuery, useMutation, useQuery } from '@vue/apollo-composable';
