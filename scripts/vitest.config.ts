import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Node-side tests of the front-end tooling: static server, import map, bundle and codegen checks.
export default defineConfig({
  test: {
    name: 'scripts',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    include: ['**/*.spec.{mjs,ts}'],
    exclude: ['**/node_modules/**', 'fixtures/**'],
    testTimeout: 30_000,
  },
});
