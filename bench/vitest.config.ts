import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The benchmark's own helpers (measuring and reporting); the benchmark itself runs with `npm run bench`.
export default defineConfig({
  test: {
    name: 'bench',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'node',
    include: ['lib/**/*.spec.mjs'],
  },
});
