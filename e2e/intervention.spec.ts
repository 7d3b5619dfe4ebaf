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

/** Sweeps latent dimension `dim` in `steps` faces and checks that each face of the strip differs from the one before. */
async function sweepDimension(iv: Locator, dim: number, steps: number): Promise<void> {
  await iv.getByLabel('Dimension', { exact: true }).fill(String(dim));
  await iv.getByLabel('Faces', { exact: true }).fill(String(steps));
  await iv.getByRole('button', { name: 'Sweep' }).click();
  await expect(iv.getByRole('list', { name: `Faces along z${dim}` }).getByTestId('sweep-face')).toHaveCount(steps);
  const faces = await stripPixels(iv);
  for (let s = 1; s < faces.length; s++) {
    expect(differingValues(faces[s - 1]!, faces[s]!), `faces ${s - 1} and ${s} differ`).toBeGreaterThan(100);
  }
}

/** First and last reading of `label` (an attribute, or a picture measure) along the strip. */
async function readingEnds(iv: Locator, label: string): Promise<[number, number]> {
  const row = iv.getByTestId('sweep-reading').filter({ hasText: new RegExp(`^${label.replace(/[()/]/g, '\\$&')}`) });
  const text = await row.locator('td.value').innerText();
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

  await sweepDimension(iv, 5, 7);
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
  // It joins the recent faces named after its axis and value, not as a pasted face.
  const recent = editor.page.getByRole('list', { name: 'Recent faces' });
  await expect(recent.getByRole('button', { pressed: true })).toHaveText(/^Sweep: Smile = \+?-?[\d.]+$/);
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
  await expect(iv.getByRole('table', { name: 'Top dimensions per reading' }).locator('tbody tr')).toHaveCount(
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

test('on the clothing model: a z sweep shows distinct garments read by E_y and by picture measures; a class sweep narrows a T-shirt into trousers; the ranking measures them too', async ({
  editor,
  page,
}) => {
  await page.goto('./?backend=wasm&model=fashion32');
  await expect(page.getByRole('heading', { name: 'Class', exact: true })).toBeVisible({ timeout: 180_000 });
  await editor.newFace(44);
  await page.getByRole('radio', { name: 'T-shirt/top', exact: true }).check();
  await editor.settle();
  const tensors = await editor.memory();
  const iv = panel(editor);
  const classes = 10;
  const measures = ['Brightness', 'Width', 'Height', 'Area', 'Flare (lower vs upper width)'];

  // z10 is the dimension the ranking finds brightening garments most (docs/intervention-fashion.md).
  await sweepDimension(iv, 10, 7);
  await expect(iv.getByTestId('sweep-reading')).toHaveCount(classes + measures.length);
  await expect(iv.locator('[data-testid=sweep-reading][data-source=picture]')).toHaveCount(measures.length);
  for (const m of measures) await readingEnds(iv, m);
  const [dark, bright] = await readingEnds(iv, 'Brightness');
  expect(bright - dark).toBeGreaterThan(0.1);

  // Moving the Trouser weight from 0 to 1 on a T-shirt: E_y reads trousers more, and the garment gets narrower.
  await iv.getByLabel('What to move').selectOption({ label: 'Trouser' });
  await iv.getByRole('button', { name: 'Sweep' }).click();
  await expect(iv.getByRole('list', { name: 'Faces along Trouser' }).getByTestId('sweep-face')).toHaveCount(7);
  const [notTrouser, trouser] = await readingEnds(iv, 'Trouser');
  expect(trouser - notTrouser).toBeGreaterThan(0.3);
  const [wide, narrow] = await readingEnds(iv, 'Width');
  expect(wide - narrow).toBeGreaterThan(0.05);

  // A small ranking runs to done, with a row of top dimensions for every class and every measure.
  await iv.getByLabel('Dimensions', { exact: true }).fill('8');
  await iv.getByLabel('Faces each', { exact: true }).fill('2');
  await iv.getByRole('button', { name: 'Rank dimensions' }).click();
  await expect(iv.locator('.iv-progress')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(iv.getByTestId('ranking-row')).toHaveCount(8);
  const summary = iv.getByRole('table', { name: 'Top dimensions per reading' });
  await expect(summary.locator('tbody tr')).toHaveCount(classes + measures.length);
  await expect(summary.locator('tbody tr[data-source=picture] th')).toHaveText(measures);
  // Sorting by a measure, and sweeping the direction that the ranking says widens garments most.
  await iv.getByLabel('Sort by').selectOption({ label: 'Width' });
  await expect(iv.getByRole('table', { name: 'Dimensions ranked' })).toContainText('Width per σ');
  await iv.getByLabel('What to move').selectOption({ label: 'z towards Width' });
  await expect(iv.getByRole('list', { name: 'Faces along z towards Width' }).getByTestId('sweep-face')).toHaveCount(7);
  const [narrower, wider] = await readingEnds(iv, 'Width');
  expect(wider).toBeGreaterThan(narrower);

  // Ranked again on T-shirts only (the class on screen): another ranking, and it says so.
  await iv.getByLabel('Only the class on screen').check();
  await iv.getByRole('button', { name: 'Rank dimensions' }).click();
  await expect(iv.locator('.iv-progress [role=status]')).toContainText('Done: 8 dimensions on T-shirt/top faces', {
    timeout: 120_000,
  });
  expect(await editor.memory()).toBe(tensors);
});
