import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { faceApiModels } from './build/vendorModels';
import { contentSecurityPolicy } from './build/csp';

// Cross-origin isolation unlocks SharedArrayBuffer, which the threaded WASM backend needs.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), faceApiModels(), contentSecurityPolicy()],
  // Relative asset URLs so the build also works from a sub-path.
  base: './',
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // bench.html: the benchmark's page (npm run bench), built beside the app so it measures the same bundle.
    rollupOptions: {
      input: { main: resolve(import.meta.dirname, 'index.html'), bench: resolve(import.meta.dirname, 'bench.html') },
    },
  },
});
