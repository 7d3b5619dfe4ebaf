import { differingValues, expect, test } from './fixtures';

test('loads, reports its backend, and a slider changes the face until reset', async ({ editor, backend, page }) => {
  await editor.open();
  const shown = await page.getByTestId('backend').textContent();
  if (backend === 'auto') {
    // This machine's WebGPU adapter is SwiftShader (software): the automatic choice must not pick it.
    expect(['webgl', 'wasm', 'cpu']).toContain(shown);
  } else {
    expect(shown).toBe(backend);
  }

  const label = editor.manifest.attributes[0]!.label;
  const before = await editor.pixels();
  expect(before.length).toBe(editor.manifest.resolution ** 2 * 4);
  await editor.slider(label).focus();
  await page.keyboard.press('End');
  const after = await editor.pixels();
  expect(differingValues(before, after)).toBeGreaterThan(0);

  await page.getByRole('button', { name: `Reset ${label}` }).click();
  await editor.expectFrame(before);
});
