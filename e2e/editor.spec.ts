import { readFile } from 'node:fs/promises';
import { differingValues, expect, test } from './fixtures';

// The whole editing flow, in the wasm and webgpu projects (playwright.config.ts).
test.beforeEach(async ({ editor }) => {
  await editor.open();
});

test('every attribute slider changes the face and its reset restores it exactly', async ({ editor, page }) => {
  const before = await editor.pixels();
  for (const { label } of editor.manifest.attributes) {
    const slider = editor.slider(label);
    await slider.focus();
    await page.keyboard.press('End');
    const edited = await editor.pixels();
    expect(differingValues(before, edited), `${label} should change pixels`).toBeGreaterThan(0);
    await page.getByRole('button', { name: `Reset ${label}` }).click();
    await editor.expectFrame(before, `${label} reset`);
  }
  await editor.slider(editor.manifest.attributes[0]!.label).focus();
  await page.keyboard.press('Home');
  await editor.slider(editor.manifest.attributes[1]!.label).focus();
  await page.keyboard.press('End');
  expect(differingValues(before, await editor.pixels())).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Reset all' }).click();
  await editor.expectFrame(before);
});

test('the same seed reproduces the same face', async ({ editor }) => {
  await editor.newFace(1234);
  const first = await editor.pixels();
  await editor.newFace(99);
  expect(differingValues(first, await editor.pixels())).toBeGreaterThan(0);
  await editor.newFace(1234);
  await editor.expectFrame(first);
});

test('interpolation reproduces A at t = 0 and B at t = 1', async ({ editor, page }) => {
  await editor.newFace(1);
  const a = await editor.pixels();
  await editor.newFace(2);
  const b = await editor.pixels();
  await page.getByLabel('Face A').selectOption({ label: 'Seed 1' });
  await page.getByLabel('Face B').selectOption({ label: 'Seed 2' });
  const t = page.getByRole('slider', { name: 't', exact: true });
  await t.focus();
  await page.keyboard.press('Home');
  await editor.expectFrame(a);
  await page.keyboard.press('End');
  await editor.expectFrame(b);
  await t.fill('0.5');
  const mid = await editor.pixels();
  expect(differingValues(mid, a)).toBeGreaterThan(0);
  expect(differingValues(mid, b)).toBeGreaterThan(0);
});

test('undo and redo: one drag is one step, shortcuts and buttons', async ({ editor, page }) => {
  const start = await editor.pixels();
  const label = editor.manifest.attributes[0]!.label;
  const box = (await editor.slider(label).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + (i * box.width) / 22, y);
  await page.mouse.up();
  const dragged = await editor.pixels();
  expect(differingValues(start, dragged)).toBeGreaterThan(0);

  await page.keyboard.press('ControlOrMeta+z');
  await editor.expectFrame(start); // the whole drag undone at once
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await editor.expectFrame(dragged);
  await page.getByRole('button', { name: 'Undo' }).click();
  await editor.expectFrame(start);
  await page.getByRole('button', { name: 'Redo' }).click();
  await editor.expectFrame(dragged);
});

test('hold to compare shows the face before edits', async ({ editor, page }) => {
  const start = await editor.pixels();
  await editor.slider(editor.manifest.attributes[0]!.label).focus();
  await page.keyboard.press('End');
  const edited = await editor.pixels();
  const compare = page.getByRole('button', { name: 'Hold to compare' });
  await compare.hover();
  await page.mouse.down();
  await editor.expectFrame(start);
  await page.mouse.up();
  await editor.expectFrame(edited);
});

test('downloads PNGs at native size, 256 and 512', async ({ editor, page }) => {
  for (const size of [...new Set([editor.manifest.resolution, 256, 512])]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `PNG ${size}` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${size}\\.png$`));
    const png = await readFile((await download.path())!);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});

test('copies the face as JSON and pastes it back; bad JSON is explained', async ({ editor, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await editor.slider(editor.manifest.attributes[0]!.label).focus();
  await page.keyboard.press('End');
  const original = await editor.pixels();
  await page.getByRole('button', { name: 'Copy face JSON' }).click();
  await expect(page.getByTestId('notice')).toContainText('copied');
  const json = await page.evaluate(() => navigator.clipboard.readText());
  const face = JSON.parse(json) as { model: string; latent: number[]; attributes: Record<string, number> };
  expect(face.model).toBe(editor.manifest.id);
  expect(face.latent).toHaveLength(editor.manifest.latent.size);
  expect(Object.keys(face.attributes)).toEqual(editor.manifest.attributes.map((a) => a.name));

  await editor.newFace(4321);
  expect(differingValues(original, await editor.pixels())).toBeGreaterThan(0);
  const box = page.getByLabel('Face JSON');
  const load = page.getByRole('button', { name: 'Load face from JSON' });
  await box.fill(json);
  await load.click();
  await editor.expectFrame(original);

  await box.fill('{"model": ');
  await load.click();
  await expect(page.getByTestId('notice')).toContainText('not valid JSON');
  await box.fill(JSON.stringify({ ...face, model: 'someone-elses-model' }));
  await load.click();
  await expect(page.getByTestId('notice')).toContainText('someone-elses-model');
  await box.fill(JSON.stringify({ ...face, latent: face.latent.slice(1) }));
  await load.click();
  await expect(page.getByTestId('notice')).toContainText(`${editor.manifest.latent.size} numbers`);
  await editor.expectFrame(original);
});

test('1,000 slider updates leave the engine with as many tensors as before @stress', async ({ editor, page }) => {
  const canvas = page.getByTestId('face-canvas');
  const before = await editor.memory();
  const framesBefore = Number(await canvas.getAttribute('data-frames'));
  await editor.slider(editor.manifest.attributes[0]!.label).focus();
  for (let i = 0; i < 500; i++) {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
  }
  expect(await editor.memory()).toBe(before);
  // The updates really reached the engine (latest-wins drops some, but not all).
  expect(Number(await canvas.getAttribute('data-frames')) - framesBefore).toBeGreaterThan(10);
});
