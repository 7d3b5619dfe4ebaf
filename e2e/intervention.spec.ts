// Interventions on the real model in Chromium (WASM): sweep one latent dimension or attribute and see the faces and
// E_y's readings along it; rank dimensions (a small configuration from the panel's own fields), cancel a ranking, and
// leave no tensor behind.
import type { Locator } from '@playwright/test';
import { differingValues, expect, test, type EditorPage } from './fixtures';

test.describe.configure({ timeout: 300_000 });

function panel(editor: EditorPage): Locator {
  return editor.page.getByRole('region', { name: 'Intervene' });
}

/** Each strip face's RGBA pixels, as drawn. */
async function stripPixels(iv: Locator): Promise<number[][]> {
  return iv.getByTestId('sweep-face').evaluateAll((buttons) =>
    buttons.map((b) => {
      const c = b.querySelector('canvas')!;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    }),
  );
}

/** First and last E_y reading of attribute `label` along the strip. */
async function readingEnds(iv: Locator, label: string): Promise<[number, number]> {
  const text = await iv.getByTestId('sweep-reading').filter({ hasText: label }).locator('td.value').innerText();
  const m = /(-?\d+\.\d+)\s*→\s*(-?\d+\.\d+)/.exec(text.replace('−', '-'));
  expect(m, `readings of ${label}: ${text}`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

test('sweeping a latent dimension shows distinct faces with readings; an attribute sweep moves its own reading; a pick changes the face', async ({
  editor,
}) => {
  await editor.open();
  const tensors = await editor.memory();
  const iv = panel(editor);

  await iv.getByLabel('Dimension', { exact: true }).fill('5');
  await iv.getByLabel('Faces', { exact: true }).fill('7');
  await iv.getByRole('button', { name: 'Sweep' }).click();
  await expect(iv.getByRole('list', { name: 'Faces along z5' }).getByTestId('sweep-face')).toHaveCount(7);
  const faces = await stripPixels(iv);
  for (let s = 1; s < faces.length; s++) {
    expect(differingValues(faces[s - 1]!, faces[s]!), `faces ${s - 1} and ${s} differ`).toBeGreaterThan(100);
  }
  await expect(iv.getByTestId('sweep-reading')).toHaveCount(editor.manifest.attributes.length);
  for (const a of editor.manifest.attributes) await readingEnds(iv, a.label);

  // The model's own encoder follows its condition: sweeping Smile from its min to its max raises the Smile reading.
  await iv.getByLabel('What to move').selectOption({ label: 'Smile' });
  await iv.getByRole('button', { name: 'Sweep' }).click();
  await expect(iv.getByRole('list', { name: 'Faces along Smile' }).getByTestId('sweep-face')).toHaveCount(7);
  const [first, last] = await readingEnds(iv, 'Smile');
  expect(last - first).toBeGreaterThan(0.5);

  const before = await editor.pixels();
  await iv.getByTestId('sweep-face').last().click();
  expect(differingValues(before, await editor.pixels())).toBeGreaterThan(1000);
  expect(await editor.memory()).toBe(tensors);
});

test('ranking: progress to done, a table of rows that sweep on click, kept for the session; cancel stops it', async ({
  editor,
}) => {
  await editor.open();
  const tensors = await editor.memory();
  const iv = panel(editor);
  // The panel's default is every dimension over 8 faces; a small ranking for the test, from the same fields.
  await expect(iv.getByLabel('Dimensions', { exact: true })).toHaveValue(String(editor.manifest.latent.size));
  await iv.getByLabel('Dimensions', { exact: true }).fill('8');
  await iv.getByLabel('Faces each', { exact: true }).fill('2');
  await iv.getByRole('button', { name: 'Rank dimensions' }).click();
  const progress = iv.getByRole('progressbar', { name: 'Ranking progress' });
  await expect(iv.locator('.iv-progress')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(await progress.evaluate((p: HTMLProgressElement) => p.value === p.max)).toBe(true);
  const done = await iv.locator('.iv-progress [role=status]').innerText();
  expect(done).toMatch(/Done: 8 dimensions/);
  await expect(iv.getByTestId('ranking-row')).toHaveCount(8);
  await expect(iv.getByRole('table', { name: 'Top dimensions per attribute' }).locator('tbody tr')).toHaveCount(
    editor.manifest.attributes.length,
  );

  const row = iv.getByTestId('ranking-row').nth(2);
  const dim = (await row.getByRole('button').innerText()).trim();
  await row.click();
  await expect(iv.getByRole('list', { name: `Faces along ${dim}` }).getByTestId('sweep-face')).toHaveCount(9);

  // A bigger ranking, cancelled part way: it stops, keeps what it finished, and the panel works again.
  await iv.getByLabel('Dimensions', { exact: true }).fill('64');
  await iv.getByLabel('Faces each', { exact: true }).fill('3');
  await iv.getByRole('button', { name: 'Rank dimensions' }).click();
  await expect(iv.locator('.iv-progress')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value)).toBeGreaterThan(0);
  await iv.getByRole('button', { name: 'Cancel' }).click();
  await expect(iv.locator('.iv-progress')).toHaveAttribute('data-state', 'cancelled');
  await expect(iv.getByRole('button', { name: 'Rank dimensions' })).toBeEnabled();

  // The first ranking is kept: asking again shows it at once, with the same timing.
  await iv.getByLabel('Dimensions', { exact: true }).fill('8');
  await iv.getByLabel('Faces each', { exact: true }).fill('2');
  await iv.getByRole('button', { name: 'Rank dimensions' }).click();
  await expect(iv.locator('.iv-progress [role=status]')).toHaveText(done);
  expect(await editor.memory()).toBe(tensors);
});
