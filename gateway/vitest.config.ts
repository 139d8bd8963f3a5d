import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves graphql (no exports map) to its CommonJS entry for externals like type-graphql; vite
    // would pick index.mjs for our own files. Two copies break graphql-js's `instanceof` checks.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    name: 'gateway',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
