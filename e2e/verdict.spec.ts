import { expect, test } from './fixtures';

// Real or generated? On the Fashion-MNIST model the discriminator's verdicts on the shipped real test images show
// beside its verdict on the generated garment; the numbers on the page are the engine's, real test images score above
// a blank picture, and judging leaves the engine's tensor count as it was.
test('shows the discriminator judging real test images, the generated garment and (without a photo) a hint', async ({
  editor,
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(`./?model=fashion32${editor.backend === 'auto' ? '' : `&backend=${editor.backend}`}`);
  await expect(page.getByRole('heading', { name: 'Real or generated?' })).toBeVisible({ timeout: 180_000 });
  await editor.settle();

  // One real test image of each class, each with its verdict in words and as a number.
  const items = page.getByTestId('real-verdict');
  await expect(items).toHaveCount(10);
  await expect(items.first()).toContainText('T-shirt/top');
  await expect(items.first()).toContainText('% real');
  await expect(items.first().getByRole('img', { name: 'Real test image: T-shirt/top' })).toBeVisible();
  await expect(page.getByTestId('real-summary')).toContainText(/Real test images \(50, never seen in training\)/);
  await expect(page.getByTestId('verdict')).toContainText(/This generated image: \d+% real/);
  await expect(page.getByTestId('your-picture')).toContainText('Open a photo of a garment');
  const tensors = await editor.memory();

  // The page's numbers are the discriminator's: each shown score matches the engine's verdict on that test image.
  const shown = await items.evaluateAll((els) =>
    els.map((el) => ({ index: Number(el.getAttribute('data-index')), score: Number(el.getAttribute('data-score')) })),
  );
  const engine = await page.evaluate(
    async (indices) => (await window.__latentLab!.judge({ testImages: indices })).verdicts.map((v) => v.verdict),
    shown.map((s) => s.index),
  );
  shown.forEach((s, i) => expect(s.score, `test image ${s.index}`).toBeCloseTo(engine[i]!, 4));

  // Real garments score above a blank (all black) picture, on average, as the shipped D does (verdict.test.ts).
  const mean = Number(await page.getByTestId('real-summary').getAttribute('data-mean'));
  const blank = await page.evaluate(
    async () => (await window.__latentLab!.judge({ pictures: [new Uint8Array(32 * 32)] })).verdicts[0]!.verdict,
  );
  expect(mean).toBeGreaterThan(blank);

  // A bad picture gets a clear refusal and the engine keeps working.
  const refusal = await page.evaluate(() =>
    window.__latentLab!.judge({ pictures: [new Uint8Array(10)] }).then(
      () => 'accepted',
      (e: Error) => e.message,
    ),
  );
  expect(refusal).toMatch(/10 pixels; the discriminator takes 32 x 32/);

  // The generated garment's verdict follows the class on screen (a class other than the random first garment's).
  const before = await page.getByTestId('verdict').textContent();
  const sneaker = page.getByRole('radio', { name: 'Sneaker', exact: true });
  await ((await sneaker.isChecked()) ? page.getByRole('radio', { name: 'Bag', exact: true }) : sneaker).check();
  await editor.settle();
  await expect(page.getByTestId('verdict')).not.toHaveText(before!);

  // One click explains what the verdict means.
  await page.getByRole('button', { name: /What is this\? What the discriminator’s verdict means/ }).click();
  await expect(page.getByRole('note', { name: 'What the discriminator’s verdict means' })).toContainText('above 0');

  expect(await editor.memory()).toBe(tensors);
});

// A garment picture opened on the clothing model (a real test image drawn as a shop photo: dark on white, scaled up,
// off-centre) gets the discriminator's verdict on the picture as the model frames it, and closing it brings the hint back.
test('judges an uploaded garment picture as the model frames it', async ({ editor, page }) => {
  test.setTimeout(300_000);
  await page.goto(`./?model=fashion32${editor.backend === 'auto' ? '' : `&backend=${editor.backend}`}`);
  await expect(page.getByRole('heading', { name: 'Real or generated?' })).toBeVisible({ timeout: 180_000 });
  await editor.settle();

  const png = await page.evaluate(async () => {
    const [boot] = (await window.__latentLab!.judge({ testImages: [45] })).pictures; // an ankle boot, framed at 32 px
    const canvas = new OffscreenCanvas(300, 400);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 300, 400);
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) {
        const v = boot![y * 32 + x]! / 255;
        ctx.fillStyle = `rgb(${255 - v * 235}, ${255 - v * 225}, ${255 - v * 185})`;
        ctx.fillRect(40 + x * 7, 120 + y * 7, 7, 7);
      }
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await page
    .getByTestId('photo-input')
    .setInputFiles({ name: 'boot.png', mimeType: 'image/png', buffer: Buffer.from(png) });

  const verdict = page.getByTestId('picture-verdict');
  await expect(verdict).toContainText(/Judged as .+: \d+% real/, { timeout: 120_000 });
  const score = Number(await verdict.getAttribute('data-score'));
  // The number is the discriminator's on the picture shown beside it (the grey pixels it was given).
  const grey = await verdict.getByRole('img').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const rgba = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return Array.from({ length: rgba.length / 4 }, (_, i) => rgba[4 * i]!);
  });
  expect(grey).toHaveLength(32 * 32);
  const engine = await page.evaluate(
    async (pixels) => (await window.__latentLab!.judge({ pictures: [Uint8Array.from(pixels)] })).verdicts[0]!.verdict,
    grey,
  );
  expect(score).toBeCloseTo(engine, 4);

  await page.getByRole('button', { name: 'Close photo' }).click();
  await expect(page.getByTestId('your-picture')).toContainText('Open a photo of a garment');
  // Judging pictures keeps no tensors (what the photo job itself loads, e.g. the face check's detector, is its own).
  const tensors = await editor.memory();
  await page.evaluate(async (pixels) => window.__latentLab!.judge({ pictures: [Uint8Array.from(pixels)] }), grey);
  expect(await editor.memory()).toBe(tensors);
});
