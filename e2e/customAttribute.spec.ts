import { readFile } from 'node:fs/promises';
import { customPanel, makeCustomAttribute } from './customAttributeFlow';
import { differingValues, expect, test } from './fixtures';

test.beforeEach(async ({ editor }) => {
  await editor.open();
});

test('a custom attribute from picked faces: slider, correlations, undo, export / import, reload', async ({
  editor,
  page,
}) => {
  const tensors = await editor.memory();
  // Seeds 13 and 31 draw men from the prior, 11 and 14 women: the raw difference moves Male's input by +1 per unit.
  await makeCustomAttribute(editor, page, 'Hat', { has: [13, 31], hasnt: [11, 14] }, ['Male']);
  const panel = customPanel(page);
  // Sampled faces can be marked too, without joining the recent strip.
  await panel.getByRole('button', { name: 'Add 6 sample faces' }).click();
  await expect(panel.getByRole('button', { name: /^Has it\s*: Sample \d+$/ })).toHaveCount(6);

  // The correlations, measured by the model's own encoder over a sweep (engine.batch), before and after.
  await panel.getByText('About Hat').click();
  const table = panel.getByRole('table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.getByRole('columnheader', { name: 'After orthogonalising' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(1 + editor.manifest.attributes.length);
  const rows = await table.getByRole('row').allInnerTexts();
  test.info().annotations.push({ type: 'correlations (attribute, before, after)', description: rows.join(' | ') });
  const maleCells = table.getByRole('row', { name: /^Male/ }).getByRole('cell');
  const male = await maleCells.allTextContents();
  const [before, after] = male.map((cell) => (cell.startsWith('0 (no') ? 0 : parseFloat(cell)));
  const [changeBefore, changeAfter] = await maleCells.evaluateAll((cells) =>
    cells.map((c) => Number(c.getAttribute('data-change'))),
  );
  // The picked men made the raw vector move E_y's Male reading...
  expect(Math.abs(before!)).toBeGreaterThan(0.8);
  expect(Math.abs(changeBefore!)).toBeGreaterThan(1);
  // ...and once orthogonal to Male (its y axis and what moves the encoder's reading of it, in z too), its reading
  // hardly follows the slider: removing the axis alone left r -0.76 (the z part moved it).
  expect(Math.abs(after!)).toBeLessThan(0.5);
  expect(Math.abs(changeAfter!)).toBeLessThan(0.25);

  // Its slider changes the picture, undoably, and its reset restores it exactly.
  const unedited = await editor.pixels();
  const hat = editor.slider('Hat');
  await hat.focus();
  await page.keyboard.press('End');
  const edited = await editor.pixels();
  expect(differingValues(unedited, edited)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await editor.expectFrame(unedited);
  await page.getByRole('button', { name: 'Redo' }).click();
  await editor.expectFrame(edited);
  await page.getByRole('button', { name: 'Reset Hat' }).click();
  await editor.expectFrame(unedited);

  // Export, delete, import: the same slider comes back and makes the same picture.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`custom-attributes-${editor.manifest.id}.json`);
  const text = await readFile((await download.path())!, 'utf8');
  const file = JSON.parse(text) as { model: string; customAttributes: { name: string; vector: number[] }[] };
  expect(file.model).toBe(editor.manifest.id);
  expect(file.customAttributes.map((c) => c.name)).toEqual(['Hat']);
  expect(file.customAttributes[0]!.vector).toHaveLength(
    editor.manifest.latent.size + editor.manifest.attributes.length,
  );
  await panel.getByRole('button', { name: 'Delete Hat' }).click();
  await expect(editor.slider('Hat')).toHaveCount(0);
  const importInput = panel.getByLabel('Import JSON');
  await importInput.setInputFiles({ name: 'hat.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('notice')).toContainText('Imported 1 custom attribute');
  await editor.slider('Hat').focus();
  await page.keyboard.press('End');
  await editor.expectFrame(edited);

  // A malformed file and another model's file are refused with a message, and nothing is lost.
  await importInput.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":'),
  });
  await expect(page.getByTestId('notice')).toContainText('Nothing was imported. That file is not valid JSON');
  const foreign = JSON.stringify({ ...file, model: 'someone-elses-model' });
  await importInput.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(foreign) });
  await expect(page.getByTestId('notice')).toContainText('someone-elses-model');
  await expect(editor.slider('Hat')).toHaveCount(1);
  await editor.expectFrame(edited);
  await page.getByRole('button', { name: 'Reset Hat' }).click();
  expect(await editor.memory()).toBe(tensors);

  // The browser keeps it (localStorage, per model).
  await page.reload();
  await expect(page.getByTestId('backend')).toBeVisible({ timeout: 180_000 });
  await expect(editor.slider('Hat')).toBeVisible();
});
