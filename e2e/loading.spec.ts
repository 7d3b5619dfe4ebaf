import { expect, test } from './fixtures';

// Runs in the wasm project only (see playwright.config.ts): these screens do not depend on the backend.

test('shows download progress while the weights arrive', async ({ page, context }) => {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await context.route('**/models/celeba64/*.bin', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('./?backend=wasm');
  const loading = page.getByTestId('loading');
  await expect(loading).toContainText('Downloading the face model');
  await expect(page.getByRole('progressbar', { name: 'Loading progress' })).toBeVisible();
  release();
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(loading).toBeHidden();
});

test('a failed load explains itself and Retry recovers', async ({ page, context }) => {
  let fail = true;
  await context.route('**/models/celeba64/manifest.json', (route) =>
    fail ? route.fulfill({ status: 404, body: 'not here' }) : route.continue(),
  );
  await page.goto('./?backend=wasm');
  const error = page.getByTestId('error');
  await expect(error).toContainText('The face model could not be found.');
  await expect(error).toContainText('HTTP 404');
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('face-canvas')).toHaveAttribute('data-frames', /\d+/);
});
