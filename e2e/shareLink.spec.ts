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
