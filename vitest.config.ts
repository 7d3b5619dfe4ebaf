import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Engine tests run the real model on WASM; on 2 busy cores one can take longer than the 5 s default. A safety net
    // against hangs, not a speed check.
    testTimeout: 60_000,
    include: ['src/**/*.test.ts', 'app/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'training/**'],
  },
});
