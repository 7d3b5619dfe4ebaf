// Editing on a phone, by touch, upright (390x844) and sideways (844x390): with a photo open, a finger dragging Smile
// never takes the edited face region or the slider out of view; hold, double tap, pinch, pan and the before/after
// divider work on the picture by touch; nothing scrolls sideways; axe finds nothing serious; the camera input and
// Share (the system's share sheet where the browser has one, a download where it has not) hand over real files.
// The photo is a public-domain NASA portrait (e2e/assets/README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Locator, Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { expect, test, type EditorPage } from './fixtures';

const PORTRAIT = resolve(import.meta.dirname, 'assets/astronaut.jpg');

type TouchPoint = { x: number; y: number };

/** Real touch input through the browser's pipeline (as a finger makes it), not synthetic DOM events. */
function fingers(cdp: CDPSession) {
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: TouchPoint[]) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ ...p, id })) });
  return {
    start: (...points: TouchPoint[]) => send('touchStart', points),
    move: (...points: TouchPoint[]) => send('touchMove', points),
    end: () => send('touchEnd', []),
  };
}

async function openPortrait(editor: EditorPage, page: Page, input = 'photo-input'): Promise<void> {
  await editor.open();
  await page.getByTestId(input).setInputFiles(PORTRAIT);
  await expect(page.getByTestId('photo-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await editor.settle();
}

/** Whether `locator`'s element is wholly inside the viewport, and on top at its centre (not covered by another). */
function inView(locator: Locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const inside = r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
    return { inside, onTop: hit === el || el.contains(hit), top: Math.round(r.top), bottom: Math.round(r.bottom) };
  });
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 844, height: 390 },
]) {
  test.describe(`a phone at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport, hasTouch: true, isMobile: true });

    test('a finger drags Smile with the edited face region and the slider in view on every move', async ({
      editor,
      page,
    }) => {
      test.setTimeout(240_000);
      await openPortrait(editor, page);
      const slider = editor.slider('Smile');
      const value = await slider.inputValue();
      await slider.scrollIntoViewIfNeeded();
      const box = (await slider.boundingBox())!;
      const y = box.y + box.height / 2;
      const min = Number(await slider.getAttribute('min'));
      const max = Number(await slider.getAttribute('max'));
      const from = box.x + 8 + ((box.width - 16) * (Number(value) - min)) / (max - min);
      const canvas = page.getByTestId('photo-canvas');
      const framesBefore = Number(await canvas.getAttribute('data-frames'));
      const touch = fingers(await page.context().newCDPSession(page));
      await touch.start({ x: from, y });
      for (let i = 1; i <= 12; i++) {
        await touch.move({ x: Math.min(box.x + box.width - 4, from + (box.width * 0.35 * i) / 12), y });
        const face = await inView(canvas);
        const control = await inView(slider);
        expect({ face, control }, `move ${i}`).toMatchObject({
          face: { inside: true, onTop: true },
          control: { inside: true, onTop: true },
        });
      }
      await touch.end();
      await expect(slider).not.toHaveValue(value);
      await editor.settle();
      expect(Number(await canvas.getAttribute('data-frames'))).toBeGreaterThan(framesBefore);

      // Nothing scrolls sideways, and axe finds nothing serious with the photo open.
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways).toBeLessThanOrEqual(0);
      await expectNoSeriousViolations(page, `photo open at ${viewport.width}x${viewport.height}`);

      // Share where the browser cannot share files (this Chromium): the whole edited photo is downloaded instead.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Share…' }).tap();
      const file = await download;
      expect(file.suggestedFilename()).toBe('astronaut-edited.jpg');
      const jpeg = readFileSync(await file.path());
      expect(jpegSize(jpeg)).toEqual({ width: 512, height: 512 });
      await expect(page.getByText('This browser cannot share files')).toBeVisible();
    });
  });
}

test.describe('touch on the picture', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('hold compares, double tap and pinch zoom, a finger pans and moves the divider; Share hands over the photo', async ({
    editor,
    page,
  }) => {
    test.setTimeout(240_000);
    // A browser that can share files: what it is handed is recorded (the share sheet itself belongs to the system).
    await page.addInitScript(() => {
      const shared: { name: string; type: string; width: number; height: number }[] = [];
      (window as unknown as { __shared: typeof shared }).__shared = shared;
      Object.defineProperty(navigator, 'canShare', {
        value: (data?: ShareData) => (data?.files ?? []).length > 0,
      });
      Object.defineProperty(navigator, 'share', {
        value: async (data: ShareData) => {
          for (const f of data.files ?? []) {
            const bitmap = await createImageBitmap(f);
            shared.push({ name: f.name, type: f.type, width: bitmap.width, height: bitmap.height });
          }
        },
      });
    });
    // On a touch screen the camera has its own input, facing the person; a file from it opens like any other.
    await editor.open();
    const camera = page.getByTestId('photo-camera-input');
    await expect(camera).toHaveAttribute('capture', 'user');
    await expect(camera).toHaveAttribute('accept', 'image/*');
    await expect(page.getByRole('button', { name: 'Take a photo…' })).toBeVisible();
    await camera.setInputFiles(PORTRAIT);
    await expect(page.getByTestId('photo-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
    await editor.settle();

    // Share: the whole edited photo, full size, as a JPEG file. Tapped again if no share came of it: here a tap that
    // landed just as it scrolled the pinned stage to the button was seen to reach the button (pointer and touch
    // events) and make no click.
    const shared = () => page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared);
    await expect(async () => {
      if ((await shared()).length === 0) await page.getByRole('button', { name: 'Share…' }).tap();
      await expect.poll(shared, { timeout: 3000 }).not.toEqual([]);
    }).toPass({ timeout: 30_000 });
    expect(await shared()).toEqual([{ name: 'astronaut-edited.jpg', type: 'image/jpeg', width: 512, height: 512 }]);

    const canvas = page.getByTestId('photo-canvas');
    const compare = page.getByTestId('photo-compare');
    await compare.scrollIntoViewIfNeeded(); // Share scrolled the pinned stage down to its button
    const r = (await compare.boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: r.x + r.width * fx, y: r.y + r.height * fy });
    const touch = fingers(await page.context().newCDPSession(page));

    // Press and hold: the photo before edits, until the finger lifts.
    await touch.start(at(0.5, 0.5));
    await expect(canvas).toHaveAttribute('aria-label', 'Your photo before edits');
    await expect(compare.getByText('Before', { exact: true })).toBeVisible();
    await touch.end();
    await expect(canvas).toHaveAttribute('aria-label', 'Your photo, edited');

    // Double tap: zoomed in where tapped; again: whole.
    await page.touchscreen.tap(at(0.4, 0.4).x, at(0.4, 0.4).y);
    await page.touchscreen.tap(at(0.4, 0.4).x, at(0.4, 0.4).y);
    await expect(compare).toHaveAttribute('data-zoom', '2.50');
    // A finger drag pans the zoomed picture (and moves no divider).
    const zoomLayer = page.locator('.photo-zoom');
    const panned = await zoomLayer.evaluate((el) => el.style.transform);
    await touch.start(at(0.5, 0.5));
    for (let i = 1; i <= 5; i++) await touch.move({ x: at(0.5, 0.5).x + 12 * i, y: at(0.5, 0.5).y + 8 * i });
    await touch.end();
    expect(await zoomLayer.evaluate((el) => el.style.transform)).not.toBe(panned);
    await expect(page.getByTestId('photo-split')).toHaveValue('0');
    await page.touchscreen.tap(at(0.5, 0.5).x, at(0.5, 0.5).y);
    await page.touchscreen.tap(at(0.5, 0.5).x, at(0.5, 0.5).y);
    await expect(compare).toHaveAttribute('data-zoom', '1.00');

    // Pinch: two fingers apart zoom in; Zoom out (a touch target) brings the whole region back.
    await touch.start(at(0.45, 0.5), at(0.55, 0.5));
    for (let i = 1; i <= 6; i++) await touch.move(at(0.45 - 0.05 * i, 0.5), at(0.55 + 0.05 * i, 0.5));
    await touch.end();
    expect(Number(await compare.getAttribute('data-zoom'))).toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Zoom out' }).tap();
    await expect(compare).toHaveAttribute('data-zoom', '1.00');

    // A sideways finger drag on the whole picture moves the before/after divider.
    await touch.start(at(0.1, 0.5));
    for (let i = 1; i <= 6; i++) await touch.move(at(0.1 + 0.1 * i, 0.5));
    await touch.end();
    await expect(page.getByTestId('photo-split')).toHaveValue('70');
  });
});

/** A baseline or progressive JPEG's width and height, from its SOF marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}
