// Installable: the web app manifest is served and valid, its icons load, and the service worker controls the page
// after a reload with the manifest and icons in its cache.
import { expect, test } from './fixtures';

interface WebManifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

test('the manifest is linked, served and valid, with icons of several sizes', async ({ page, request, baseURL }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const url = new URL(href!, baseURL).href;
  const res = await request.get(url);
  expect(res.ok()).toBe(true);
  expect(res.headers()['content-type']).toMatch(/application\/manifest\+json|application\/json/);
  const manifest = (await res.json()) as WebManifest;
  expect(manifest.name).toBe('Latent Lab');
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  // start_url resolves inside the app's own origin and answers.
  const start = new URL(manifest.start_url, url);
  expect(start.origin).toBe(new URL(baseURL!).origin);
  expect((await request.get(start.href)).ok()).toBe(true);
  // Chromium's installability needs a 192 px and a 512 px icon; each one is a real image of its declared size.
  const sizes = manifest.icons.map((i) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    const src = new URL(icon.src, url).href;
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, src);
    if (icon.sizes !== 'any') expect(size, icon.src).toBe(icon.sizes);
  }
});

test.describe('service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  test('controls the page after a reload and caches the manifest and icons', async ({ editor, page }) => {
    await editor.open();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    const cached = await page.evaluate(async () => {
      const names = ['manifest.webmanifest', 'icons/icon-192.png', 'icons/icon-512.png', './'];
      return Promise.all(names.map(async (n) => Boolean(await caches.match(new URL(n, document.baseURI).href))));
    });
    expect(cached).toEqual([true, true, true, true]);
  });
});
