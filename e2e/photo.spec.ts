// Photos in: real CelebA "in the wild" pictures through the picker, drag-and-drop and paste, and every kind of bad
// input (fixtures made here, in the test). Real model, real Chromium; nothing mocked.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { differingValues, expect, test, type EditorPage } from './fixtures';
import { crc32 } from '../src/photo/testing/crc32';

const WILD = resolve(import.meta.dirname, '../../shared/datasets/celeba/wild');
const wild = (i: number) =>
  resolve(
    WILD,
    readdirSync(WILD)
      .filter((f) => f.endsWith('.jpg'))
      .sort()[i]!,
  );

const status = (page: Page) => page.getByTestId('photo-status');

async function finished(page: Page): Promise<void> {
  await expect(status(page)).toHaveAttribute('data-phase', /done|no-face|failed/, { timeout: 120_000 });
}

/** Dispatches a drop (or a paste) of these files on the page, the way a browser does for a real one. */
async function deliver(page: Page, how: 'drop' | 'paste', files: { name: string; type: string; bytes: number[] }[]) {
  await page.evaluate(
    ({ how, files }) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      if (how === 'paste') {
        document.body.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
        );
        return;
      }
      const target = document.querySelector('.face-canvas') ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { how, files },
  );
}

const jpeg = (path: string) => ({ name: 'photo.jpg', type: 'image/jpeg', bytes: [...readFileSync(path)] });

async function expectInvertedAndEditable(editor: EditorPage, page: Page): Promise<void> {
  await finished(page);
  await expect(status(page)).toHaveAttribute('data-phase', 'done');
  await expect(page.getByTestId('face-box').first()).toBeVisible();
  // The crop's landmarks sit where the training crops have theirs (mean residual, model pixels).
  const alignError = Number(await page.getByTestId('aligned-crop').getAttribute('data-align-error'));
  expect(alignError).toBeLessThan(0.05 * editor.manifest.resolution);
  // Refinement lowered the reconstruction error below the encoder's.
  const psnr = page.getByTestId('photo-psnr');
  expect(Number(await psnr.getAttribute('data-psnr'))).toBeGreaterThan(
    Number(await psnr.getAttribute('data-first-psnr')),
  );
  // The photo is the current face: Smile edits it.
  const before = await editor.pixels();
  const smile = editor.slider('Smile');
  await smile.focus();
  for (let i = 0; i < 10; i++) await smile.press('ArrowRight');
  expect(differingValues(before, await editor.pixels())).toBeGreaterThan(100);
}

test.describe('photo in', () => {
  test('the picker: finds the face, aligns it, inverts it, and Smile edits it', async ({ editor, page }) => {
    await editor.open();
    await page.getByTestId('photo-input').setInputFiles(wild(0));
    await expectInvertedAndEditable(editor, page);
    await expect(page.getByRole('img', { name: 'Aligned crop' })).toBeVisible();
  });

  test('drag and drop shows a drop target and inverts the photo', async ({ editor, page }) => {
    await editor.open();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'x.jpg', { type: 'image/jpeg' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('drop-overlay')).toBeVisible();
    await deliver(page, 'drop', [jpeg(wild(1))]);
    await expect(page.getByTestId('drop-overlay')).toBeHidden();
    await expectInvertedAndEditable(editor, page);
  });

  test('paste from the clipboard inverts the photo', async ({ editor, page }) => {
    await editor.open();
    await deliver(page, 'paste', [jpeg(wild(2))]);
    await expectInvertedAndEditable(editor, page);
  });

  test('the photo never leaves the device: every request stays on our origin', async ({ editor, page, baseURL }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await editor.open();
    await page.getByTestId('photo-input').setInputFiles(wild(3));
    await finished(page);
    const smile = editor.slider('Smile');
    await smile.focus();
    await smile.press('ArrowRight');
    await editor.settle();
    const origin = new URL(baseURL!).origin;
    const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(requests.length).toBeGreaterThan(3);
    expect(foreign).toEqual([]);
  });
});

// ---- bad input: fixtures generated here ----
function pngChunk(type: string, data: Uint8Array): number[] {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return [...head.subarray(0, 4), ...body, ...crc];
}
/** A grayscale PNG; `rows` of pixel data actually stored (a bomb declares a huge size and stores little). */
function png(width: number, height: number, rows = height): number[] {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  const raw = deflateSync(Buffer.alloc((width + 1) * Math.min(rows, height)));
  return [
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk('IHDR', ihdr),
    ...pngChunk('IDAT', raw),
    ...pngChunk('IEND', new Uint8Array()),
  ];
}
const text = (s: string) => [...Buffer.from(s)];

const BAD: { name: string; file: () => { name: string; type: string; bytes: number[] }; message: RegExp }[] = [
  {
    name: 'a text file',
    file: () => ({ name: 'notes.txt', type: 'text/plain', bytes: text('hello, not a photo') }),
    message: /not an image/,
  },
  { name: 'an empty file', file: () => ({ name: 'empty.jpg', type: 'image/jpeg', bytes: [] }), message: /empty/ },
  {
    name: 'a truncated JPEG',
    file: () => {
      const b = readFileSync(wild(4));
      return { name: 'cut.jpg', type: 'image/jpeg', bytes: [...b.subarray(0, b.length >> 1)] };
    },
    message: /incomplete|damaged/,
  },
  {
    name: 'a 20000x20000 PNG bomb',
    file: () => ({ name: 'bomb.png', type: 'image/png', bytes: png(20000, 20000, 4) }),
    message: /too many/,
  },
  {
    name: 'an animated GIF',
    file: () => ({
      name: 'anim.gif',
      type: 'image/gif',
      bytes: text('GIF89a\x01\x00\x01\x00\x80\x00\x00!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00;'),
    }),
    message: /GIF/,
  },
  {
    name: 'an SVG',
    file: () => ({
      name: 'face.svg',
      type: 'image/svg+xml',
      bytes: text('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle r="40"/></svg>'),
    }),
    message: /SVG/,
  },
  {
    name: 'a HEIC photo',
    file: () => ({
      name: 'IMG_0001.HEIC',
      type: 'image/heic',
      bytes: [0, 0, 0, 24, ...text('ftypheic'), 0, 0, 0, 0, ...text('mif1heic')],
    }),
    message: /HEIC/,
  },
  {
    name: 'a tiny image',
    file: () => ({ name: 'tiny.png', type: 'image/png', bytes: png(40, 40) }),
    message: /only 40x40/,
  },
];

test.describe('bad input keeps the face, the edits and the memory as they were', () => {
  test('each bad file gets a clear message', async ({ editor, page }, testInfo) => {
    test.setTimeout(180_000);
    await editor.open();
    const smile = editor.slider('Smile');
    await smile.focus();
    await smile.press('ArrowRight');
    const before = await editor.pixels();
    const value = await smile.inputValue();
    const tensors = await editor.memory();
    for (const bad of BAD) {
      await deliver(page, 'drop', [bad.file()]);
      await expect(page.getByTestId('notice'), bad.name).toContainText(bad.message);
      await page.getByRole('button', { name: 'Dismiss' }).click();
    }
    // Over 50 MB: refused by size, before anything reads it.
    const big = Buffer.alloc(51 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const hugePath = testInfo.outputPath('huge.jpg');
    writeFileSync(hugePath, big);
    await page.getByTestId('photo-input').setInputFiles(hugePath);
    await expect(page.getByTestId('notice')).toContainText(/50 MB/);
    // Several files at once.
    await deliver(page, 'drop', [jpeg(wild(0)), jpeg(wild(1))]);
    await expect(page.getByTestId('notice')).toContainText(/one photo at a time/);
    expect(differingValues(before, await editor.pixels())).toBe(0);
    expect(await smile.inputValue()).toBe(value);
    expect(await editor.memory()).toBe(tensors);
  });

  test('a grayscale photo works; a photo without a face offers a manual crop', async ({ editor, page }) => {
    await editor.open();
    const gray = await page.evaluate(
      async (bytes) => {
        const bmp = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d')!;
        ctx.filter = 'grayscale(1)';
        ctx.drawImage(bmp, 0, 0);
        return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer())];
      },
      jpeg(wild(5)).bytes,
    );
    await deliver(page, 'drop', [{ name: 'gray.png', type: 'image/png', bytes: gray }]);
    await finished(page);
    await expect(status(page)).toHaveAttribute('data-phase', 'done');
    // A flat grey picture has no face: the crop box appears, and cropping by hand inverts that square.
    await deliver(page, 'drop', [{ name: 'wall.png', type: 'image/png', bytes: png(300, 200) }]);
    await expect(status(page)).toHaveAttribute('data-phase', 'no-face', { timeout: 60_000 });
    await expect(page.getByTestId('crop-box')).toBeVisible();
    await page.getByRole('button', { name: 'Use this crop' }).click();
    await expect(status(page)).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  });
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });
  test('works with the network off after the first visit', async ({ editor, page, context }) => {
    await editor.open();
    // The service worker takes over and has cached what the first visit loaded.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    await page.evaluate(async () => {
      if (!navigator.serviceWorker.controller)
        await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r));
    });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('backend')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('photo-input').setInputFiles(wild(6));
    await finished(page);
    await expect(status(page)).toHaveAttribute('data-phase', 'done');
    await context.setOffline(false);
  });
});
