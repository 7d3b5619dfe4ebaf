import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import type { EditorOptions } from './e2e/fixtures';

// Debian's Chromium, never a downloaded browser. Background services off: the CI machine has no network to spare.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The camera tests' fake camera: a video of the public-domain portrait with some head motion (e2e/globalSetup.ts
// writes it). Permission is not granted by a flag: each test context grants it, or refuses it, itself.
const fakeCamera = [
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${resolve('e2e/.cache/camera-moving.y4m')}`,
];

export default defineConfig<EditorOptions>({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/globalSetup.ts',
  // Two cores shared with training: one browser at a time keeps timings honest and the machine responsive.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}/`,
    trace: 'retain-on-failure',
    // page.route() must see every request; only the offline test lets the service worker run.
    serviceWorkers: 'block',
    launchOptions: { executablePath: chromium, args: baseArgs },
  },
  webServer: {
    // Tests run against the production build (`npm run build` first; scripts/test.sh does).
    // E2E_DIST serves another build folder, so that two builds can be tested side by side.
    command: `npx vite preview --port ${PORT} --strictPort${process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : ''}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
  projects: [
    { name: 'wasm', testIgnore: ['camera.spec.ts'], use: { backend: 'wasm' } },
    {
      name: 'camera',
      testMatch: ['camera.spec.ts'],
      use: { backend: 'wasm', launchOptions: { executablePath: chromium, args: [...baseArgs, ...fakeCamera] } },
    },
    {
      name: 'webgpu',
      testMatch: ['smoke.spec.ts', 'editor.spec.ts', 'csp.spec.ts'],
      // SwiftShader emulates WebGPU on the CPU: correct but 20-70x slower than WASM. The whole editing flow runs, with
      // room to breathe; the 1,000-update stress test stays on wasm (set E2E_WEBGPU_STRESS=1 to run it here too).
      grepInvert: process.env.E2E_WEBGPU_STRESS ? undefined : /@stress/,
      timeout: 240_000,
      use: {
        backend: 'webgpu',
        launchOptions: { executablePath: chromium, args: [...baseArgs, '--enable-unsafe-webgpu'] },
      },
    },
    {
      name: 'auto',
      testMatch: ['smoke.spec.ts', 'csp.spec.ts'],
      use: {
        backend: 'auto',
        launchOptions: { executablePath: chromium, args: [...baseArgs, '--enable-unsafe-webgpu'] },
      },
    },
  ],
});
