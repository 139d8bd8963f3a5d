import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The ops explorer (GraphiQL 5), built into static files the gateway serves at /explorer. Everything
 * is bundled, Monaco's workers included (graphiql/setup-workers/vite), and GraphiQL's fonts are
 * data: URIs in its CSS: the page loads nothing from any other host, so it works on offline networks.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explorer/',
  publicDir: false,
  // React's automatic JSX runtime; there is no React plugin (no fast refresh needed for a build-only page).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: { dedupe: ['react', 'react-dom', 'graphql'] },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Monaco is a few megabytes whatever we do; the gateway serves it gzipped and cached.
    chunkSizeWarningLimit: 6_000,
    // Fonts and icons stay files instead of growing the CSS further.
    assetsInlineLimit: 0,
    rolldownOptions: {
      onwarn(warning, warn) {
        // framer-motion's "use client" directives mean nothing outside React Server Components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
