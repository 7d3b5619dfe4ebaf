// The live mirror with a real browser camera: Chromium's fake capture device plays a video of the public-domain
// portrait with some head motion (scripts/fake-camera.mjs, written by e2e/globalSetup.ts), in the 'camera' project.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Inside the last measured frame, each box's change from its camera frame: the mouth (from the detector's face box),
 * backdrop just beside the hair, placed by the edit's region (which moves with the head, so these stay backdrop in
 * every frame of the motion): where a halo around the head would show, and the four sides outside the
 * region. Boxes and pixels come from one frame: they are read in one synchronous step in the page.
 */
async function measuredChanges(page: Page) {
  return page.evaluate(() => {
    const camera = window.__latentLab!.camera()!;
    const face = camera.measuredFace!;
    const { box, region } = { box: face.box, region: face.region! };
    const mouth = {
      x: box.x + 0.2 * box.width,
      y: box.y + 0.62 * box.height,
      width: 0.6 * box.width,
      height: 0.33 * box.height,
    };
    // Beside the hair at its widest, a few pixels out from it (the portrait's hair spans 0.14-0.86 of the region).
    const beside = (fx: number) => ({
      x: region.x + fx * region.width,
      y: region.y + 0.3 * region.height,
      width: 0.09 * region.width,
      height: 0.2 * region.height,
    });
    const outside = [
      { x: 0, y: 0, width: 640, height: region.y },
      { x: 0, y: region.y + region.height, width: 640, height: 480 },
      { x: 0, y: 0, width: region.x, height: 480 },
      { x: region.x + region.width, y: 0, width: 640, height: 480 },
    ];
    const [atMouth, left, right, ...rest] = camera.difference([mouth, beside(0.03), beside(0.88), ...outside])!;
    return { mouth: atMouth!, backdrop: [left!, right!], outside: rest };
  });
}

async function cameraFacts(page: Page) {
  return page.evaluate(() => {
    const c = window.__latentLab!.camera();
    return c && { liveTracks: c.liveTracks, face: c.face, figures: c.figures() };
  });
}

/** Starts the mirror and waits for the face; turns on the per-frame measurements the checks read. */
async function startCamera(page: Page): Promise<void> {
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('camera-stage')).toHaveAttribute('data-camera-phase', 'live', { timeout: 60_000 });
  await expect(page.getByTestId('camera-status')).not.toHaveAttribute('data-face', 'none', { timeout: 60_000 });
  await page.evaluate(() => window.__latentLab!.camera()!.measureFrames(true));
}

/** Waits until `n` more frames have been shown, so a change of the sliders has reached the screen. */
async function framesPass(page: Page, n: number): Promise<void> {
  const start = (await cameraFacts(page))!.figures.frames;
  await expect
    .poll(async () => (await cameraFacts(page))!.figures.frames, { timeout: 60_000 })
    .toBeGreaterThan(start + n);
}

test.describe('live camera mirror', () => {
  test.use({ permissions: ['camera'] });

  test('finds the face, Smile changes the mouth and nothing outside the person', async ({ page, editor }) => {
    await editor.open();
    await startCamera(page);
    // The sliders now read the camera's face: the current face is the camera's.
    await expect(page.getByText(/^Camera #\d+$/).first()).toBeVisible();
    await framesPass(page, 3);
    // Nothing moved yet: every edited frame is the camera frame itself.
    const untouched = await page.evaluate(() =>
      window.__latentLab!.camera()!.difference([{ x: 0, y: 0, width: 640, height: 480 }]),
    );
    expect(untouched![0]!.max).toBe(0);

    const smile = editor.slider('Smile');
    await smile.focus();
    await smile.press('Home'); // no smile at all: the portrait smiles broadly
    await framesPass(page, 3);
    const changes = await measuredChanges(page);
    expect(changes.mouth.mean, 'Smile changes the mouth').toBeGreaterThan(3);
    for (const [i, b] of changes.backdrop.entries())
      expect(b.mean, `backdrop ${i} beside the hair stays as the camera saw it`).toBeLessThan(1);
    for (const b of changes.outside) expect(b.max, 'outside the edit region, the camera frame exactly').toBe(0);
  });

  test('stopping releases the camera and frees its tensors', async ({ page, editor }) => {
    await editor.open();
    // The first session loads the face detector's and the person segmenter's weights, which the worker keeps (photos
    // use them too); a session leaves nothing of its own behind, so two sessions end where one did.
    const session = async () => {
      await startCamera(page);
      await editor.slider('Male').focus();
      await editor.slider('Male').press('End');
      await framesPass(page, 3);
      expect((await cameraFacts(page))!.liveTracks).toBe(1);
      await page.getByTestId('camera-toggle').click();
      await expect(page.getByTestId('camera-stage')).toHaveCount(0);
      expect((await cameraFacts(page))!.liveTracks, 'the camera light is off').toBe(0);
      return editor.memory();
    };
    const afterOne = await session();
    expect(await session()).toBe(afterOne);
  });

  test('a hidden tab turns the camera off', async ({ page, editor }) => {
    await editor.open();
    await startCamera(page);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(async () => (await cameraFacts(page))!.liveTracks).toBe(0);
    await expect(page.getByTestId('camera-toggle')).toHaveText('Camera');
  });

  test('records a WebM clip and saves a still at the camera resolution', async ({ page, editor }) => {
    await editor.open();
    await startCamera(page);
    await editor.slider('Smile').focus();
    await editor.slider('Smile').press('Home');
    await page.getByTestId('camera-record').click();
    await framesPass(page, 5);
    await page.getByTestId('camera-record').click(); // stop recording
    const clipDownload = page.waitForEvent('download');
    await page.getByTestId('camera-save-clip').click();
    const clip = await clipDownload;
    expect(clip.suggestedFilename()).toBe('latent-lab-camera.webm');
    const clipBytes = await readDownload(clip);
    expect([...clipBytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML: a WebM file
    const stillDownload = page.waitForEvent('download');
    await page.getByTestId('camera-still').click();
    const still = await readDownload(await stillDownload);
    expect([...still.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // PNG
    expect(still.readUInt32BE(16)).toBe(640);
    expect(still.readUInt32BE(20)).toBe(480);
  });
});

test.describe('camera permission refused', () => {
  test('explains what to do, and the editor keeps working', async ({ page, editor }) => {
    await editor.open();
    await page.getByTestId('camera-toggle').click();
    await expect(page.getByTestId('camera-error')).toContainText('permission was refused');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('camera-stage')).toHaveCount(0);
    await expect(editor.slider('Smile')).toBeEnabled();
  });
});

async function readDownload(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

test.describe('the mirror in presenter mode', () => {
  test.use({ permissions: ['camera'] });

  test('C starts the mirror large, and the nudge keys edit the video', async ({ page, editor }) => {
    await editor.open();
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveClass(/presenting/);
    await page.keyboard.press('c');
    await expect(page.getByTestId('camera-stage')).toHaveAttribute('data-camera-phase', 'live', { timeout: 60_000 });
    await expect(page.getByTestId('camera-status')).not.toHaveAttribute('data-face', 'none', { timeout: 60_000 });
    const viewport = page.viewportSize()!;
    const shown = (await page.getByTestId('camera-canvas').boundingBox())!;
    expect(shown.width, 'the video fills most of the screen').toBeGreaterThan(0.5 * viewport.width);
    await page.evaluate(() => window.__latentLab!.camera()!.measureFrames(true));
    await page.keyboard.press('3'); // Smile
    for (let i = 0; i < 8; i++) await page.keyboard.press('-');
    await framesPass(page, 3);
    expect((await measuredChanges(page)).mouth.mean).toBeGreaterThan(2);
    await page.keyboard.press('c');
    await expect(page.getByTestId('camera-stage')).toHaveCount(0);
    expect((await cameraFacts(page))!.liveTracks).toBe(0);
  });
});
