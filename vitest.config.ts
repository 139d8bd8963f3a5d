import { defineConfig } from 'vitest/config';

// One run over every workspace; `npm test` runs the e2e project separately, after the others.
export default defineConfig({
  test: {
    projects: ['gateway/vitest.config.ts', 'mf-*/vitest.config.ts', 'scripts/vitest.config.ts', 'bench/vitest.config.ts', 'e2e/vitest.config.ts'],
  },
});
