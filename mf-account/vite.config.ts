import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { microFrontendConfig } from '../scripts/vite-shared.mjs';

// Library build: dist/mf-account/<version>/mf-account.js (+ lazy chunks, mf-account.css); shared libs external.
export default defineConfig(() => microFrontendConfig({ root: fileURLToPath(new URL('.', import.meta.url)), plugins: [vue()] }));
