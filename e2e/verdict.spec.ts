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

  // The generated garment's verdict follows the class on screen.
  const before = await page.getByTestId('verdict').textContent();
  await page.getByRole('radio', { name: 'Sneaker', exact: true }).check();
  await editor.settle();
  await expect(page.getByTestId('verdict')).not.toHaveText(before!);

  // One click explains what the verdict means.
  await page.getByRole('button', { name: /What is this\? What the discriminator’s verdict means/ }).click();
  await expect(page.getByRole('note', { name: 'What the discriminator’s verdict means' })).toContainText('above 0');

  expect(await editor.memory()).toBe(tensors);
});
