import { defineConfig } from 'vite';

/**
 * Served by `flexroll serve` at /console under `script-src 'self'; style-src 'self'`: so nothing is inlined — no
 * module-preload polyfill (an inline helper in older Vite), no assets turned into data: URIs beyond images.
 */
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
});
