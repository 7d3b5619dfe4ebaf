import { differingValues, expect, test } from './fixtures';

// The Fashion-MNIST model end to end: switch to it, generate every class, scrub the training timeline, read the
// discriminator's verdict, switch back to faces, and leave the engine holding as many tensors as before the switch.
test('switches to clothing and back without keeping tensors of the other model', async ({ editor, page }) => {
  test.setTimeout(360_000);
  await editor.open();
  const faceTensors = await editor.memory();

  await page.getByRole('combobox', { name: /^Model/ }).selectOption('fashion32');
  await expect(page.getByRole('heading', { name: 'Class', exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(page).toHaveURL(/model=fashion32/);
  await editor.settle();
  // Garment pictures are framed and inverted here (e2e/garmentPhoto.spec.ts), so the photo panel is offered.
  await expect(page.getByRole('heading', { name: 'Your photo' })).toBeVisible();

  // Every class draws a garment of its own, 32 px grey (R = G = B).
  const classes = [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ];
  const frames: number[][] = [];
  for (const name of classes) {
    await page.getByRole('radio', { name, exact: true }).check();
    await expect(page.locator('.class-mix output')).toHaveText(new RegExp(`^100% ${name.replace('/', '\\/')},`));
    const previous = frames.at(-1);
    // The new class's frame has landed once it differs from the previous class's.
    if (previous) await expect.poll(async () => differingValues(await editor.pixels(), previous)).toBeGreaterThan(50);
    frames.push(await editor.pixels());
  }
  const first = frames[0]!;
  expect(first.length).toBe(32 * 32 * 4);
  for (let i = 0; i < first.length; i += 4) expect([first[i + 1], first[i + 2]]).toEqual([first[i], first[i]]);
  for (let i = 0; i < frames.length; i++)
    for (let j = i + 1; j < frames.length; j++)
      expect(differingValues(frames[i]!, frames[j]!), `${classes[i]} vs ${classes[j]}`).toBeGreaterThan(50);

  // The class mix slides from the chosen class (Ankle boot) to another one, and back.
  const mix = page.getByRole('slider', { name: 'Class mix' });
  await mix.focus();
  await page.keyboard.press('End');
  await expect(page.locator('.class-mix output')).toHaveText(/^0% Ankle boot, 100% /);
  expect(differingValues(await editor.pixels(), frames.at(-1)!)).toBeGreaterThan(50);
  await page.keyboard.press('Home');
  await editor.expectFrame(frames.at(-1)!);

  // The discriminator judges the image on screen.
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('% real');
  const finalScore = Number(await verdict.getAttribute('data-score'));
  expect(Number.isFinite(finalScore)).toBe(true);

  // Scrubbing the timeline: the same latent and class through the snapshots, each frame its own.
  const timeline = page.getByRole('slider', { name: 'Training time' });
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('timeline-step')).toContainText('after 40 training steps');
  const snapshots: number[][] = [await editor.pixels()];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowRight');
    snapshots.push(await editor.pixels());
  }
  await expect(page.getByTestId('timeline-step')).toHaveText('Final generator');
  expect(snapshots.at(-1)).toEqual(frames.at(-1));
  for (let i = 1; i < snapshots.length; i++)
    expect(differingValues(snapshots[i - 1]!, snapshots[i]!), `snapshot ${i - 1} vs ${i}`).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  await editor.settle();
  await expect(verdict).toContainText('% real');
  expect(Number(await verdict.getAttribute('data-score'))).not.toBe(finalScore);

  await page.getByRole('combobox', { name: /^Model/ }).selectOption('celeba64');
  await expect(page.getByRole('heading', { name: 'Attributes', exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(page).not.toHaveURL(/model=/);
  expect(await editor.memory()).toBe(faceTensors);
});

test('?model=fashion32 opens the clothing model directly', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./?backend=wasm&model=fashion32');
  await expect(page.getByRole('heading', { name: 'Class', exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole('combobox', { name: /^Model/ })).toHaveValue('fashion32');
});
