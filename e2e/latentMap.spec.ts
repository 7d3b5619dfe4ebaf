// The latent map, "faces like this one" and the latent chart, on the real model in Chromium (WASM). Behaviour only:
// picking changes the face, the marker follows it, and no tensor is left behind.
import { differingValues, expect, test, type EditorPage } from './fixtures';
import { photoFlow } from './flows';

test.describe.configure({ timeout: 300_000 });

async function openWithMap(editor: EditorPage) {
  await editor.open();
  const map = editor.page.getByTestId('latent-map');
  await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await editor.settle();
  return map;
}

/** The seed the face on screen was drawn from, as the seed field shows it. */
async function currentSeed(editor: EditorPage): Promise<string | null> {
  const placeholder = await editor.page.getByRole('textbox', { name: 'Seed', exact: true }).getAttribute('placeholder');
  return /current: (\d+)/.exec(placeholder ?? '')?.[1] ?? null;
}

test('the map picks faces: a thumbnail by mouse and by keyboard, a point; the marker follows; undo returns', async ({
  editor,
  page,
}) => {
  const map = await openWithMap(editor);
  const tensors = await editor.memory();
  const thumbs = map.getByRole('button', { name: /^Pick map face \d+$/ });
  await expect(thumbs).toHaveCount(16);

  const before = await editor.pixels();
  const hereBefore = await map.getAttribute('data-here');
  const seedBefore = await currentSeed(editor);
  const thumb = thumbs.nth(4);
  const seed = /Seed (\d+)/.exec((await thumb.getAttribute('title'))!)![1]!;
  await thumb.click();
  const after = await editor.pixels();
  expect(differingValues(before, after)).toBeGreaterThan(1000);
  expect(await currentSeed(editor)).toBe(seed);
  await expect(map).not.toHaveAttribute('data-here', hereBefore!);
  // The marker now sits on the picked thumbnail's point (the thumbnail is centred on it).
  const [hx, hy] = (await map.getAttribute('data-here'))!.split(',').map(Number);
  const box = (await thumb.boundingBox())!;
  const area = (await map.boundingBox())!;
  const scale = area.width / 320;
  expect(Math.abs(area.x + hx! * scale - (box.x + box.width / 2))).toBeLessThan(3);
  expect(Math.abs(area.y + hy! * scale - (box.y + box.height / 2))).toBeLessThan(3);

  // One undo step back to the face before.
  await page.keyboard.press('Control+z');
  await editor.expectFrame(before, 'undo returns to the face before the pick');
  expect(await currentSeed(editor)).toBe(seedBefore);

  // Keyboard only: focus a thumbnail, Enter.
  const other = thumbs.nth(9);
  const otherSeed = /Seed (\d+)/.exec((await other.getAttribute('title'))!)![1]!;
  await other.focus();
  await page.keyboard.press('Enter');
  await editor.settle();
  expect(await currentSeed(editor)).toBe(otherSeed);

  // A click on a bare point of the cloud picks the face there too.
  const pixels = await editor.pixels();
  const canvas = map.locator('canvas').first();
  const spot = await canvas.evaluate((el) => {
    // The first point of the cloud that no thumbnail covers: its colour is the theme's --map-point.
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = getComputedStyle(c.parentElement!).getPropertyValue('--map-point');
    probe.fillRect(0, 0, 1, 1);
    const [pr, pg, pb] = probe.getImageData(0, 0, 1, 1).data;
    const covered = Array.from(document.querySelectorAll('.map-thumb'), (b) => b.getBoundingClientRect());
    const r = c.getBoundingClientRect();
    for (let y = 0; y < c.height; y += 2) {
      for (let x = 0; x < c.width; x += 2) {
        const k = (y * c.width + x) * 4;
        const far = Math.abs(data[k]! - pr!) + Math.abs(data[k + 1]! - pg!) + Math.abs(data[k + 2]! - pb!);
        if (data[k + 3]! < 60 || far > 40) continue;
        const px = r.left + (x / c.width) * r.width;
        const py = r.top + (y / c.height) * r.height;
        if (covered.some((b) => px > b.left - 12 && px < b.right + 12 && py > b.top - 12 && py < b.bottom + 12))
          continue;
        return { x: px - r.left, y: py - r.top };
      }
    }
    return null;
  });
  expect(spot).not.toBeNull();
  await canvas.click({ position: spot! });
  expect(differingValues(pixels, await editor.pixels())).toBeGreaterThan(1000);

  // A slider edit moves the marker and extends the path.
  const trail = Number(await map.getAttribute('data-trail'));
  const here = await map.getAttribute('data-here');
  const male = editor.slider('Male');
  await male.focus();
  for (let i = 0; i < 6; i++) await male.press('ArrowRight');
  await editor.settle();
  await expect(map).not.toHaveAttribute('data-here', here!);
  expect(Number(await map.getAttribute('data-trail'))).toBeGreaterThan(trail);

  // A new sample: other faces and thumbnails, and still no tensor left behind.
  const firstThumb = await thumbs.first().getAttribute('title');
  await page.getByRole('button', { name: 'New sample' }).click();
  await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(thumbs.first()).not.toHaveAttribute('title', firstThumb!);
  expect(await editor.memory()).toBe(tensors);
});

test('faces like this one: listed with pictures, each pickable; the chart follows the face', async ({
  editor,
  page,
}) => {
  await openWithMap(editor);
  const tensors = await editor.memory();
  const similar = page.getByTestId('similar-faces');
  const items = similar.getByRole('button');
  await expect(items).toHaveCount(6);
  await expect(similar).toHaveAttribute('data-drawn', 'true');
  // Pictures, not blank canvases.
  const lit = await similar
    .locator('canvas')
    .first()
    .evaluate((el) => {
      const c = el as HTMLCanvasElement;
      return (
        c.width > 1 &&
        c
          .getContext('2d')!
          .getImageData(0, 0, c.width, c.height)
          .data.some((v, i) => i % 4 !== 3 && v > 0)
      );
    });
  expect(lit).toBe(true);

  const chart = page.getByTestId('latent-chart');
  const chartBefore = await chart.getAttribute('aria-label');
  const before = await editor.pixels();
  const first = items.first();
  const name = (await first.locator('span').textContent())!;
  await first.click();
  await editor.settle();
  expect(differingValues(before, await editor.pixels())).toBeGreaterThan(1000);
  expect(`Seed ${await currentSeed(editor)}`).toBe(name);
  await expect(chart).not.toHaveAttribute('aria-label', chartBefore!);
  // The face picked is no longer offered as like itself; the list is still full.
  await expect(items).toHaveCount(6);
  await expect(similar.getByRole('button', { name: new RegExp(`^${name}$`) })).toHaveCount(0);

  // The chart's attribute values follow a slider live.
  const smileRow = page.getByRole('list', { name: 'Attribute values y' }).getByRole('listitem').nth(2);
  const smileBefore = await smileRow.textContent();
  const smile = editor.slider('Smile');
  await smile.focus();
  await smile.press('ArrowRight');
  await expect(smileRow).not.toHaveText(smileBefore!);

  await expect(similar).toHaveAttribute('data-drawn', 'true');
  expect(await editor.memory()).toBe(tensors);
});

test('a photo face is on the map: the cross while it is on screen, a photo marker once another face is', async ({
  editor,
  page,
}) => {
  const map = await openWithMap(editor);
  await photoFlow(editor, page, 0, false);
  await editor.settle();
  await expect(map).toHaveAttribute('data-photo-markers', '0');
  const here = await map.getAttribute('data-here');
  await map
    .getByRole('button', { name: /^Pick map face \d+$/ })
    .first()
    .click();
  await expect(map).toHaveAttribute('data-photo-markers', '1');
  await expect(map).not.toHaveAttribute('data-here', here!);

  // A face near the photo's (a step of a sweep of one z number around it) has the photo as its nearest of "faces like
  // this one", ahead of the 1,000 sampled faces (the nearest of those is ~10 away).
  await editor.page
    .getByRole('list', { name: 'Recent faces' })
    .getByRole('button', { name: /^Photo: / })
    .click();
  const iv = editor.page.getByRole('region', { name: 'Intervene' });
  await iv.getByLabel('Dimension', { exact: true }).fill('3');
  await iv.getByLabel('Faces', { exact: true }).fill('5');
  await iv.getByRole('button', { name: 'Sweep' }).click();
  await expect(iv.getByTestId('sweep-face')).toHaveCount(5);
  await iv.getByTestId('sweep-face').nth(3).click();
  await expect(editor.page.getByTestId('similar-faces').getByRole('button').first()).toHaveText(/^Photo: /);
});
