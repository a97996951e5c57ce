import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { fakeApi } from './dev/fake-api.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `vite build web` → web/dist, served by the server at `/`. In `vite web` (dev), `/api` goes to
 * VIGIL_API (a running `vigil up`/`vigil server`) or, with VIGIL_FAKE_API=1, to canned data shaped per
 * docs/api.md (dev/fake-api.ts, never part of the bundle).
 */
export const config = defineConfig(({ command }) => ({
  root,
  base: '/',
  plugins: [react(), ...(command === 'serve' && process.env['VIGIL_FAKE_API'] === '1' ? [fakeApi()] : [])],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy:
      process.env['VIGIL_FAKE_API'] === '1'
        ? {}
        : {
            '/api': process.env['VIGIL_API'] ?? 'http://127.0.0.1:7700',
            '/healthz': process.env['VIGIL_API'] ?? 'http://127.0.0.1:7700',
          },
  },
}));

// Vite loads a config file's default export; this is the one place the rule against them gives way.
// eslint-disable-next-line no-restricted-syntax
export default config;
