import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import { decompressFrames, parseGIF } from 'gifuct-js';
import { BufferSource, EncodedPacketSink, Input, WEBM } from 'mediabunny';
import { differingValues, expect, test, type EditorPage } from './fixtures';

// Issue 17 items 4 and 6: random walk, grid and strip, and animations exported as GIF and WebM, decoded here by
// other libraries than the ones that wrote them (gifuct-js for GIF; mediabunny's demuxer, not its muxer, for WebM).

test.beforeEach(async ({ editor }) => {
  await editor.open();
});

async function bytesOf(download: Download): Promise<ArrayBuffer> {
  const file = await readFile((await download.path())!);
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

async function gifFrames(download: Download) {
  return decompressFrames(parseGIF(await bytesOf(download)), true);
}

async function webmInfo(download: Download) {
  const input = new Input({ formats: [WEBM], source: new BufferSource(await bytesOf(download)) });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('no video track in the WebM');
  let frames = 0;
  for await (const packet of new EncodedPacketSink(track).packets()) if (packet.byteLength > 0) frames++;
  return { width: track.displayWidth, height: track.displayHeight, codec: track.codec, frames };
}

/** Fails the test if the page logs a CSP block or the preview server receives a violation report from here on. */
async function watchCsp(page: Page, request: APIRequestContext) {
  const reports = async () => ((await (await request.get('__csp-report')).json()) as string[]).length;
  const before = await reports();
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  return {
    async expectNone() {
      expect(blocked).toEqual([]);
      expect(await reports()).toBe(before);
    },
  };
}

/** Faces A and B (seeds 1 and 2) chosen for interpolation. */
async function interpolate(editor: EditorPage, page: Page): Promise<void> {
  await editor.newFace(1);
  await editor.newFace(2);
  await page.getByLabel('Face A').selectOption({ label: 'Seed 1' });
  await page.getByLabel('Face B').selectOption({ label: 'Seed 2' });
  await editor.settle();
}

async function exportAs(page: Page, format: 'GIF' | 'WebM', size: number, frames: number): Promise<Download> {
  await page.getByLabel('Export size').selectOption({ label: `${size} px` });
  await page.getByLabel('Frames', { exact: true }).fill(String(frames));
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: `Export ${format}` }).click();
  return download;
}

test('an interpolation exports as a GIF and a WebM with the asked frames and size; tensors unchanged', async ({
  editor,
  page,
  request,
}) => {
  test.setTimeout(240_000);
  // The encoder is a worker of its own: the page's Content Security Policy must let it run (reports: build/csp.ts).
  const csp = await watchCsp(page, request);
  await interpolate(editor, page);
  const tensors = await editor.memory();
  await page.getByLabel('Animation', { exact: true }).selectOption('interpolation');

  const gif = await exportAs(page, 'GIF', 64, 12);
  expect(gif.suggestedFilename()).toBe('latent-lab-interpolation-64px.gif');
  const frames = await gifFrames(gif);
  expect(frames).toHaveLength(12);
  for (const f of frames) expect(f.dims).toMatchObject({ width: 64, height: 64 });
  // A face, not a blank: the first and last frames differ (A and B).
  expect(differingValues(Array.from(frames[0]!.patch), Array.from(frames[11]!.patch))).toBeGreaterThan(1000);
  await expect(page.getByText(/Saved latent-lab-interpolation-64px\.gif/)).toBeVisible();

  await expect(page.getByRole('button', { name: 'Export WebM' })).toBeEnabled();
  const webm = await exportAs(page, 'WebM', 128, 10);
  expect(webm.suggestedFilename()).toBe('latent-lab-interpolation-128px.webm');
  expect(await webmInfo(webm)).toMatchObject({ width: 128, height: 128, frames: 10 });
  await csp.expectNone();

  await expect.poll(() => editor.memory(), { timeout: 60_000 }).toBe(tensors);
});

test('a browser without WebCodecs is told WebM cannot be made, and GIF still exports', async ({ editor, page }) => {
  test.setTimeout(180_000);
  // As in a browser that has no VideoEncoder (Firefox before 130, or a page not served securely).
  await page.addInitScript(() => {
    delete (globalThis as { VideoEncoder?: unknown }).VideoEncoder;
  });
  await editor.open();
  await expect(
    page.getByRole('note').filter({ hasText: 'WebM export is not available in this browser' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export WebM' })).toBeDisabled();
  await page.getByLabel('Animation', { exact: true }).selectOption('walk');
  const frames = await gifFrames(await exportAs(page, 'GIF', 64, 4));
  expect(frames).toHaveLength(4);
});

test('a walk exports at 256 px with the frame count asked', async ({ editor, page }) => {
  test.setTimeout(180_000);
  await page.getByLabel('Animation', { exact: true }).selectOption('walk');
  const frames = await gifFrames(await exportAs(page, 'GIF', 256, 8));
  expect(frames).toHaveLength(8);
  expect(frames[7]!.dims).toMatchObject({ width: 256, height: 256 });
  // The walk starts at the face on screen: its first frame is that face, upscaled.
  expect(differingValues(Array.from(frames[0]!.patch), Array.from(frames[7]!.patch))).toBeGreaterThan(1000);
  await editor.settle();
});

test('cancelling an export stops it and leaves the app usable; tensors unchanged', async ({ editor, page }) => {
  test.setTimeout(240_000);
  await interpolate(editor, page);
  const tensors = await editor.memory();
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await page.getByLabel('Animation', { exact: true }).selectOption('interpolation');
  await page.getByLabel('Export size').selectOption({ label: '256 px' });
  await page.getByLabel('Frames', { exact: true }).fill('300');
  await page.getByRole('button', { name: 'Export GIF' }).click();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByText('Export cancelled.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toHaveCount(0);
  // Again, once the frames are rendered and the worker is encoding them.
  await page.getByRole('button', { name: 'Export GIF' }).click();
  await expect(page.getByText(/Encoding GIF: frame/)).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByText('Export cancelled.')).toBeVisible();

  // Still usable: a slider edits the face, and the next export is the only file that arrives.
  const before = await editor.pixels();
  await editor.slider(editor.manifest.attributes[0]!.label).focus();
  await page.keyboard.press('End');
  expect(differingValues(before, await editor.pixels())).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  const next = await gifFrames(await exportAs(page, 'GIF', 64, 3));
  expect(next).toHaveLength(3);
  expect(downloads).toHaveLength(1);
  await expect.poll(() => editor.memory(), { timeout: 60_000 }).toBe(tensors);
});

test('a random walk changes the face over time; stop keeps the face reached, one undo goes back', async ({
  editor,
  page,
}) => {
  const start = await editor.pixels();
  const tensors = await editor.memory();
  await page.getByLabel('Walk path').fill('31');
  await page.getByRole('button', { name: 'Start walk' }).click();
  const canvas = () => editor.pixels();
  await expect.poll(async () => differingValues(start, await canvas()), { timeout: 30_000 }).toBeGreaterThan(500);
  const later = await canvas();
  await expect.poll(async () => differingValues(later, await canvas()), { timeout: 30_000 }).toBeGreaterThan(500);
  await page.getByRole('button', { name: 'Stop walk' }).click();
  await expect(page.getByRole('button', { name: 'Start walk' })).toBeVisible();
  const reached = await canvas();
  await editor.expectFrame(reached, 'the face stays once stopped');
  expect(differingValues(start, reached)).toBeGreaterThan(500);
  await expect(page.getByRole('list', { name: 'Recent faces' }).getByRole('listitem')).toHaveCount(2);

  await page.keyboard.press('ControlOrMeta+z');
  await editor.expectFrame(start, 'one undo step back to where the walk began');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await editor.expectFrame(reached, 'redo comes back to the face reached');
  await expect.poll(() => editor.memory(), { timeout: 60_000 }).toBe(tensors);
});

test('a 4-corner grid shows rows x columns faces with the corners exact; a row and a strip too', async ({
  editor,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // The sheet lays its columns out through a style property, which the CSP (no inline styles) must allow.
  const csp = await watchCsp(page, request);
  const faces: number[][] = [];
  for (const seed of [11, 12, 13, 14]) {
    await editor.newFace(seed);
    faces.push(await editor.pixels());
  }
  const tensors = await editor.memory();
  for (const [i, corner] of ['Top left', 'Top right', 'Bottom left', 'Bottom right'].entries()) {
    await page.getByLabel(`${corner} face`).selectOption({ label: `Seed ${11 + i}` });
  }
  await page.getByLabel('Rows', { exact: true }).fill('3');
  await page.getByLabel('Columns', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Make grid' }).click();
  const tiles = page.getByTestId('sheet-tile');
  await expect(tiles).toHaveCount(12);
  const tile = (i: number) =>
    tiles.nth(i).evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    });
  // The corners are the four faces themselves, pixel for pixel (tiles are drawn at the model's own size).
  for (const [i, at] of [0, 3, 8, 11].entries()) {
    expect(differingValues(await tile(at), faces[i]!), `corner ${i}`).toBeLessThanOrEqual(
      editor.backend === 'wasm' ? 0 : 64 * 64,
    );
  }
  expect(differingValues(await tile(5), await tile(6))).toBeGreaterThan(0);

  await page.getByLabel('Bottom left face').selectOption({ label: '(none: one row)' });
  await page.getByLabel('Bottom right face').selectOption({ label: '(none: one row)' });
  await expect(page.getByLabel('Rows', { exact: true })).toBeDisabled();
  await page.getByLabel('Columns', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Make grid' }).click();
  await expect(tiles).toHaveCount(5);

  await page.getByLabel('Strip attribute').selectOption({ index: 2 });
  await page.getByLabel('Strip length').fill('6');
  await page.getByRole('button', { name: 'Make strip' }).click();
  await expect(tiles).toHaveCount(6);
  expect(differingValues(await tile(0), await tile(5))).toBeGreaterThan(0);
  // Six columns side by side: the layout took.
  const tops = await tiles.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  await csp.expectNone();
  await expect.poll(() => editor.memory(), { timeout: 60_000 }).toBe(tensors);
});
