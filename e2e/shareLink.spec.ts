import { makeCustomAttribute } from './customAttributeFlow';
import { EditorPage, differingValues, expect, test } from './fixtures';

test.beforeEach(async ({ editor }) => {
  await editor.open();
});

test('a share link reproduces the same pixels in a new page; a tampered or cut one is explained', async ({
  editor,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await makeCustomAttribute(editor, page, 'Hat', { has: [21, 22], hasnt: [23, 24] });
  await editor.newFace(321);
  const tensors = await editor.memory();
  await editor.slider('Smile').focus();
  await page.keyboard.press('End');
  await editor.slider('Hat').fill('1.3');
  const sent = await editor.pixels();

  await page.getByRole('button', { name: 'Copy share link' }).click();
  await expect(page.getByTestId('notice')).toContainText('Share link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#face=[A-Za-z0-9_-]+$/);
  await expect(page.getByLabel('Link', { exact: true })).toHaveValue(link);
  expect(await editor.memory()).toBe(tensors);

  // A new page (a fresh app) opening the link draws exactly the same pixels, with the custom slider where it was.
  const other = new EditorPage(await context.newPage(), editor.backend, editor.manifest);
  await other.page.goto(link);
  await expect(other.page.getByTestId('backend')).toBeVisible({ timeout: 180_000 });
  await expect(other.page.getByTestId('notice')).toContainText('Shared face opened with 1 custom slider');
  await other.expectFrame(sent, 'the shared face');
  await expect(other.slider('Hat')).toHaveValue('1.3');
  expect(new URL(other.page.url()).hash).toBe('');

  // A changed character or a cut link: a notice, and the app goes on with its own face.
  const at = link.length - 30;
  const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  for (const [bad, message] of [
    [tampered, 'checksum does not match'],
    [link.slice(0, link.length - 200), 'checksum does not match'],
    [link.replace('#face=', '#face=%%'), 'characters a share link never has'],
  ] as const) {
    const fresh = new EditorPage(await context.newPage(), editor.backend, editor.manifest);
    await fresh.page.goto(bad);
    await expect(fresh.page.getByTestId('backend')).toBeVisible({ timeout: 180_000 });
    await expect(fresh.page.getByTestId('notice')).toContainText(message);
    const own = await fresh.pixels();
    expect(differingValues(own, sent)).toBeGreaterThan(0);
    await fresh.newFace(5);
    expect(differingValues(own, await fresh.pixels())).toBeGreaterThan(0);
    await fresh.page.close();
  }
});

test('a link names its model: a clothing link opens the clothing model with the same pixels, a face link switches back', async ({
  editor,
  page,
  context,
}) => {
  test.setTimeout(480_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const copyLink = async (p = page) => {
    await p.getByRole('button', { name: 'Copy share link' }).click();
    await expect(p.getByTestId('notice')).toContainText('Share link copied');
    return p.evaluate(() => navigator.clipboard.readText());
  };
  const faceTensors = await editor.memory();
  await editor.newFace(321);
  const sentFace = await editor.pixels();
  const faceLink = await copyLink();
  expect(faceLink).toMatch(/\?backend=wasm&model=celeba64#face=/);

  await page.getByRole('combobox', { name: /^Model/ }).selectOption('fashion32');
  await expect(page.getByRole('heading', { name: 'Class', exact: true })).toBeVisible({ timeout: 180_000 });
  await page.getByRole('radio', { name: 'Dress', exact: true }).check();
  await editor.newFace(44);
  const sentGarment = await editor.pixels();
  expect(sentGarment.length).toBe(32 * 32 * 4);
  const garmentLink = await copyLink();
  expect(garmentLink).toMatch(/\?backend=wasm&model=fashion32#face=/);

  // A new page opening the clothing link loads the clothing model and draws exactly the same garment.
  const other = new EditorPage(await context.newPage(), editor.backend, editor.manifest);
  await other.page.goto(garmentLink);
  await expect(other.page.getByRole('heading', { name: 'Class', exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(other.page.getByTestId('notice')).toContainText('Shared face opened');
  await expect(other.page.getByRole('combobox', { name: /^Model/ })).toHaveValue('fashion32');
  await other.expectFrame(sentGarment, 'the shared garment');
  expect(new URL(other.page.url()).hash).toBe('');

  // The face link put into that tab (only the fragment changes, so no reload): it switches back to faces.
  await other.page.evaluate((hash) => (window.location.hash = hash), new URL(faceLink).hash);
  await expect(other.page.getByRole('heading', { name: 'Attributes', exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(other.page.getByTestId('notice')).toContainText('Shared face opened');
  await other.expectFrame(sentFace, 'the shared face after switching back');
  expect(new URL(other.page.url()).search).toBe('?backend=wasm');
  expect(new URL(other.page.url()).hash).toBe('');
  expect(await other.memory()).toBe(faceTensors);
  await other.page.close();

  // A link made before links named their model still opens as a face link; a changed model name is explained.
  for (const [url, check] of [
    [faceLink.replace('&model=celeba64', ''), 'old'],
    [garmentLink.replace('model=fashion32', 'model=fashion99'), 'tampered'],
  ] as const) {
    const fresh = new EditorPage(await context.newPage(), editor.backend, editor.manifest);
    await fresh.page.goto(url);
    await expect(fresh.page.getByTestId('backend')).toBeVisible({ timeout: 180_000 });
    await expect(fresh.page.getByRole('combobox', { name: /^Model/ })).toHaveValue('celeba64');
    if (check === 'old') {
      await expect(fresh.page.getByTestId('notice')).toContainText('Shared face opened');
      await fresh.expectFrame(sentFace, 'a link without a model name');
    } else {
      await expect(fresh.page.getByTestId('notice')).toContainText('a model called "fashion99"');
      expect(new URL(fresh.page.url()).search).toBe('?backend=wasm');
      const own = await fresh.pixels();
      await fresh.newFace(5);
      expect(differingValues(own, await fresh.pixels())).toBeGreaterThan(0);
    }
    await fresh.page.close();
  }
});
