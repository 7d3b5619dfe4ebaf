// Every format the browser decodes is accepted (checked by its bytes first): AVIF and BMP files made for the tests
// (src/photo/testing: our own drawing, by avifenc and ImageMagick) and a BMP written here from a real photo. What
// the browser cannot decode gets a message and changes nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { wildPhoto } from './flows';

const drawing = (name: string) => readFileSync(resolve(import.meta.dirname, '../src/photo/testing', name));
const status = (page: Page) => page.getByTestId('photo-status');
const pick = (page: Page, name: string, mimeType: string, buffer: Buffer) =>
  page.getByTestId('photo-input').setInputFiles({ name, mimeType, buffer });

/** A 24-bit bottom-up BMP of RGBA pixels. */
function bmp(width: number, height: number, rgba: number[]): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const src = ((height - 1 - y) * width + x) * 4;
      const dst = 54 + y * stride + x * 3;
      out[dst] = rgba[src + 2]!;
      out[dst + 1] = rgba[src + 1]!;
      out[dst + 2] = rgba[src]!;
    }
  }
  return out;
}

test('an AVIF is decoded: no face in the drawing, so the manual crop inverts it', async ({ editor, page }) => {
  test.setTimeout(240_000);
  await editor.open();
  await pick(page, 'drawing.avif', 'image/avif', drawing('drawing.avif'));
  await expect(status(page)).toHaveAttribute('data-phase', 'no-face', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Use this crop' }).click();
  await expect(status(page)).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
});

test('a BMP of a real photo is found, aligned and inverted; the BMP drawing is decoded', async ({ editor, page }) => {
  test.setTimeout(240_000);
  await editor.open();
  const { width, height, rgba } = await page.evaluate(
    async (bytes) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return { width: c.width, height: c.height, rgba: [...ctx.getImageData(0, 0, c.width, c.height).data] };
    },
    [...readFileSync(wildPhoto(7))],
  );
  await pick(page, 'photo.bmp', 'image/bmp', bmp(width, height, rgba));
  await expect(status(page)).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('face-box').first()).toBeVisible();
  await pick(page, 'drawing.bmp', 'image/bmp', drawing('drawing.bmp'));
  await expect(status(page)).toHaveAttribute('data-phase', 'no-face', { timeout: 60_000 });
});

test('what the browser cannot decode gets a message and changes nothing', async ({ editor, page }) => {
  await editor.open();
  await editor.slider('Smile').press('ArrowRight');
  const state = async () => ({
    frame: await editor.pixels(),
    smile: await editor.slider('Smile').inputValue(),
    tensors: await editor.memory(),
  });
  const before = await state();
  // A well-formed AVIF header whose image data stops early: it passes the byte check, then the decoder fails.
  const avif = drawing('drawing.avif').subarray(0, 320);
  const bad: [string, string, Buffer, RegExp][] = [
    ['broken.avif', 'image/avif', avif, /could not decode/],
    ['IMG_0001.HEIC', 'image/heic', Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'), /HEIC/],
    ['scan.tif', 'image/tiff', Buffer.from('II*\0\x08\0\0\0', 'latin1'), /TIFF/],
  ];
  for (const [name, type, bytes, message] of bad) {
    await pick(page, name, type, bytes);
    await expect(page.getByTestId('notice'), name).toContainText(message);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
  await expect(status(page)).toHaveCount(0);
  // Same frame, same slider, no tensor left behind.
  expect(await state()).toEqual(before);
});
