// Teaching aids with the keyboard only: presenter mode and its shortcuts, and the "?" explanations. Real model, real
// Chromium; keys go to whatever has focus, as they would for a teacher at the front of a room.
import { differingValues, expect, test } from './fixtures';

test('presenter mode, keyboard only: enter, new face, recent strip, play, nudge, undo, shortcut list, leave', async ({
  editor,
  page,
}) => {
  await editor.open();
  const tensors = await editor.memory();
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  const keys = page.getByTestId('presenter-keys');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('p');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(keys).toBeVisible();
  await expect(keys).toContainText('New random face');
  await expect(page.locator('html')).toHaveClass(/presenting/);
  expect(new URL(page.url()).searchParams.has('present')).toBe(true);

  // N: a new face; [ goes back along the recent strip to the first one, ] forward again.
  const first = await editor.pixels();
  await page.keyboard.press('n');
  const second = await editor.pixels();
  expect(differingValues(first, second)).toBeGreaterThan(100);
  await page.keyboard.press(']');
  await editor.expectFrame(first, '] shows the next (older) face in the strip');
  await page.keyboard.press('[');
  await editor.expectFrame(second, '[ comes back');

  // Keys typed into a text field are text, not shortcuts.
  const seed = page.getByLabel('Seed');
  await seed.focus();
  await page.keyboard.type('np');
  await expect(seed).toHaveValue('np');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await editor.expectFrame(second, 'typing N in the seed field made no face');
  await seed.fill('');
  await seed.evaluate((el) => (el as HTMLInputElement).blur());

  // K plays from the previous face to this one, and K again pauses.
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press(']'); // back to a plain face, out of the interpolation
  await editor.settle();

  // 3 picks the third attribute (Smile), + nudges it a twentieth of its range, Ctrl+Z takes that back.
  const smile = editor.slider('Smile');
  const before = Number(await smile.inputValue());
  await page.keyboard.press('3');
  await expect(page.getByTestId('presenter-nudged')).toContainText('Smile');
  const plain = await editor.pixels();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(async () => Number(await smile.inputValue())).toBeCloseTo(before + 0.4, 5);
  expect(differingValues(plain, await editor.pixels())).toBeGreaterThan(10);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Number(await smile.inputValue())).toBeCloseTo(before + 0.2, 5);

  // ? opens the full list (it names presenter mode); Escape closes it and stays in presenter mode.
  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(list).toBeVisible();
  await expect(list).toContainText('Presenter mode');
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // Escape again leaves presenter mode.
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(keys).toBeHidden();
  await expect(page.locator('html')).not.toHaveClass(/presenting/);
  expect(new URL(page.url()).searchParams.has('present')).toBe(false);
  // Outside presenter mode, N is no shortcut.
  const after = await editor.pixels();
  await page.keyboard.press('n');
  await editor.expectFrame(after, 'N outside presenter mode made no face');

  expect(await editor.memory()).toBe(tensors);
});

test('?present in the URL opens in presenter mode', async ({ editor, page }) => {
  await page.goto('./?backend=wasm&present');
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('presenter-keys')).toBeVisible();
  await editor.settle();
});

test('every explanation on screen opens with Enter and closes with Escape, focus back on its button', async ({
  editor,
  page,
}) => {
  await editor.open();
  const explains = page.locator('.explain');
  const topics = await explains.evaluateAll((els) => els.map((el) => el.getAttribute('data-topic')));
  expect(topics).toEqual(expect.arrayContaining(['z-and-y', 'generator', 'slerp-vs-lerp', 'inversion']));
  for (let i = 0; i < topics.length; i++) {
    const button = explains.nth(i).getByRole('button');
    const note = explains.nth(i).getByRole('note');
    await button.focus();
    await expect(note).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(button, topics[i]!).toHaveAttribute('aria-expanded', 'true');
    await expect(note).toBeVisible();
    expect((await note.innerText()).length, topics[i]!).toBeGreaterThan(80);
    expect(await button.getAttribute('aria-controls')).toBe(await note.getAttribute('id'));
    await page.keyboard.press('Escape');
    await expect(note).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  }
});
