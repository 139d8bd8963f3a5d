import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      '@ccap/platform': fileURLToPath(new URL('./src/platform/index.ts', import.meta.url)),
    },
  },
  test: {
    name: 'mf-shell',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'happy-dom',
    // Stylesheets are added by code under test: never fetch them, the tests fire load/error themselves.
    environmentOptions: { happyDOM: { settings: { disableCSSFileLoading: true } } },
    include: ['src/**/*.spec.ts'],
    // Element Plus must go through Vite: loaded by Node it gets the CommonJS build of async-validator,
    // whose default export is not the validator class, and every form rule silently passes.
    server: { deps: { inline: ['element-plus'] } },
  },
});
